// The quick-post window: small, on top, focused on the text box; it loads the renderer's #/quick-post route.

import type { BrowserWindow } from 'electron';
import { APP_START_URL } from './policy';
import { createMainWindow, revealWindow } from './window';

export const QUICK_POST_URL = `${APP_START_URL}#/quick-post`;
const SIZE = { width: 520, height: 460, minWidth: 400, minHeight: 320 };

export interface QuickPostWindowOptions {
  readonly preloadPath: string;
  /** While true (the app is quitting), closing destroys the window instead of hiding it. */
  readonly quitting: () => boolean;
}

export interface QuickPostWindow {
  /** Shows the window (creating it the first time), in front and focused. */
  open(): void;
  /** The window while it exists, for IPC trust and events. */
  window(): BrowserWindow | null;
  destroy(): void;
}

export function createQuickPostWindow(options: QuickPostWindowOptions): QuickPostWindow {
  let window: BrowserWindow | null = null;

  const create = (): BrowserWindow => {
    // The one secure window factory (sandbox, isolation, navigation guards), then resized: the factory shows the
    // window on ready-to-show, so nobody sees the main window's size first.
    const w = createMainWindow({
      preloadPath: options.preloadPath,
      startUrl: QUICK_POST_URL,
      // Hidden rather than closed, so it opens instantly next time and keeps an unsent draft.
      shouldHideOnClose: () => !options.quitting(),
    });
    w.setTitle('Quick post — Kairos');
    w.setMinimumSize(SIZE.minWidth, SIZE.minHeight);
    w.setSize(SIZE.width, SIZE.height);
    w.setMaximizable(false);
    w.setFullScreenable(false);
    w.setAlwaysOnTop(true, 'floating');
    w.setSkipTaskbar(true);
    w.center();
    w.on('closed', () => {
      if (window === w) window = null;
    });
    return w;
  };

  return {
    open() {
      if (!window || window.isDestroyed()) {
        window = create();
        return;
      }
      revealWindow(window);
      // The page puts the caret back in the text box when it sees focus.
      window.webContents.focus();
    },
    window: () => (window && !window.isDestroyed() ? window : null),
    destroy() {
      if (window && !window.isDestroyed()) window.destroy();
      window = null;
    },
  };
}
