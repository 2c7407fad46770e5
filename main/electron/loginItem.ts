// "Open at login": Electron's login items on macOS and Windows, an XDG autostart entry on Linux.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';
import { autostartDesktopEntry, BACKGROUND_FLAG, type DesktopPlatform } from './desktopRules';

function autostartFile(): string {
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'autostart', 'kairos.desktop');
}

/** Applies the preference; returns what could not be done, in words, or null. */
export function applyOpenAtLogin(open: boolean, platform: DesktopPlatform): string | null {
  if (!app.isPackaged) {
    // From source the executable is Electron itself; a login item would start an empty Electron.
    return open ? 'Opening at login works in the installed Kairos app, not when it runs from source.' : null;
  }
  try {
    if (platform === 'linux') {
      const file = autostartFile();
      if (open) {
        mkdirSync(join(file, '..'), { recursive: true });
        // An AppImage runs from a temporary mount; APPIMAGE is the file the user keeps.
        writeFileSync(file, autostartDesktopEntry([process.env.APPIMAGE || process.execPath, BACKGROUND_FLAG]), 'utf8');
      } else if (existsSync(file)) {
        rmSync(file);
      }
      return null;
    }
    app.setLoginItemSettings({ openAtLogin: open, args: [BACKGROUND_FLAG] });
    return null;
  } catch (e) {
    return `Kairos could not change whether it opens at login (${(e as Error).message}). Check your system's login items.`;
  }
}

/** Whether this launch came from the login item, so the app should start in the tray. */
export function openedAtLogin(argv: readonly string[], platform: DesktopPlatform): boolean {
  if (argv.includes(BACKGROUND_FLAG)) return true;
  return platform === 'mac' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
