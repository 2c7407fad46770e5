// The desktop shell's decisions as plain functions: launch flags, messages, quit confirmation, Linux autostart entry.

import { describeAccelerator } from '../../shared/desktop/accelerator';
import type { PostView } from '../../shared/domain';

/** `kairos --quick-post` opens the quick-post window (also from a second launch): a shortcut the OS can bind. */
export const QUICK_POST_FLAG = '--quick-post';
/** Passed by the login item: start in the tray without showing the main window. */
export const BACKGROUND_FLAG = '--background';

export const hasFlag = (argv: readonly string[], flag: string): boolean => argv.includes(flag);

export type DesktopPlatform = 'mac' | 'windows' | 'linux';

export function desktopPlatformOf(nodePlatform: string): DesktopPlatform {
  if (nodePlatform === 'darwin') return 'mac';
  if (nodePlatform === 'win32') return 'windows';
  return 'linux';
}

/** Said when globalShortcut.register returns false: what happened, and what to do instead. */
export function shortcutRefusedMessage(accelerator: string, platform: DesktopPlatform, wayland: boolean): string {
  const keys = describeAccelerator(accelerator, platform === 'mac' ? 'mac' : 'other');
  const base = `Kairos could not use ${keys} for quick post: another app or the system already uses it.`;
  if (wayland) {
    return `${base} On Wayland, apps cannot claim global shortcuts; add a system shortcut that runs "kairos ${QUICK_POST_FLAG}" instead.`;
  }
  return `${base} Pick another shortcut in Settings.`;
}

/** How far ahead "posts due soon" looks when the user quits. */
export const QUIT_WARNING_WINDOW_MS = 15 * 60_000;
/** Posts already due but not out (waiting for the network, retrying) would not go out either. */
export const QUIT_LOOKBACK_MS = 60 * 60_000;

export interface QuitQuestion {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly [keepRunning: string, quitAnyway: string];
}

/** The question to ask before quitting, or null when nothing is due soon. */
export function quitQuestion(posts: readonly PostView[], now: number): QuitQuestion | null {
  const pending = new Set(['scheduled', 'retrying', 'publishing']);
  const due = posts.filter(
    (p) =>
      p.scheduledAt !== null &&
      p.scheduledAt >= now - QUIT_LOOKBACK_MS &&
      p.scheduledAt <= now + QUIT_WARNING_WINDOW_MS &&
      p.targets.some((t) => pending.has(t.status)),
  );
  if (due.length === 0) return null;
  const minutes = QUIT_WARNING_WINDOW_MS / 60_000;
  return {
    message:
      due.length === 1 ? `A post is due in the next ${minutes} minutes.` : `${due.length} posts are due in the next ${minutes} minutes.`,
    detail:
      'If Kairos quits now, they will not go out until it runs again. Closing the window instead keeps Kairos publishing from the tray.',
    buttons: ['Keep Kairos running', 'Quit anyway'],
  };
}

/**
 * One Exec argument as the Desktop Entry Specification asks: % doubled (it starts field codes), quoted when it has
 * a reserved character, and then every backslash doubled again, because the file's string escapes are undone first.
 */
function execArgument(arg: string): string {
  const escapedPercent = arg.replace(/%/g, '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escapedPercent)) return escapedPercent;
  const quoted = `"${escapedPercent.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

/** ~/.config/autostart/kairos.desktop: how Linux desktops start an app at login (Electron's login items are macOS/Windows only). */
export function autostartDesktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Kairos',
    'Comment=Keeps your scheduled posts going out',
    `Exec=${command.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
