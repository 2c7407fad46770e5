// The app frame: loads shared data, applies theme and language, and lays out navigation, banners, shortcuts and the current view.

import { useEffect, useLayoutEffect, useState } from 'react';
import { runningShell } from './api/client';
import { useConnectionState } from './api/hooks';
import { Banner } from './components/Banner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Icon, type IconName } from './components/Icon';
import { ShortcutHelp } from './components/ShortcutHelp';
import { messageFor } from './composer/composerModel';
import { AnalyticsView } from './features/analytics/AnalyticsView';
import { AlertToasts } from './features/conversation/AlertToasts';
import { EngineDialogs } from './features/engine/EngineDialogs';
import { EngineSidebar } from './features/engine/EngineSidebar';
import { useEngineStatus } from './features/engine/engineStore';
import { PublishingBanners } from './features/engine/PublishingBanners';
import { TransferView } from './features/import/TransferView';
import { OfflineBanner } from './features/offline/OfflineBanner';
import { QuickPostPage } from './features/quickpost/QuickPostPage';
import { WorkspaceBanner } from './features/workspace/WorkspaceBanner';
import { pickLanguage, setLanguage, useLanguage, useStrings, wordProblem, wordProblems } from './i18n';
import { type AppData, AppDataProvider, useAppData, useAppDataState } from './state/appData';
import { CalendarStateProvider, useCalendarState } from './state/calendarState';
import { ComposerProvider, useComposer } from './state/composer';
import { MovesProvider } from './state/moves';
import { goTo, hrefOf, useIsQuickPost, useView, VIEWS, type ViewName } from './state/route';
import { useShortcuts } from './state/shortcuts';
import { readStoredText, writeStoredText } from './state/storage';
import { ToastProvider } from './state/toasts';
import { UndoProvider, useUndo } from './state/undo';
import { AccountsView } from './views/accounts/AccountsView';
import { CalendarView } from './views/calendar/CalendarView';
import { todayIn } from './views/calendar/calendarModel';
import { DraftsTray } from './views/calendar/DraftsTray';
import { MiniMonth } from './views/calendar/MiniMonth';
import { DraftsView } from './views/drafts/DraftsView';
import { QueueView } from './views/queue/QueueView';
import { SettingsView } from './views/settings/SettingsView';
import { WorkspaceSidebar } from './workspace/InApp';

export function App() {
  const t = useStrings();
  const language = useLanguage();
  const state = useAppDataState();
  const quickPost = useIsQuickPost();
  useTheme(state.status === 'ready' ? state.data : null);
  useLanguageSetting(state.status === 'ready' ? state.data : null);

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
  if (quickPost) {
    return (
      <ToastProvider>
        <AppDataProvider data={state.data}>
          <QuickPostPage accounts={state.data.accounts} timeZone={state.data.timeZone} onClose={closeQuickPost} />
        </AppDataProvider>
      </ToastProvider>
    );
  }
  return (
    <ToastProvider>
      <AppDataProvider data={state.data}>
        <UndoProvider>
          <MovesProvider>
            <CalendarStateProvider settingsZone={state.data.timeZone}>
              <ComposerProvider>
                {/* A new language redraws everything, including memoised calendar cells that format dates. */}
                <ErrorBoundary area={t.appName} wholeApp>
                  <Frame key={language} />
                </ErrorBoundary>
                <AlertToasts />
              </ComposerProvider>
            </CalendarStateProvider>
          </MovesProvider>
        </UndoProvider>
      </AppDataProvider>
    </ToastProvider>
  );
}

/** The desktop shell hides the quick-post window when it is closed; in a browser tab the page goes back to the app. */
function closeQuickPost(): void {
  if (runningShell() === 'electron') window.close();
  else goTo('calendar');
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

/** The language setting, or the system's language when it says "system". */
function useLanguageSetting(data: AppData | null) {
  const locale = data?.settings.locale ?? 'system';
  useLayoutEffect(() => {
    setLanguage(pickLanguage(locale, navigator.languages));
  }, [locale]);
}

const NAV: readonly { readonly view: ViewName; readonly icon: IconName }[] = [
  { view: 'calendar', icon: 'calendar' },
  { view: 'queue', icon: 'queue' },
  { view: 'drafts', icon: 'drafts' },
  { view: 'analytics', icon: 'chart' },
  { view: 'accounts', icon: 'accounts' },
  { view: 'settings', icon: 'settings' },
  { view: 'transfer', icon: 'transfer' },
];

const SECRET_NOTICE_KEY = 'kairos.secretNoticeDismissed';

function Frame() {
  const t = useStrings();
  const app = useAppData();
  const view = useView();
  const composer = useComposer();
  const undo = useUndo();
  const connection = useConnectionState();
  const engine = useEngineStatus();
  const warning = app.info.secretStorage.warning;
  const [secretDismissed, setSecretDismissed] = useState(() => readStoredText(SECRET_NOTICE_KEY) === warning);
  const [helpOpen, setHelpOpen] = useState(false);
  const attention = engine ? engine.attention.failed + engine.attention.missed + engine.attention.unconfirmed : 0;

  useEffect(() => {
    document.title = `${t.nav[view]} · ${t.appName}`;
  }, [view, t]);

  useShortcuts({
    n: () => composer.openNew(),
    c: () => composer.openNew(),
    '?': () => setHelpOpen(true),
    'mod+z': () => void undo.undoLast(),
    ...Object.fromEntries(VIEWS.map((v, i) => [String(i + 1), () => goTo(v)])),
  });

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
        <button type="button" className="button button--primary button--block" onClick={() => composer.openNew()} aria-keyshortcuts="n">
          <Icon name="plus" size={16} />
          {t.actions.newPost}
        </button>
        <nav aria-label={t.nav.label} className="nav">
          <ul>
            {NAV.map((item, i) => (
              <li key={item.view}>
                <a
                  href={hrefOf(item.view)}
                  className="nav__link"
                  aria-current={view === item.view ? 'page' : undefined}
                  aria-keyshortcuts={String(i + 1)}
                >
                  <Icon name={item.icon} />
                  {t.nav[item.view]}
                  {item.view === 'queue' && attention > 0 ? (
                    <span className="nav__badge" title={t.nav.attention(attention)}>
                      {attention}
                      <span className="sr-only"> {t.nav.attention(attention)}</span>
                    </span>
                  ) : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <EngineSidebar status={engine} />
        {view === 'calendar' ? <CalendarSidebar /> : null}
        <div className="sidebar__foot">
          <WorkspaceSidebar />
          <button
            type="button"
            className="button button--ghost button--small sidebar__help"
            onClick={() => setHelpOpen(true)}
            aria-keyshortcuts="?"
          >
            <Icon name="keyboard" size={14} />
            {t.shortcuts.open}
          </button>
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

      <main id="main" className={`main main--${view}`} tabIndex={-1}>
        <div className="banners">
          <OfflineBanner />
          <WorkspaceBanner />
          <PublishingBanners status={engine} />
          {app.scheduler?.heldElsewhere ? (
            <Banner tone="info" title={t.banners.heldElsewhere}>
              <p>{t.banners.heldElsewhereDetail(app.scheduler.holder)}</p>
            </Banner>
          ) : null}
          {app.scheduler?.lastError ? (
            <Banner
              tone="danger"
              title={t.banners.schedulerError(wordProblem(app.scheduler.lastErrorProblem, app.scheduler.lastError, t) ?? '')}
            />
          ) : null}
          {connection === 'reconnecting' ? <Banner tone="warning" title={t.connection.reconnectingHint} /> : null}
          {warning && !secretDismissed && view !== 'settings' ? (
            <Banner
              tone="warning"
              title={t.banners.secretStorageTitle}
              onDismiss={() => {
                writeStoredText(SECRET_NOTICE_KEY, warning);
                setSecretDismissed(true);
              }}
            >
              <p>{wordProblems(app.info.secretStorage.warningProblems, warning, t)}</p>
            </Banner>
          ) : null}
        </div>
        {view === 'calendar' ? <CalendarView /> : null}
        {view === 'queue' ? <QueueView /> : null}
        {view === 'drafts' ? <DraftsView /> : null}
        {view === 'analytics' ? <AnalyticsView /> : null}
        {view === 'accounts' ? <AccountsView /> : null}
        {view === 'settings' ? <SettingsView /> : null}
        {view === 'transfer' ? <TransferView /> : null}
      </main>
      {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
      <EngineDialogs />
    </div>
  );
}

/** The calendar's own tools in the sidebar: a small month to jump with, and the drafts waiting for a time. */
function CalendarSidebar() {
  const cal = useCalendarState();
  return (
    <div className="sidebar__tools">
      <MiniMonth today={todayIn(cal.zone, Date.now())} />
      <DraftsTray />
    </div>
  );
}
