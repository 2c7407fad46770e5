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

const SHELL_WORDS: Readonly<Record<ShellName, string>> = {
  electron: 'the desktop window',
  browser: 'browser mode',
  cli: 'the kairos command',
};

/** The refusal a shell gives for a channel that is not on its list; says where it does work. */
export function notAllowedMessage(shell: ShellName, channel: string): string {
  if (channel === 'media.addFile')
    return `${channel} is not available in ${SHELL_WORDS[shell]}: it reads a file by its path, which only the kairos command may do. Attach files with the Add button or by dropping them.`;
  return `${channel} is not available in ${SHELL_WORDS[shell]}.`;
}
