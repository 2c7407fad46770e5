// Electron entry point: one instance, one secure window, a tray, and the shared backend behind IPC.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, powerMonitor, session } from 'electron';
import { type Backend, createBackend } from '../core/backend';
import { PRODUCT_NAME } from '../core/dataDir';
import { DatabaseDamagedError, restoreBackup } from '../core/db/database';
import { APP_VERSION } from '../core/version';
import { routedBackend } from '../core/workspace/desktopGateway';
import { FEATURES } from '../features';
import { notifyHighSeverityAlerts } from './alertNotifications';
import { type DesktopShell, installDesktopShell } from './desktop';
import { wireBackendIpc } from './ipc';
import { pickMediaFiles } from './mediaDialog';
import { APP_START_URL, chooseDataDir, dataDirFlag } from './policy';
import { registerAppScheme, serveRenderer } from './protocol';
import { notifyScheduledReports } from './reportNotifications';
import { printReportWithChromium } from './reportPrinter';
import { createSafeStorageCipher } from './safeStorageCipher';
import { type AppTray, createAppTray } from './tray';
import { kairosTraySections } from './trayMenu';
import { createMainWindow, denyAllPermissions, guardWebContents, revealWindow } from './window';
import { notifyWorkspaceNotices } from './workspaceNotifications';

// Resolved here, in the entry file, because esbuild may move shared code into chunks/ where
// import.meta.url would point one folder lower.
const mainDir = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(mainDir, 'preload.cjs');
const rendererDir = join(mainDir, '..', 'renderer');

// A scheduler that is writing an outcome must finish, but a hung network call must not keep the app alive forever.
const CLOSE_TIMEOUT_MS = 20_000;

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;
let tray: AppTray | null = null;
let desktop: DesktopShell | null = null;
let quitting = false;
let backendClosed = false;

function showMainWindow(): void {
  if (!backend) return; // Still starting; the window appears as soon as the backend is ready.
  if (!mainWindow || mainWindow.isDestroyed()) {
    // A new window shows itself on ready-to-show, once it has something to paint.
    mainWindow = createMainWindow({
      preloadPath,
      startUrl: APP_START_URL,
      shouldHideOnClose: () => (desktop ? desktop.mainWindowClosing(quitting) : !quitting),
    });
    return;
  }
  revealWindow(mainWindow);
}

async function closeBackend(): Promise<void> {
  if (!backend) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error('Kairos stopped waiting for the scheduler to finish; a post left mid-publish will be marked for you to check.');
      resolve();
    }, CLOSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([backend.close(), timeout]);
  } catch (e) {
    console.error(`Kairos did not close cleanly: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

function installQuitHandling(disposeIpc: () => void): void {
  let closing = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (backendClosed) return;
    // Quit waits for the backend once, then asks again; the second before-quit passes straight through.
    event.preventDefault();
    if (closing) return;
    closing = true;
    void (async () => {
      // Posts due in the next minutes would not go out: ask first, and stay in the tray if the answer is no.
      if (desktop && !(await desktop.confirmQuit().catch(() => true))) {
        closing = false;
        quitting = false;
        return;
      }
      await closeBackend();
      backendClosed = true;
      disposeIpc();
      desktop?.dispose();
      tray?.destroy();
      app.quit();
    })();
  });
}

async function startKairos(dataDir: string): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveRenderer(session.defaultSession, rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error(`Kairos's interface is not built (no ${join(rendererDir, 'index.html')}); run npm run build.`);
  }

  const open = () =>
    createBackend({
      dataDir,
      features: FEATURES,
      shell: 'electron',
      cipher: createSafeStorageCipher(dataDir),
      runScheduler: true,
      version: APP_VERSION,
      pickMediaFiles,
      renderReportPdf: printReportWithChromium,
    });
  try {
    backend = await open();
  } catch (e) {
    // A damaged database: offer the newest good backup instead of crashing; the damaged file is kept.
    if (e instanceof DatabaseDamagedError && e.latestBackup) {
      const choice = await dialog.showMessageBox({
        type: 'error',
        title: 'Kairos could not start',
        message: 'The Kairos database is damaged.',
        detail: e.message,
        buttons: ['Restore the backup', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      });
      if (choice.response === 0) {
        try {
          restoreBackup(e.path, e.latestBackup.path);
          backend = await open();
        } catch (again) {
          dialog.showErrorBox('Kairos could not start', (again as Error).message);
        }
      }
    } else {
      dialog.showErrorBox('Kairos could not start', `Kairos could not open its data in ${dataDir}.\n\n${(e as Error).message}`);
    }
    if (!backend) {
      app.exit(1);
      return;
    }
  }
  const running = backend;
  // While a workspace is connected the window, the tray and the notifications use it; the scheduler stays local.
  const shown = routedBackend(running);

  const disposeIpc = wireBackendIpc(shown, {
    windows: () => [...(mainWindow && !mainWindow.isDestroyed() ? [mainWindow] : []), ...(desktop?.trustedWindows() ?? [])],
  });
  installQuitHandling(disposeIpc);

  notifyHighSeverityAlerts({ backend: shown, showMainWindow });
  notifyScheduledReports(shown);
  notifyWorkspaceNotices({ backend: shown, showMainWindow });

  // Timers do not fire while the computer sleeps; posts that fell due meanwhile go out on wake.
  powerMonitor.on('resume', () => running.scheduler.wake());
  powerMonitor.on('unlock-screen', () => running.scheduler.wake());

  try {
    desktop = await installDesktopShell({
      backend: shown,
      preloadPath,
      argv: process.argv,
      showMainWindow,
      refreshTray: () => tray?.refresh(),
      quitting: () => quitting,
    });
  } catch (e) {
    console.error(`Kairos started without its tray extras and quick post: ${(e as Error).message}`);
  }

  tray = createAppTray({
    tooltip: PRODUCT_NAME,
    onClick: showMainWindow,
    sections: () => kairosTraySections({ openWindow: showMainWindow, quit: () => app.quit() }, desktop?.traySections ?? []),
  });

  if (!desktop?.startHidden) showMainWindow();
}

function main(): void {
  registerAppScheme();
  app.setName(PRODUCT_NAME);
  // appData/Kairos is what userData is for productName Kairos; naming it explicitly keeps it right when the
  // entry file is launched directly, and makes it the folder core/dataDir.ts gives the CLI and browser mode.
  const dataDir = chooseDataDir(dataDirFlag(process.argv), process.env, join(app.getPath('appData'), PRODUCT_NAME));
  // Chromium's profile and the single-instance lock follow userData, so a second data folder is a second app.
  app.setPath('userData', dataDir);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv) => {
    if (!desktop?.handleLaunch(argv)) showMainWindow();
  });
  app.on('activate', showMainWindow);
  // Registering this listener is what keeps the app (and its scheduler) running with no window open.
  app.on('window-all-closed', () => {});
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  startKairos(dataDir).catch((e: unknown) => {
    console.error(`Kairos failed to start: ${(e as Error).stack ?? String(e)}`);
    app.exit(1);
  });
}

main();
