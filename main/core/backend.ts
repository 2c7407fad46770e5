// createBackend: the one plain-Node backend that every shell (Electron, browser mode, CLI) dispatches into.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  type BackendEvent,
  type Channel,
  type ErrorInfo,
  errorInfo,
  failure,
  isChannel,
  problem,
  type Responses,
  type Result,
  requestSchemas,
  type SettingKey,
  SHELL_CHANNELS,
} from '../../shared/contract';
import { type Clock, systemClock } from './clock';
import { createBackendConnectivity } from './connectivity/backendConnectivity';
import type { OnlineMonitor } from './connectivity/onlineMonitor';
import type { ProbeFn } from './connectivity/probe';
import type { BackendContext } from './context';
import { type Db, openDatabase } from './db/database';
import { DesktopProblemsBoard } from './desktop/desktopProblems';
import { KairosError } from './errors';
import { type BackendFeature, composeHandlers, platformsOf } from './features';
import { accountHandlers } from './handlers/accounts';
import { analyticsHandlers } from './handlers/analytics';
import { appHandlers } from './handlers/app';
import { conversationHandlers } from './handlers/conversation';
import { engineHandlers } from './handlers/engine';
import { evergreenHandlers } from './handlers/evergreen';
import { importExportHandlers } from './handlers/importExport';
import { mediaHandlers } from './handlers/media';
import { postHandlers } from './handlers/posts';
import { queueHandlers } from './handlers/queue';
import { systemHandlers } from './handlers/system';
import { logSurvived } from './logs/survived';
import { MediaStore } from './media/mediaStore';
import { tightenDataDir } from './privateFiles';
import type { ReportPdfRenderer } from './reports/pdfRenderer';
import { Scheduler, type SchedulerTuning } from './scheduler/scheduler';
import { KeyFileCipher, type SecretCipher } from './secrets/cipher';
import { createSecretStore } from './secrets/secretStore';
import { createSqliteStores } from './stores/sqlite';
import type { EventsStore, Stores } from './stores/types';

/** The stores a backend runs on, and how to close them. */
export interface OpenedStorage {
  readonly stores: Stores;
  close(): Promise<void> | void;
}

/**
 * Where a backend keeps its data: the data folder's SQLite database unless a shell says otherwise (the workspace
 * server opens its PostgreSQL stores here).
 */
export interface BackendStorage {
  open(setup: { readonly now: number; readonly settingDefaults: Readonly<Record<SettingKey, string>> }): Promise<OpenedStorage>;
}

/** The desktop's storage: kairos.sqlite in the data folder, migrated when opened. */
export function sqliteStorage(dataDir: string): BackendStorage {
  return {
    async open({ now, settingDefaults }) {
      const db: Db = await openDatabase(join(dataDir, DATABASE_FILE), { now });
      return {
        stores: createSqliteStores(db, settingDefaults),
        close: () => {
          db.close();
        },
      };
    },
  };
}

export interface BackendOptions {
  readonly dataDir: string;
  /** The networks and their channels, composed outside the core (main/features.ts): each brings its adapter and handlers. */
  readonly features: readonly BackendFeature[];
  readonly clock?: Clock;
  /** How credentials are sealed; defaults to a key file in the data directory. */
  readonly cipher?: SecretCipher;
  readonly shell: 'electron' | 'browser' | 'cli';
  readonly version?: string;
  /** Run the publishing scheduler in this process (off for one-shot CLI commands). */
  readonly runScheduler?: boolean;
  /** The computer's zone, used as the default author zone. */
  readonly systemTimeZone?: string;
  readonly random?: () => number;
  /** How connectivity is probed; a HEAD request to each platform's server by default. */
  readonly connectivityProbe?: ProbeFn;
  /** The desktop shell's open dialog for media.pick; absent elsewhere. */
  readonly pickMediaFiles?: () => Promise<readonly string[]>;
  /** The desktop shell's HTML-to-PDF printer (Electron's printToPDF) for report exports; pdfkit when absent. */
  readonly renderReportPdf?: ReportPdfRenderer;
  /** Scheduler knobs that differ from its defaults (tests and benchmarks only pass this). */
  readonly schedulerTuning?: Partial<SchedulerTuning>;
  /** Where the data lives; the data folder's SQLite database by default. */
  readonly storage?: BackendStorage;
}

export interface Backend {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Typed convenience for in-process callers (CLI, tests). Throws KairosError on failure. */
  call<C extends Channel>(channel: C, payload: z.input<(typeof requestSchemas)[C]>): Promise<Responses[C]>;
  subscribe(listener: (event: BackendEvent) => void): () => void;
  readonly scheduler: Scheduler;
  /** Online or not; shells feed it the OS's hint (Electron's net.isOnline()). */
  readonly connectivity: OnlineMonitor;
  /** Where the desktop shell reports what it could not do (a refused shortcut). */
  readonly desktop: DesktopProblemsBoard;
  /** What the scheduler decided about each target, read from the event log (for the headless runner's log). */
  readonly outcomes: Pick<EventsStore, 'latestId' | 'schedulerOutcomesAfter'>;
  readonly dataDir: string;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'kairos.sqlite';

function zodMessage(error: z.ZodError): ErrorInfo {
  const issue = error.issues[0];
  if (!issue) return errorInfo(problem('request_not_understood', {}));
  const field = issue.path.join('.') || undefined;
  const bounds = issue as { minimum?: unknown; maximum?: unknown };
  const params = {
    field: field ?? null,
    issue: issue.code,
    text: issue.message,
    ...(typeof bounds.minimum === 'number' ? { minimum: bounds.minimum } : {}),
    ...(typeof bounds.maximum === 'number' ? { maximum: bounds.maximum } : {}),
  };
  return errorInfo(problem('input_invalid', params), field);
}

/** The core's own channels; the features add the rest. */
function coreHandlers(ctx: BackendContext, connectivity: ReturnType<typeof createBackendConnectivity>, desktop: DesktopProblemsBoard) {
  return {
    ...systemHandlers(ctx),
    ...accountHandlers(ctx),
    ...postHandlers(ctx),
    ...mediaHandlers(ctx),
    ...engineHandlers(ctx),
    ...conversationHandlers(ctx),
    ...appHandlers(ctx, connectivity, desktop),
    ...queueHandlers(ctx),
    ...importExportHandlers(ctx),
    ...evergreenHandlers(ctx),
    ...analyticsHandlers(ctx),
  };
}

/** The channels the core answers itself; every other channel of the contract belongs to a feature. */
export type CoreChannel = keyof ReturnType<typeof coreHandlers>;

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const clock = options.clock ?? systemClock;
  // Credentials, posts and media are the user's alone: fix a folder an older Kairos (or a copy) left open.
  tightenDataDir(options.dataDir);
  const listeners = new Set<(e: BackendEvent) => void>();
  const emit = (e: BackendEvent) => {
    for (const l of listeners) {
      try {
        l(e);
      } catch (err) {
        // A broken listener must not stop publishing.
        logSurvived(`a listener for ${e.type} failed`, err);
      }
    }
  };
  const platforms = platformsOf(options.features);
  const systemTimeZone = options.systemTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  // The one place repositories are built: features get these stores, never the database.
  const storage = await (options.storage ?? sqliteStorage(options.dataDir)).open({
    now: clock.now(),
    settingDefaults: { timeZone: systemTimeZone, graceMinutes: '15', locale: 'system', theme: 'system' },
  });
  const { stores } = storage;
  const { events, accounts, media, posts, settings } = stores;
  const mediaStore = new MediaStore(options.dataDir, media);
  const secrets = createSecretStore(
    options.cipher ?? KeyFileCipher.inDataDir(options.dataDir),
    accounts,
    stores.credentialProblems,
    clock,
    () => emit({ type: 'accounts.changed' }),
  );
  // What this process can open is its own: another kind of Kairos may open what this one cannot, and publish it.
  await secrets.checkAll();
  const holder = randomBytes(8).toString('hex');
  const scheduler = new Scheduler({
    posts,
    accounts,
    platforms,
    secrets,
    mediaStore,
    clock,
    lease: stores.lease(holder, options.shell),
    onPostsChanged: (postIds) => emit({ type: 'posts.changed', postIds }),
    onAccountsChanged: () => emit({ type: 'accounts.changed' }),
    onStatus: (status) => emit({ type: 'scheduler.status', status }),
    ...(options.random ? { random: options.random } : {}),
    watchExternalChanges: (onChange) => stores.watchExternalChanges(onChange),
    ...(options.schedulerTuning ? { tuning: options.schedulerTuning } : {}),
  });
  const connectivity = createBackendConnectivity({
    waiting: stores.waitingPosts,
    clock,
    accounts,
    platforms,
    secrets,
    emit,
    networkChanged: (online) => {
      scheduler.networkChanged(online).catch((e) => logSurvived('the scheduler could not take in a change of the network', e));
    },
    ...(options.connectivityProbe ? { probe: options.connectivityProbe } : {}),
  });
  listeners.add((e) => {
    if (e.type === 'posts.changed') connectivity.postsChanged();
  });
  const desktop = new DesktopProblemsBoard(() => emit({ type: 'settings.changed' }));
  const closeHooks: (() => void)[] = [];
  const accountRemovalHooks: ((accountId: string) => Promise<void> | void)[] = [];
  const lifecycle: BackendContext['lifecycle'] = {
    onEvent: (listener) => listeners.add(listener),
    beforeAccountRemoved: (hook) => accountRemovalHooks.push(hook),
    onClose: (hook) => closeHooks.push(hook),
    async accountRemoving(accountId) {
      for (const hook of accountRemovalHooks) {
        try {
          await hook(accountId);
        } catch (e) {
          // The account goes anyway; a feature that could not clean up records that itself.
          logSurvived('a feature could not clean up before an account was removed', e);
        }
      }
    },
  };

  const ctx: BackendContext = {
    stores,
    dataDir: options.dataDir,
    shell: options.shell,
    version: options.version ?? '0.0.0',
    clock,
    platforms,
    secrets,
    accounts,
    posts,
    events,
    media,
    mediaStore,
    pickMediaFiles: options.pickMediaFiles,
    renderReportPdf: options.renderReportPdf,
    settings,
    scheduler,
    defaultTimeZone: systemTimeZone,
    actor: options.shell === 'cli' ? 'cli' : 'user',
    emit,
    setting: (key: SettingKey) => settings.get(key),
    lifecycle,
  };

  const handlers = composeHandlers(coreHandlers(ctx, connectivity, desktop), options.features, ctx);

  async function invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return failure('unknown_request', { channel });
    // Each shell's allowlist: a page (desktop window or browser mode) never reaches what names files on disk.
    if (!SHELL_CHANNELS[options.shell].has(channel)) return failure('not_allowed_here', { channel, shell: options.shell });
    const parsed = requestSchemas[channel].safeParse(payload ?? undefined);
    if (!parsed.success) return { ok: false, error: zodMessage(parsed.error) };
    try {
      const handler = handlers[channel] as ((req: unknown) => unknown) | undefined;
      if (!handler) return failure('no_handler', { channel });
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      if (e instanceof KairosError) return { ok: false, error: errorInfo(e.problem, e.field, e.code) };
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_FULL') return failure('disk_full', {});
      if (code === 'SQLITE_READONLY') return failure('database_read_only', {});
      return failure('unexpected', { detail: (e as Error).message });
    }
  }

  if (options.runScheduler) {
    await scheduler.start();
    connectivity.start();
  }

  let closed = false;
  return {
    invoke,
    async call(channel, payload) {
      const r = await invoke(channel, payload);
      if (!r.ok) throw new KairosError(r.error.problem, r.error.field, r.error.code);
      return r.value as never;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    scheduler,
    connectivity,
    desktop,
    outcomes: events,
    dataDir: options.dataDir,
    async close() {
      if (closed) return;
      closed = true;
      connectivity.stop();
      for (const hook of closeHooks) {
        try {
          hook();
        } catch (e) {
          // Closing must go on whatever a feature's cleanup does.
          logSurvived("a feature's cleanup failed while the backend closed", e);
        }
      }
      await scheduler.stop();
      listeners.clear();
      await storage.close();
    },
  };
}
