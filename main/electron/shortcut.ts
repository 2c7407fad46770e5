// The global quick-post shortcut: registered from the preference, re-registered when it changes, refusals reported.

import { globalShortcut } from 'electron';
import { checkAccelerator } from '../../shared/desktop/accelerator';
import { type DesktopPlatform, shortcutRefusedMessage } from './desktopRules';

export interface QuickPostShortcutOptions {
  readonly onPressed: () => void;
  /** Where a refusal goes (Settings shows it); null clears an earlier one. */
  readonly report: (problem: string | null) => void;
  readonly platform: DesktopPlatform;
  readonly wayland: boolean;
}

export interface QuickPostShortcut {
  /** Makes `accelerator` the shortcut; returns whether the system accepted it. */
  apply(accelerator: string): boolean;
  readonly current: () => string | null;
  dispose(): void;
}

export function createQuickPostShortcut(options: QuickPostShortcutOptions): QuickPostShortcut {
  let registered: string | null = null;

  const release = () => {
    if (registered !== null) globalShortcut.unregister(registered);
    registered = null;
  };

  return {
    apply(accelerator) {
      const checked = checkAccelerator(accelerator);
      if (!checked.ok) {
        options.report(`The quick-post shortcut is not valid: ${checked.error}`);
        return false;
      }
      if (checked.accelerator === registered) return true;
      release();
      let accepted: boolean;
      try {
        accepted = globalShortcut.register(checked.accelerator, options.onPressed);
      } catch (e) {
        // Electron throws an Error for accelerators it cannot parse on this platform; to the user it is the same
        // refusal, reported below.
        if (!(e instanceof Error)) throw e;
        accepted = false;
      }
      if (!accepted) {
        options.report(shortcutRefusedMessage(checked.accelerator, options.platform, options.wayland));
        return false;
      }
      registered = checked.accelerator;
      options.report(null);
      return true;
    },
    current: () => registered,
    dispose: release,
  };
}
