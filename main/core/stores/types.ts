// The stores every feature reads and writes through: the seam a second database (PostgreSQL) fills.
//
// Rules of the seam: domain types in and out (never SQL text, never rows), a transaction is one store call,
// and a store a networked database will answer with a round trip has async (Promise) signatures. The SQLite
// implementation (sqlite.ts) stays synchronous inside and answers those with settled promises.
//
// Not async yet: the publishing stores (accounts, posts with their queue and transitions, events, media,
// pauses, series, review, lease, waiting posts, backups), whose callers in the scheduler are synchronous, and
// the stores synchronous callers read: settings (ctx.setting) and the conversation stores (the panel and the
// pre-flight timers).

import type { ReportSchedule } from '../../../shared/analytics';
import type { AppPreferences } from '../../../shared/contract/app';
import type { FeedView } from '../../../shared/contract/importExport';
import type { Problem } from '../../../shared/contract/problems';
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
import type { AnalyticsRepo } from '../reports/analyticsRepo';
import type { AccountsRepo } from '../repos/accounts';
import type { CredentialProblemsRepo } from '../repos/credentialProblems';
import type { Actor, EventLog, NewEvent } from '../repos/events';
import type { MediaRepo } from '../repos/media';
import type { PauseRepo } from '../repos/pause';
import type { NewPost, PostsRepo } from '../repos/posts';
import type { SeriesRepo } from '../repos/recurrence';
import type { ReviewRepo } from '../repos/review';
import type { SettingsRepo } from '../repos/settings';
import type { SchedulerLease } from '../scheduler/lease';
import type { Promised } from './promised';

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
   * `choose` pick a slot (it may throw to write nothing), and runs `write` with it. `write` is a synchronous
   * write of the posts store, which joins the transaction (see the top of this file).
   */
  take<S, T>(
    accountIds: readonly string[],
    from: number,
    to: number,
    choose: (saved: ReadonlyMap<string, SlotSchedule | null>, taken: readonly number[]) => S,
    write: (slot: S) => T,
  ): Promise<T>;
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
 * A feature's own store that lives outside the core (a network's folder): it names how each database builds
 * it. The SQLite builder gets the open database; only store implementations see it.
 */
export interface StoreExtension<T> {
  readonly name: string;
  sqlite(db: Db, stores: Stores): T;
}

export interface Stores {
  /** Whether the database is still open (false once the backend closed it). */
  isOpen(): boolean;
  // Publishing stores: synchronous for now (see the top of this file).
  readonly accounts: AccountsRepo;
  readonly posts: PostsRepo;
  readonly events: EventLog;
  readonly media: MediaRepo;
  readonly settings: SettingsRepo;
  readonly credentialProblems: CredentialProblemsRepo;
  readonly pauses: PauseRepo;
  readonly series: SeriesRepo;
  readonly review: ReviewRepo;
  lease(holder: string, shell: string): SchedulerLease;
  /** Calls onChange when another process commits to the database; stop() ends the watch. */
  watchExternalChanges(onChange: () => void): { stop(): void };
  readonly backups: BackupsStore;
  readonly waitingPosts: WaitingPostsRepo;
  // Feature stores.
  readonly slots: SlotsStore;
  readonly appPreferences: AppPreferencesStore;
  readonly feedTokens: FeedTokensStore;
  readonly exportMetrics: ExportMetricsStore;
  readonly reportSchedules: ReportSchedulesStore;
  readonly evergreen: EvergreenStore;
  /** Writes an evergreen copy: its post, the copy record and the history line, all or nothing. */
  saveEvergreenCopy(w: EvergreenCopyWrite): Promise<void>;
  readonly followUps: FollowUpsStore;
  readonly metrics: MetricsStore;
  readonly analytics: AnalyticsStore;
  readonly conversationSettings: ConversationSettingsRepo;
  readonly signalCache: SignalCacheRepo;
  readonly watchlist: WatchlistRepo;
  readonly preflight: PreflightRepo;
  /** A feature store from outside the core, built once per database. */
  extension<T>(ext: StoreExtension<T>): T;
}
