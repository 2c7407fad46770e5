// Which channels each shell may call: pages (the desktop window, browser mode) never reach what names files.

import type { Channel } from './index';

export type ShellName = 'electron' | 'browser' | 'cli';

/** Built by index.ts from the per-feature maps, so a new channel is only where its map puts it. */
export function shellChannelSets(
  pageChannels: readonly Channel[],
  desktopChannels: readonly Channel[],
  cliChannels: readonly Channel[],
): Readonly<Record<ShellName, ReadonlySet<Channel>>> {
  return {
    electron: new Set([...pageChannels, ...desktopChannels]),
    browser: new Set(pageChannels),
    cli: new Set([...pageChannels, ...cliChannels]),
  };
}
