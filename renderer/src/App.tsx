// The app frame: loads shared data, applies the theme, and lays out navigation, banners and the current view.

import { useEffect, useState } from 'react';
import { runningShell } from './api/client';
import { useConnectionState } from './api/hooks';
import { Banner } from './components/Banner';
import { Icon, type IconName } from './components/Icon';
import { messageFor } from './composer/composerModel';
import { useStrings } from './i18n';
import { type AppData, AppDataProvider, useAppData, useAppDataState } from './state/appData';
import { ComposerProvider, useComposer } from './state/composer';
import { hrefOf, useView, type ViewName } from './state/route';
import { ToastProvider } from './state/toasts';
import { AccountsView } from './views/accounts/AccountsView';
import { CalendarView } from './views/calendar/CalendarView';
import { DraftsView } from './views/drafts/DraftsView';
import { QueueView } from './views/queue/QueueView';
import { SettingsView } from './views/settings/SettingsView';

export function App() {
  const t = useStrings();
  const state = useAppDataState();
  useTheme(state.status === 'ready' ? state.data : null);

  if (state.status === 'loading') {
    return (
      <div className="splash" role="status">
        <span className="brand-mark" aria-hidden="true" />
        <span className="muted">{t.appName}</span>
      </div>
    );
  }
  if (state.status === 'error') {
    const unauthorized = state.error.code === 'unauthorized';
    return (
      <main className="splash">
        <div className="splash__card">
          <h1 className="view__title">{unauthorized ? t.errors.unauthorizedTitle : t.errors.loadFailed}</h1>
          <p>{unauthorized ? t.errors.unauthorizedBody : messageFor(state.error)}</p>
          {unauthorized ? null : (
            <button type="button" className="button button--primary" onClick={state.retry}>
              {t.actions.retry}
            </button>
          )}
        </div>
      </main>
    );
  }
  return (
    <ToastProvider>
      <AppDataProvider data={state.data}>
        <ComposerProvider>
          <Frame />
        </ComposerProvider>
      </AppDataProvider>
    </ToastProvider>
  );
}

/** Follows the system's light or dark preference unless the theme setting forces one. */
function useTheme(data: AppData | null) {
  const theme = data?.settings.theme ?? 'system';
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}

const NAV: readonly { readonly view: ViewName; readonly icon: IconName }[] = [
  { view: 'calendar', icon: 'calendar' },
  { view: 'queue', icon: 'queue' },
  { view: 'drafts', icon: 'drafts' },
  { view: 'accounts', icon: 'accounts' },
  { view: 'settings', icon: 'settings' },
];

const SECRET_NOTICE_KEY = 'kairos.secretNoticeDismissed';

function Frame() {
  const t = useStrings();
  const app = useAppData();
  const view = useView();
  const composer = useComposer();
  const connection = useConnectionState();
  const warning = app.info.secretStorage.warning;
  const [secretDismissed, setSecretDismissed] = useState(() => readStorage(SECRET_NOTICE_KEY) === warning);

  useEffect(() => {
    document.title = `${t.nav[view]} · ${t.appName}`;
  }, [view, t]);

  return (
    <div className="app" data-shell={runningShell()}>
      <a className="skip-link" href="#main">
        {t.nav.skip}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t.appName}</span>
        </div>
        <button type="button" className="button button--primary button--block" onClick={() => composer.openNew()}>
          <Icon name="plus" size={16} />
          {t.actions.newPost}
        </button>
        <nav aria-label={t.nav.label} className="nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.view}>
                <a href={hrefOf(item.view)} className="nav__link" aria-current={view === item.view ? 'page' : undefined}>
                  <Icon name={item.icon} />
                  {t.nav[item.view]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar__foot">
          <p
            className={`connection connection--${connection}`}
            title={connection === 'live' ? t.connection.liveHint : t.connection.reconnectingHint}
          >
            <span className="connection__dot" aria-hidden="true" />
            {connection === 'live' ? t.connection.live : t.connection.reconnecting}
          </p>
          <p className="sidebar__version">{t.connection.version(app.info.version)}</p>
        </div>
      </aside>

      <main id="main" className="main" tabIndex={-1}>
        <div className="banners">
          {app.scheduler?.heldElsewhere ? (
            <Banner tone="info" title={t.banners.heldElsewhere}>
              <p>{t.banners.heldElsewhereDetail(app.scheduler.holder)}</p>
            </Banner>
          ) : null}
          {app.scheduler?.lastError ? <Banner tone="danger" title={t.banners.schedulerError(app.scheduler.lastError)} /> : null}
          {connection === 'reconnecting' ? <Banner tone="warning" title={t.connection.reconnectingHint} /> : null}
          {warning && !secretDismissed && view !== 'settings' ? (
            <Banner
              tone="warning"
              title={t.banners.secretStorageTitle}
              onDismiss={() => {
                writeStorage(SECRET_NOTICE_KEY, warning);
                setSecretDismissed(true);
              }}
            >
              <p>{warning}</p>
            </Banner>
          ) : null}
        </div>
        {view === 'calendar' ? <CalendarView /> : null}
        {view === 'queue' ? <QueueView /> : null}
        {view === 'drafts' ? <DraftsView /> : null}
        {view === 'accounts' ? <AccountsView /> : null}
        {view === 'settings' ? <SettingsView /> : null}
      </main>
    </div>
  );
}

/** Storage can be unavailable (privacy modes); the notice then simply shows again next time. */
function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Nothing to do: see readStorage.
  }
}
