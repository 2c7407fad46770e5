// The desktop extras around the main window: tray status and actions, quick post, global shortcut, login item,
// keep-running-in-tray, asking before quitting with posts due, and the OS's online hint for the backend.

import { app, type BrowserWindow, dialog, net } from 'electron';
import type { AppPreferences } from '../../shared/contract/app';
import type { PostView } from '../../shared/domain';
import type { Backend } from '../core/backend';
import { desktopPlatformOf, hasFlag, QUICK_POST_FLAG, QUIT_LOOKBACK_MS, QUIT_WARNING_WINDOW_MS, quitQuestion } from './desktopRules';
import { applyOpenAtLogin, openedAtLogin } from './loginItem';
import { createQuickPostWindow } from './quickPost';
import { createQuickPostShortcut } from './shortcut';
import { desktopTraySections, type TraySection, type TrayStatus } from './trayMenu';
import { loadTrayStatus, setPublishingPaused } from './trayStatus';

export interface DesktopShellOptions {
  readonly backend: Backend;
  readonly preloadPath: string;
  readonly argv: readonly string[];
  readonly showMainWindow: () => void;
  /** Rebuilds the tray menu from the sections. */
  readonly refreshTray: () => void;
  readonly quitting: () => boolean;
}

export interface DesktopShell {
  /** Feature sections for kairosTraySections. */
  readonly traySections: readonly (() => TraySection)[];
  /** Launched from the login item or just to post: no main window at start. */
  readonly startHidden: boolean;
  /** Windows besides the main one that may talk to the backend. */
  trustedWindows(): BrowserWindow[];
  openQuickPost(): void;
  /** The main window's close button: true to hide it; quits instead when "keep running in the tray" is off. */
  mainWindowClosing(quitting: boolean): boolean;
  /** Asks first when posts are due soon; resolves true to go ahead with quitting. */
  confirmQuit(): Promise<boolean>;
  /** A second launch's arguments; true when they asked for something other than the main window. */
  handleLaunch(argv: readonly string[]): boolean;
  dispose(): void;
}

/** How often the OS's view of the network is read; a change is passed on at once. */
const ONLINE_HINT_MS = 5_000;
/** "Next post: today 09:00" must roll over to "tomorrow" without an event. */
const TRAY_REFRESH_MS = 60_000;
const TRAY_DEBOUNCE_MS = 250;

export async function installDesktopShell(o: DesktopShellOptions): Promise<DesktopShell> {
  const { backend } = o;
  const platform = desktopPlatformOf(process.platform);
  const wayland = platform === 'linux' && (process.env.XDG_SESSION_TYPE === 'wayland' || Boolean(process.env.WAYLAND_DISPLAY));
  const fallbackZone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';

  let prefs: AppPreferences = await backend.call('app.preferences.get', {});
  let appliedOpenAtLogin: boolean | null = null;
  let trayStatus: TrayStatus = {
    nextPostAt: null,
    timeZone: fallbackZone,
    attention: 0,
    paused: null,
    offline: false,
    waitingForNetwork: 0,
  };

  const quickPost = createQuickPostWindow({ preloadPath: o.preloadPath, quitting: o.quitting });
  const shortcut = createQuickPostShortcut({
    onPressed: () => quickPost.open(),
    report: (problem) => backend.desktop.report('quickPostShortcut', problem),
    platform,
    wayland,
  });

  const applyPreferences = () => {
    shortcut.apply(prefs.quickPostShortcut);
    if (appliedOpenAtLogin !== prefs.openAtLogin) {
      appliedOpenAtLogin = prefs.openAtLogin;
      backend.desktop.report('openAtLogin', applyOpenAtLogin(prefs.openAtLogin, platform));
    }
  };
  applyPreferences();

  let trayTimer: NodeJS.Timeout | undefined;
  const reloadTray = () => {
    clearTimeout(trayTimer);
    trayTimer = setTimeout(() => {
      loadTrayStatus((c, p) => backend.invoke(c, p), Date.now(), fallbackZone)
        .then((status) => {
          trayStatus = status;
          o.refreshTray();
        })
        .catch((e: unknown) => console.error(`Kairos could not update the tray menu: ${(e as Error).message}`));
    }, TRAY_DEBOUNCE_MS);
  };
  reloadTray();
  const trayTicker = setInterval(reloadTray, TRAY_REFRESH_MS);
  trayTicker.unref();

  const unsubscribe = backend.subscribe((e) => {
    if (e.type === 'settings.changed') {
      backend
        .call('app.preferences.get', {})
        .then((next) => {
          prefs = next;
          applyPreferences();
        })
        .catch(() => {});
    }
    if (e.type !== 'conversation.alert' && e.type !== 'conversation.updated') reloadTray();
  });

  let lastHint: boolean | null = null;
  const passOnlineHint = () => {
    const online = net.isOnline();
    if (online === lastHint) return;
    lastHint = online;
    backend.connectivity.hint(online);
  };
  passOnlineHint();
  const hintTicker = setInterval(passOnlineHint, ONLINE_HINT_MS);
  hintTicker.unref();

  const pauseOrResume = (paused: boolean) => {
    void setPublishingPaused((c, p) => backend.invoke(c, p), paused).then((problem) => {
      if (problem) dialog.showErrorBox(paused ? 'Publishing was not paused' : 'Publishing was not resumed', problem);
      reloadTray();
    });
  };

  const handleLaunch = (argv: readonly string[]): boolean => {
    if (!hasFlag(argv, QUICK_POST_FLAG)) return false;
    quickPost.open();
    return true;
  };

  const startHidden = openedAtLogin(o.argv, platform) || hasFlag(o.argv, QUICK_POST_FLAG);
  handleLaunch(o.argv);

  return {
    traySections: desktopTraySections(
      () => trayStatus,
      () => Date.now(),
      {
        openWindow: o.showMainWindow,
        quickPost: () => quickPost.open(),
        pause: () => pauseOrResume(true),
        resume: () => pauseOrResume(false),
      },
    ),
    startHidden,
    trustedWindows: () => {
      const w = quickPost.window();
      return w ? [w] : [];
    },
    openQuickPost: () => quickPost.open(),
    mainWindowClosing(quitting) {
      if (quitting) return false;
      if (!prefs.keepRunningInTray) {
        // Hidden first, so that answering "Keep Kairos running" to the quit question leaves it in the tray.
        setImmediate(() => app.quit());
      }
      return true;
    },
    async confirmQuit() {
      const now = Date.now();
      const r = await backend.invoke('posts.list', { from: now - QUIT_LOOKBACK_MS, to: now + QUIT_WARNING_WINDOW_MS });
      // Never trap the user in an app that cannot answer.
      if (!r.ok) return true;
      const question = quitQuestion(r.value as readonly PostView[], now);
      if (!question) return true;
      const answer = await dialog.showMessageBox({
        type: 'question',
        message: question.message,
        detail: question.detail,
        buttons: [...question.buttons],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return answer.response === 1;
    },
    handleLaunch,
    dispose() {
      unsubscribe();
      clearTimeout(trayTimer);
      clearInterval(trayTicker);
      clearInterval(hintTicker);
      shortcut.dispose();
      quickPost.destroy();
    },
  };
}
