// Which channels each shell may call: pages (the desktop window, browser mode) never reach what names files.

export type ShellName = 'electron' | 'browser' | 'cli';

/** Built by index.ts from the per-feature maps, so a new channel is only where its map puts it. */
export function shellChannelSets<C extends string>(
  pageChannels: readonly C[],
  desktopChannels: readonly C[],
  cliChannels: readonly C[],
): Readonly<Record<ShellName, ReadonlySet<C>>> {
  return {
    electron: new Set([...pageChannels, ...desktopChannels]),
    browser: new Set(pageChannels),
    cli: new Set([...pageChannels, ...cliChannels]),
  };
}
