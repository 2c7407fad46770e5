// The stores every feature reads and writes through: the seam a second database (PostgreSQL) fills.
//
// Rules of the seam: domain types in and out (never SQL text, never rows), a transaction is one store call,
// and a store a networked database will answer with a round trip has async (Promise) signatures. The SQLite
// implementation (sqlite.ts) stays synchronous inside and answers those with settled promises.
//
// Async (each a Promise): every publishing store (accounts, posts with their queue and target transitions, events,
// media records, credential problems, pauses, recurring series, review, the lease), the feature stores, the
// conversation stores (signal cache, watchlist, conversation settings, pre-flight checks, whose check and decision
// hold and release targets in the same transaction), the waiting-posts count, and the writes that must be one
// transaction (slots.take, removeAccount, saveEvergreenCopy). The scheduler, the handlers, the network features and
// the CLI await them; a write that must be atomic is one call, never two awaits. The online monitor's status stays
// synchronous over a cached waiting count it reads again when posts change and at each probe.
//
// Still synchronous, with the reason:
// - settings reads (ctx.setting): read inside pure code (time zones, grace minutes, report locale) at many call
//   sites that have no await; a networked store keeps a cached copy (SettingsStore), and only its writes are async.
// - backups: list, latest, verify and restore work on the database's own files, which only SQLite has.
//
// A feature's own StoreExtension (the Mastodon hand-off's rows and metrics) answers with promises too. Its SQLite
// builder gets the synchronous repositories (SqliteRepos), so its writes join the target transitions' transaction
// synchronously; its PostgreSQL builder gets the database and PgExtensionDeps, and joins them by running the
// transitions over the client of its own transaction.

import type { ReportSchedule } from '../../../shared/analytics';
import type { SettingKey } from '../../../shared/contract';
import type { AppPreferences } from '../../../shared/contract/app';
import type { FeedView } from '../../../shared/contract/importExport';
import type { Problem } from '../../../shared/contract/problems';
import type { PostView } from '../../../shared/domain';
import type { SlotSchedule } from '../../../shared/time/slots';
import type { WaitingPostsRepo } from '../connectivity/waitingPosts';
import type { PreflightRepo } from '../conversation/preflightRepo';
import type { ConversationSettingsRepo } from '../conversation/settingsRepo';
import type { SignalCacheRepo } from '../conversation/signalCache';
import type { WatchlistRepo } from '../conversation/watchlist';
import type { BackupInfo } from '../db/backups';
import type { Db } from '../db/database';
import type { EvergreenRepo } from '../evergreen/evergreenRepo';
import type { FollowUpsRepo } from '../followups/followupRepo';
import type { TargetMetrics } from '../importExport/exportPosts';
import type { FeedKind } from '../importExport/feeds';
import type { MetricsRepo } from '../metrics/metricsRepo';
import type { TargetTransitions } from '../publishing/store';
import type { AnalyticsRepo } from '../reports/analyticsRepo';
import type { AccountsRepo } from '../repos/accounts';
import type { CredentialProblemsRepo } from '../repos/credentialProblems';
import type { Actor, EventLog, NewEvent } from '../repos/events';
import type { MediaRepo } from '../repos/media';
import type { PauseRepo } from '../repos/pause';
import type { NewPost, PostChange, PostsRepo } from '../repos/posts';
import type { PublishQueue } from '../repos/queue';
import type { SeriesRepo } from '../repos/recurrence';
import type { ReviewRepo } from '../repos/review';
import type { SchedulerLease } from '../scheduler/lease';
import type { Promised } from './promised';
import type { SqliteRepos } from './sqliteRepos';

/** Connected accounts: their names, settings, status and sealed logins (never opened here). */
export type AccountsStore = Promised<AccountsRepo>;

/** Every change of a target's status (main/core/publishing): each call one transaction. */
export type TransitionsStore = Promised<TargetTransitions>;

/** The scheduler's side of the queue: what may start now, claims with their parts, outcomes, counts. */
export type QueueStore = Promised<PublishQueue>;

/** Posts and their targets: every read and the writes of a post's own fields; status changes through `transitions`. */
export type PostsStore = Omit<Promised<PostsRepo>, 'transitions' | 'queue'> & {
  readonly transitions: TransitionsStore;
  readonly queue: QueueStore;
};

/** The history of every post: appended lines, a post's history, the scheduler's outcomes after an id. */
export type EventsStore = Promised<EventLog>;

/** Attached media files' records (the files themselves are the media folder's, media/mediaStore.ts). */
export type MediaRecordsStore = Promised<MediaRepo>;

/** Publishing pauses, for everything or for one account. */
export type PausesStore = Promised<PauseRepo>;

/** Recurring series and their occurrences. */
export type SeriesStore = Promised<SeriesRepo>;

/** What needs a decision: held, missed, unconfirmed and failed targets. */
export type ReviewStore = Promised<ReviewRepo>;

/** What each kind of process could not open of each account's login. */
export type CredentialProblemsStore = Promised<CredentialProblemsRepo>;

/**
 * The publishing lease: one scheduler per SQLite database; on a server every live process registers and publishes
 * (row locks on targets decide who publishes each one; see server/pg/stores/lease.ts).
 */
export type LeaseStore = Promised<SchedulerLease>;

/**
 * Key/value settings with their defaults. Reads are synchronous (see the top of this file); a store over a networked
 * database answers them from a copy it keeps current, and its write resolves once the row is written (the SQLite
 * repository writes at once and returns nothing). Callers await set either way.
 */
export interface SettingsStore {
  get(key: SettingKey): string;
  all(): Record<SettingKey, string>;
  set(key: SettingKey, value: string): Promise<void> | void;
  /** Stops following other processes' changes, where the store does. */
  close?(): Promise<void> | void;
}

/** The post "Add to queue" writes into the slot it takes: a new one, or a change to an existing one. */
export type SlotWrite =
  | { readonly create: NewPost; readonly actor: Actor }
  | { readonly update: { readonly id: string; readonly change: PostChange }; readonly actor: Actor };

/** Each account's posting slots ("Add to queue") and the instants its posts already take. */
export interface SlotsStore {
  /** The account's saved schedule, or null when it still uses the built-in slots. */
  get(accountId: string): Promise<SlotSchedule | null>;
  /** Replaces every slot of the account at once (one transaction); an empty list is kept. */
  set(accountId: string, schedule: SlotSchedule, now: number): Promise<void>;
  /** When any of the accounts has a post that will (or did) go out in [from, to). */
  takenInstants(accountIds: readonly string[], from: number, to: number): Promise<number[]>;
  /**
   * One write transaction: reads the accounts' saved schedules and the instants taken in [from, to), lets
   * `choose` pick a slot (it may throw to write nothing), and writes the post `write` describes for that slot
   * (a new post, or a change to one). `choose` and `write` only compute: they call no store.
   */
  take<S>(
    accountIds: readonly string[],
    from: number,
    to: number,
    choose: (saved: ReadonlyMap<string, SlotSchedule | null>, taken: readonly number[]) => S,
    write: (slot: S) => SlotWrite,
  ): Promise<{ slot: S; post: PostView }>;
}

/** The desktop app's preferences (shortcut, tray, login item, last quick-post accounts). */
export interface AppPreferencesStore {
  all(): Promise<AppPreferences>;
  /** Saves the given keys in one transaction and returns them all. */
  update(change: Partial<AppPreferences>): Promise<AppPreferences>;
}

/** Read-only calendar feed tokens: only their hash is kept. */
export interface FeedTokensStore {
  list(): Promise<FeedView[]>;
  /** A new token, returned once. */
  create(kind: FeedKind, now: number): Promise<{ feed: FeedView; token: string }>;
  revoke(id: string, now: number): Promise<FeedView | null>;
  /** The live feed a token opens, or null (unknown or revoked). */
  find(token: string): Promise<FeedView | null>;
}

/** Countries, brand names and pre-flight settings of the conversation panel, and the awareness days the user added. */
export type ConversationSettingsStore = Promised<ConversationSettingsRepo>;

/** Each network's last answer per account (trends, mentions, searches) and term volumes over time. */
export type SignalCacheStore = Promised<SignalCacheRepo>;

/** Watch terms and the alerts raised when one shows up. */
export type WatchlistStore = Promised<WatchlistRepo>;

/** Pre-flight checks per target and due time, the user's decisions and per-post opt-outs; a hold is one transaction. */
export type PreflightStore = Promised<PreflightRepo>;

/** How many posts are due and not yet out (the offline badge). */
export type WaitingPostsStore = Promised<WaitingPostsRepo>;

/** The latest numbers of published targets, for exports. */
export interface ExportMetricsStore {
  of(targetIds: readonly string[]): Promise<Map<string, TargetMetrics>>;
}

/** Scheduled reports and what happened to their last run. */
export interface ReportSchedulesStore {
  list(): Promise<ReportSchedule[]>;
  add(s: Omit<ReportSchedule, 'lastPeriodEnd' | 'lastWrittenAt' | 'lastError' | 'lastErrorProblem'>, now: number): Promise<ReportSchedule>;
  remove(id: string): Promise<boolean>;
  written(id: string, periodEnd: string, now: number): Promise<void>;
  failed(id: string, error: string): Promise<void>;
  /** The last run failed, as the catalog's problem (its English is kept beside it). */
  failedBecause(id: string, problem: Problem): Promise<void>;
}

/** Evergreen queues per label, their source posts and the copies made of them. */
export type EvergreenStore = Promised<EvergreenRepo>;

/** First comments: planned when a target is published, claimed before the network call, finished once. */
export type FollowUpsStore = Promised<FollowUpsRepo>;

/** Numbers over time: snapshots, followers, replies and mentions, signal history (docs/REPORTS.md). */
export type MetricsStore = Promised<MetricsRepo>;

/** What the analytics view and reports read (one index range over published targets per question). */
export type AnalyticsStore = Promised<AnalyticsRepo>;

/** An evergreen copy written with its post and its history line, in one transaction. */
export interface EvergreenCopyWrite {
  readonly post: NewPost;
  readonly copy: { copyPostId: string; sourcePostId: string; label: string; slotAt: number; variant: number };
  readonly event: NewEvent;
  readonly actor: Actor;
}

/** The database's own copies: verified backups and a restore at the next start. */
export interface BackupsStore {
  /** False for a database without files (in memory): it has no backups. */
  readonly hasFiles: boolean;
  list(): BackupInfo[];
  create(label: string, now: number): Promise<BackupInfo>;
  latestVerified(): BackupInfo | null;
  /** Why a backup file cannot be restored, or null when it is sound. */
  verify(path: string): string | null;
  requestRestore(path: string): void;
}

/**
 * A PostgreSQL connection as a feature's builder sees it: a pool, or a client inside a transaction (node-postgres's
 * shape, declared here so that the core and the features need no driver). Parameters only, never values in the text.
 */
export interface SqlQueryable {
  query(text: string, params?: unknown[]): Promise<{ readonly rows: Record<string, unknown>[]; readonly rowCount: number | null }>;
}

/** What the workspace server's stores lend a feature's PostgreSQL builder. */
export interface PgExtensionDeps {
  /** Runs fn in one transaction on the builder's database (fn gets the transaction's client); rolls back on a throw. */
  transaction<T>(fn: (client: SqlQueryable) => Promise<T>): Promise<T>;
  /** The target transitions over a client of `transaction`: their writes join that transaction. */
  transitionsWithin(client: SqlQueryable): TransitionsStore;
}

/**
 * A feature's own store that lives outside the core (a network's folder): it names how each database builds
 * it. The SQLite builder gets the open database and the synchronous repositories the core's stores answer from
 * (so its own transactions can join theirs); only store implementations see them. The PostgreSQL builder gets the
 * workspace database and the transaction and transitions it joins; a feature without one runs on the desktop only.
 */
export interface StoreExtension<T> {
  readonly name: string;
  sqlite(db: Db, repos: SqliteRepos): T;
  postgres?(q: SqlQueryable, deps: PgExtensionDeps): T;
}

export interface Stores {
  /** Whether the database is still open (false once the backend closed it). */
  isOpen(): boolean;
  // Publishing stores.
  readonly accounts: AccountsStore;
  readonly posts: PostsStore;
  readonly events: EventsStore;
  readonly media: MediaRecordsStore;
  readonly credentialProblems: CredentialProblemsStore;
  readonly pauses: PausesStore;
  readonly series: SeriesStore;
  readonly review: ReviewStore;
  lease(holder: string, shell: string): LeaseStore;
  // Synchronous (see the top of this file for why).
  readonly settings: SettingsStore;
  /** Calls onChange when another process commits to the database; stop() ends the watch. */
  watchExternalChanges(onChange: () => void): { stop(): void };
  readonly backups: BackupsStore;
  // Feature stores (async).
  readonly waitingPosts: WaitingPostsStore;
  readonly slots: SlotsStore;
  readonly appPreferences: AppPreferencesStore;
  readonly feedTokens: FeedTokensStore;
  readonly exportMetrics: ExportMetricsStore;
  readonly reportSchedules: ReportSchedulesStore;
  readonly evergreen: EvergreenStore;
  /**
   * Removes an account with its unpublished targets, recomputes its posts' summaries and writes the history line,
   * all or nothing. Returns the posts that had targets of it.
   */
  removeAccount(accountId: string, event: NewEvent): Promise<string[]>;
  /** Writes an evergreen copy: its post, the copy record and the history line, all or nothing. */
  saveEvergreenCopy(w: EvergreenCopyWrite): Promise<void>;
  readonly followUps: FollowUpsStore;
  readonly metrics: MetricsStore;
  readonly analytics: AnalyticsStore;
  readonly conversationSettings: ConversationSettingsStore;
  readonly signalCache: SignalCacheStore;
  readonly watchlist: WatchlistStore;
  readonly preflight: PreflightStore;
  /** A feature store from outside the core, built once per database. */
  extension<T>(ext: StoreExtension<T>): T;
}
