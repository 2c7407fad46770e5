// The one way Kairos makes a window, and the guards every web page in the app runs under.

import { BrowserWindow, type Session, shell, type WebContents } from 'electron';
import { isAppUrl, isExternalLinkAllowed } from './policy';

/** Kairos never needs camera, notifications-from-page, geolocation and the like: the main process does that work. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

function openInBrowser(url: string): void {
  if (!isExternalLinkAllowed(url)) return;
  shell.openExternal(url).catch((e: unknown) => {
    console.error(`Kairos could not open a link in the browser: ${(e as Error).message}`);
  });
}

/**
 * Applied to every WebContents the app creates (app "web-contents-created"), so a page that slips past one
 * guard still cannot open windows, leave the app's origin or embed a <webview>.
 */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** What every Kairos page runs under: isolated, sandboxed, no Node, no <webview>, no insecure content. */
export const LOCKED_WEB_PREFERENCES: Readonly<Electron.WebPreferences> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
};

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly startUrl: string;
  /** Return true to keep the app running with the window hidden instead of closing it. */
  readonly shouldHideOnClose: () => boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Kairos',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    webPreferences: { ...LOCKED_WEB_PREFERENCES, preload: options.preloadPath, spellcheck: true },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!options.shouldHideOnClose()) return;
    // Closing the window is not quitting: the scheduler must keep publishing from the tray.
    event.preventDefault();
    window.hide();
  });
  window.loadURL(options.startUrl).catch((e: unknown) => {
    console.error(`Kairos could not load its interface: ${(e as Error).message}`);
  });
  return window;
}

/** Brings the window to the front, restoring it from the taskbar or the tray. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
