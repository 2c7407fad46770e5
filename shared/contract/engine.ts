// Channels for the publishing engine: the crisis brake, decisions on posts that need the user, recurring posts, backups.

import { z } from 'zod';
import type { PlatformId, PostView, TargetStatus } from '../domain';
import { WEEKDAYS } from '../time/recurrence';
import { Id, WallTimeSchema, WhenSchema } from './common';
import { PostOptionsSchema } from './posts';
import type { Problem } from './problems';
import type { SchedulerStatus } from './system';

const Reason = z.string().trim().min(1, 'Say why publishing is paused; everyone using Kairos will see it.').max(500);
/** When a pause ends by itself: an instant (UTC ms) or a wall time in a zone. */
const ResumeAt = z.union([z.number().int(), WallTimeSchema]).optional();
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.');
const Time = z.string().regex(/^\d{1,2}:\d{2}$/, 'Write the time as HH:mm.');

export const DECISION_KINDS = ['publish-now', 'mark-published', 'reschedule', 'discard'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DecisionSchema = z.discriminatedUnion('kind', [
  /** Send it now, even while paused or past the grace window. */
  z.object({ kind: z.literal('publish-now') }),
  /** It did go out (the user checked); optionally where. */
  z.object({ kind: z.literal('mark-published'), url: z.string().url('Paste the link to the post.').max(2000).optional() }),
  z.object({ kind: z.literal('reschedule'), when: WhenSchema }),
  z.object({ kind: z.literal('discard') }),
]);
export type DecisionInput = z.infer<typeof DecisionSchema>;

const Weekday = z.enum(WEEKDAYS);
export const RecurrenceRuleSchema = z.union([
  z.object({ freq: z.literal('daily'), interval: z.number().int().min(1).max(366).optional() }),
  z.object({
    freq: z.literal('weekly'),
    days: z.array(Weekday).min(1, 'Pick at least one day.').max(7),
    interval: z.number().int().min(1).max(52).optional(),
  }),
  z.object({ freq: z.literal('monthly'), dayOfMonth: z.number().int().min(-1).max(31) }),
  z.object({ freq: z.literal('monthly'), weekday: Weekday, nth: z.number().int().min(-1).max(5) }),
]);

const RecurringContent = {
  text: z.string().max(100_000),
  accountIds: z.array(Id).min(1, 'Pick at least one account.').max(50),
  overrides: z.record(z.string(), z.string().max(100_000)).optional(),
  labels: z.array(z.string().min(1).max(60)).max(20).optional(),
  options: PostOptionsSchema.optional(),
  parts: z.array(z.string().max(100_000)).max(50).optional(),
};
const RecurringWhen = {
  rule: RecurrenceRuleSchema,
  time: Time,
  timeZone: z.string().min(1),
  /** Defaults to today in the zone. */
  startDate: DateOnly.optional(),
  endDate: DateOnly.nullable().optional(),
};

export const engineRequests = {
  'engine.status': z.object({}).optional(),
  'engine.pause': z.object({ reason: Reason, resumeAt: ResumeAt }),
  'engine.resume': z.object({}).optional(),
  'engine.pauseAccount': z.object({ accountId: Id, reason: Reason, resumeAt: ResumeAt }),
  'engine.resumeAccount': z.object({ accountId: Id }),
  /** What needs a decision (held, missed, unconfirmed, failed), oldest first. */
  'engine.review': z.object({ statuses: z.array(z.enum(['held', 'missed', 'unconfirmed', 'failed'])).optional() }).optional(),
  /** Decides for a post's targets that need it (or one account's). */
  'engine.decide': z.object({ postId: Id, accountId: Id.optional(), decision: DecisionSchema }),
  /** Holds a post's scheduled targets (or one account's) with a reason, until someone decides. */
  'engine.hold': z.object({ postId: Id, accountId: Id.optional(), reason: z.string().trim().min(1).max(500) }),
  /** The shell reports the network coming and going (browser mode: navigator.onLine). */
  'engine.networkChanged': z.object({ online: z.boolean() }),
  'engine.recurring.list': z.object({}).optional(),
  'engine.recurring.create': z.object({ ...RecurringContent, ...RecurringWhen }),
  'engine.recurring.update': z.object({
    id: Id,
    ...z.object(RecurringContent).partial().shape,
    ...z.object(RecurringWhen).partial().shape,
    active: z.boolean().optional(),
  }),
  /** The next occurrences a rule would produce, with notes for DST days. */
  'engine.recurring.preview': z.object({ ...RecurringWhen, count: z.number().int().min(1).max(50).optional() }),
  'database.backups': z.object({}).optional(),
  'database.backupNow': z.object({}).optional(),
  /** Restores a backup (the newest sound one by default) at the next start of Kairos. */
  'database.restoreBackup': z.object({ fileName: z.string().min(1).max(200).optional() }),
} as const;

export interface PauseInfo {
  /** null for "pause all publishing". */
  readonly accountId: string | null;
  readonly accountName: string | null;
  readonly reason: string;
  readonly since: number;
  readonly resumeAt: number | null;
  readonly by: 'user' | 'cli' | 'system' | 'scheduler';
}

export interface DatabaseHealth {
  /** A storage problem in words (damaged, disk full, read-only), or null. */
  readonly problem: string | null;
  /** The same problem from the catalog, for pages to word; null when there is none. */
  readonly storageProblem: Problem | null;
  readonly lastBackupAt: number | null;
  readonly backups: number;
}

export interface EngineStatus {
  readonly paused: PauseInfo | null;
  readonly pausedAccounts: readonly PauseInfo[];
  readonly online: boolean;
  /** Posts whose time has come and that wait for the network. */
  readonly waitingForNetwork: number;
  readonly publishing: number;
  readonly attention: {
    readonly held: number;
    /** Held because they came due during a pause: list them with engine.review. */
    readonly heldByPause: number;
    readonly missed: number;
    readonly unconfirmed: number;
    readonly failed: number;
    readonly accountsNeedingLogin: number;
    /** Logins that run out within two weeks (or already did) and cannot renew themselves: sign in again before then. */
    readonly expiringLogins: readonly ExpiringLogin[];
  };
  readonly graceMinutes: number;
  readonly database: DatabaseHealth;
  readonly scheduler: SchedulerStatus;
}

export interface ExpiringLogin {
  readonly accountId: string;
  readonly accountName: string;
  readonly platform: PlatformId;
  readonly expiresAt: number;
}

/** How long before a login runs out Attention starts to say so. */
export const LOGIN_EXPIRY_WARNING_MS = 14 * 86_400_000;

export interface ReviewItem {
  readonly postId: string;
  readonly targetId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly platform: PlatformId;
  readonly status: TargetStatus;
  /** Why it is held: pause, account_pause, preflight, user. */
  readonly holdKind: string | null;
  readonly reason: string | null;
  readonly dueAt: number | null;
  readonly excerpt: string;
  readonly seriesId: string | null;
  readonly actions: readonly DecisionKind[];
}

export interface PauseReply {
  readonly status: EngineStatus;
  /** Posts taken back from a network's own scheduler. */
  readonly pulledBack: number;
  readonly problems: readonly string[];
  /** The same problems from the catalog, in the same order, for pages to word. */
  readonly problemList: readonly Problem[];
  /** Set when a wall time for the automatic resume had to be adjusted (DST). */
  readonly timeNote: string | null;
  readonly timeNoteProblem: Problem | null;
}

export interface ResumeReply {
  readonly status: EngineStatus;
  /** What came due during the pause and waits for a decision: publish now, reschedule, or discard. */
  readonly review: readonly ReviewItem[];
}

export interface DecideReply {
  readonly post: PostView;
  /** How many targets the decision applied to. */
  readonly applied: number;
  readonly timeNote: string | null;
  readonly timeNoteProblem: Problem | null;
}

export interface OccurrenceView {
  readonly at: number;
  readonly date: string;
  readonly time: string;
  readonly note: string | null;
  readonly noteProblem: Problem | null;
}

export interface RecurringView {
  readonly id: string;
  readonly description: string;
  readonly rule: z.infer<typeof RecurrenceRuleSchema>;
  readonly time: string;
  readonly timeZone: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly active: boolean;
  readonly text: string;
  readonly accountIds: readonly string[];
  readonly next: OccurrenceView | null;
  /** The post standing for the upcoming occurrence. */
  readonly upcomingPostId: string | null;
}

export interface BackupView {
  readonly fileName: string;
  readonly at: number;
  readonly bytes: number;
}

export interface EngineResponses {
  'engine.status': EngineStatus;
  'engine.pause': PauseReply;
  'engine.resume': ResumeReply;
  'engine.pauseAccount': PauseReply;
  'engine.resumeAccount': ResumeReply;
  'engine.review': readonly ReviewItem[];
  'engine.decide': DecideReply;
  'engine.hold': PostView;
  'engine.networkChanged': EngineStatus;
  'engine.recurring.list': readonly RecurringView[];
  'engine.recurring.create': RecurringView;
  'engine.recurring.update': RecurringView;
  'engine.recurring.preview': readonly OccurrenceView[];
  'database.backups': readonly BackupView[];
  'database.backupNow': BackupView;
  'database.restoreBackup': { readonly backup: BackupView; readonly restartRequired: true; readonly message: string };
}
