// What the analytics view and the leadership report show: numbers over time, the audience, and the context of each post.

import type { Problem } from './contract/problems';
import type { PlatformId } from './domain';
import type { MetricSource } from './platforms';

/** Where a figure comes from (every snapshot stores it) and where each network's numbers come from: declared by each network. */
export { METRIC_SOURCE_OF, type MetricSource } from './platforms';

export const REPORT_FORMATS = ['pdf', 'csv', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LOCALES = ['en', 'it'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

export interface AnalyticsPeriod {
  /** First and last day, inclusive, as YYYY-MM-DD in `timeZone`. */
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  /** The same as UTC instants: [fromAt, toAt). */
  readonly fromAt: number;
  readonly toAt: number;
}

export type HeadlineKey = 'posts' | 'engagements' | 'replies' | 'followers';
export interface Headline {
  readonly key: HeadlineKey;
  readonly value: number;
  /** The same figure for the period of the same length just before; null when there is nothing to compare. */
  readonly previous: number | null;
}

export interface DayPoint {
  readonly date: string;
  readonly posts: number;
  readonly engagements: number;
}

export interface Counters {
  readonly likes: number;
  readonly reposts: number;
  readonly replies: number;
  readonly quotes: number;
}

export interface NetworkSplit extends Counters {
  readonly platform: PlatformId;
  readonly posts: number;
  readonly engagements: number;
  readonly source: MetricSource;
}

export interface PostPerformance extends Counters {
  readonly postId: string;
  readonly targetId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly platform: PlatformId;
  readonly excerpt: string;
  readonly url: string | null;
  readonly publishedAt: number;
  readonly labels: readonly string[];
  readonly engagements: number;
  /** Deleted on the network: the last numbers read before it went are kept. */
  readonly deleted: boolean;
  readonly lastReadAt: number | null;
  /** Engagements divided by the account's median over the 90 days before; null without history. */
  readonly vsMedian: number | null;
}

export interface AudienceItem {
  readonly accountId: string;
  readonly platform: PlatformId;
  readonly kind: 'reply' | 'mention';
  readonly author: string;
  readonly text: string;
  readonly url: string | null;
  readonly createdAt: number;
  readonly engagements: number;
  readonly postId: string | null;
}

export interface TermCount {
  readonly term: string;
  readonly count: number;
}

export interface AudienceSummary {
  readonly total: number;
  readonly perDay: readonly { readonly date: string; readonly replies: number; readonly mentions: number }[];
  readonly words: readonly TermCount[];
  readonly hashtags: readonly TermCount[];
  readonly topReplies: readonly AudienceItem[];
  readonly questions: readonly AudienceItem[];
}

export interface NotableMoment {
  readonly at: number;
  readonly kind: 'paused' | 'resumed' | 'account paused' | 'account resumed' | 'pause changed';
  readonly accountId: string | null;
  readonly detail: string | null;
}

export interface ObservanceMark {
  readonly date: string;
  readonly name: string;
  readonly kind: string;
}

export interface AnalyticsView {
  readonly period: AnalyticsPeriod;
  readonly previous: AnalyticsPeriod;
  readonly headline: readonly Headline[];
  readonly overTime: readonly DayPoint[];
  readonly networks: readonly NetworkSplit[];
  /** Replies and mentions received, [weekday Monday=0][hour 0–23] in the period's zone. */
  readonly heatmap: readonly (readonly number[])[];
  readonly top: readonly PostPerformance[];
  readonly bottom: readonly PostPerformance[];
  readonly audience: AudienceSummary;
  readonly moments: readonly NotableMoment[];
  readonly observancesAhead: readonly ObservanceMark[];
  /** Accounts in the filter whose network reports no numbers (Discord webhooks). */
  readonly withoutNumbers: readonly { readonly accountId: string; readonly name: string; readonly platform: PlatformId }[];
  readonly accounts: readonly { readonly id: string; readonly name: string; readonly platform: PlatformId }[];
  readonly labels: readonly string[];
}

export interface SnapshotPoint extends Counters {
  readonly milestone: string;
  readonly takenAt: number;
  readonly state: 'counted' | 'deleted';
  readonly source: MetricSource;
}

export interface PublishContext {
  /** What the panel showed as trending on the account's network just before the post went out. */
  readonly trending: readonly { readonly name: string; readonly volume: number | null }[];
  readonly trendingSeenAt: number | null;
  readonly watchlist: readonly { readonly term: string; readonly severity: string; readonly at: number }[];
  readonly preflight: readonly {
    readonly result: 'clear' | 'held' | 'skipped';
    readonly reason: string;
    readonly decision: 'send' | 'hold' | 'edit' | null;
    readonly checkedAt: number;
  }[];
  /** Set when a crisis pause held the post past its planned time. */
  readonly pause: { readonly delayMs: number; readonly reason: string | null } | null;
  readonly observances: readonly ObservanceMark[];
}

export interface TargetAnalytics {
  readonly targetId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly platform: PlatformId;
  readonly url: string | null;
  readonly publishedAt: number;
  readonly intendedAt: number | null;
  readonly snapshots: readonly SnapshotPoint[];
  readonly engagements: number | null;
  readonly accountMedian: number | null;
  readonly context: PublishContext;
  readonly replies: readonly AudienceItem[];
}

export interface PostAnalytics {
  readonly postId: string;
  readonly text: string;
  readonly labels: readonly string[];
  readonly targets: readonly TargetAnalytics[];
}

export interface CollectResult {
  readonly snapshots: number;
  readonly deleted: number;
  readonly replies: number;
  readonly followers: number;
  readonly pending: number;
  readonly problems: readonly {
    readonly accountId: string;
    readonly message: string;
    /** The same, from the catalog, for pages to word. */
    readonly problem: Problem;
    readonly retryAt: number | null;
  }[];
}

export interface ReportFile {
  readonly fileName: string;
  readonly mime: string;
  readonly base64: string;
  readonly bytes: number;
}

export interface ReportSchedule {
  readonly id: string;
  readonly cadence: 'weekly' | 'monthly';
  readonly folder: string;
  readonly format: ReportFormat;
  readonly accountIds: readonly string[];
  readonly labels: readonly string[];
  readonly lastPeriodEnd: string | null;
  readonly lastWrittenAt: number | null;
  readonly lastError: string | null;
  /** The same error from the catalog, for pages to word; null when there is none. */
  readonly lastErrorProblem: Problem | null;
}

export const engagementsOf = (c: Counters) => c.likes + c.reposts + c.replies + c.quotes;
