// One post's numbers over time beside its text, and the context at the moment it went out.

import {
  type AudienceItem,
  engagementsOf,
  METRIC_SOURCE_OF,
  type MetricSource,
  type ObservanceMark,
  type PostAnalytics,
  type PublishContext,
  type TargetAnalytics,
} from '../../../shared/analytics';
import type { PlatformId } from '../../../shared/domain';
import type { TrendItem } from '../../../shared/signals';
import type { Db } from '../db/database';
import { notFound } from '../errors';
import type { MetricsRepo } from '../metrics/metricsRepo';
import type { StoredAccount } from '../repos/accounts';
import { median } from './analytics';
import type { AnalyticsRepo } from './analyticsRepo';
import { ZoneClock } from './zoneClock';

/** How long before publishing the panel's trends still describe "the moment it went out". */
const TRENDS_FRESH_MS = 12 * 3_600_000;
/** A post that went out later than planned by more than this, during a pause, was delayed by it. */
const DELAY_MS = 60_000;
const MEDIAN_WINDOW_MS = 90 * 86_400_000;

interface TargetRow {
  id: string;
  account_id: string;
  remote_url: string | null;
  published_at: number;
  intended_at: number | null;
}

export interface PostAnalyticsDeps {
  readonly db: Db;
  readonly metrics: MetricsRepo;
  readonly analytics: AnalyticsRepo;
  readonly accounts: readonly StoredAccount[];
  readonly observancesOn: (date: string) => readonly ObservanceMark[];
}

export function buildPostAnalytics(d: PostAnalyticsDeps, postId: string, timeZone: string): PostAnalytics {
  const post = d.db.prepare<[string], { text: string; labels: string }>('SELECT text, labels FROM posts WHERE id = ?').get(postId);
  if (!post) throw notFound('post');
  const zone = new ZoneClock(timeZone);
  const targets = d.db
    .prepare<[string], TargetRow>(
      `SELECT id, account_id, remote_url, published_at, intended_at FROM targets
       WHERE post_id = ? AND status = 'published' AND published_at IS NOT NULL ORDER BY rowid`,
    )
    .all(postId);
  const accountById = new Map(d.accounts.map((a) => [a.id, a]));
  return {
    postId,
    text: post.text,
    labels: JSON.parse(post.labels) as string[],
    targets: targets.map((t): TargetAnalytics => {
      const account = accountById.get(t.account_id);
      const platform = (account?.platform ?? 'discord') as PlatformId;
      const snapshots = d.metrics.snapshotsOf(t.id).map((s) => ({
        milestone: s.milestone,
        takenAt: s.takenAt,
        state: s.state,
        likes: s.likes ?? 0,
        reposts: s.reposts ?? 0,
        replies: s.replies ?? 0,
        quotes: s.quotes ?? 0,
        source: s.source as MetricSource,
      }));
      const last = [...snapshots].reverse().find((s) => s.state === 'counted');
      const earlier = d.analytics
        .published(t.published_at - MEDIAN_WINDOW_MS, t.published_at)
        .filter((r) => r.accountId === t.account_id && r.lastReadAt !== null)
        .map((r) => engagementsOf({ likes: r.likes ?? 0, reposts: r.reposts ?? 0, replies: r.replies ?? 0, quotes: r.quotes ?? 0 }));
      return {
        targetId: t.id,
        accountId: t.account_id,
        accountName: account?.name ?? t.account_id,
        platform,
        url: t.remote_url,
        publishedAt: t.published_at,
        intendedAt: t.intended_at,
        snapshots: METRIC_SOURCE_OF[platform] === 'none' ? [] : snapshots,
        engagements: last ? engagementsOf(last) : null,
        accountMedian: median(earlier),
        context: contextOf(d, postId, t, zone),
        replies: repliesOf(d.db, t.id, t.account_id, platform),
      };
    }),
  };
}

function contextOf(d: PostAnalyticsDeps, postId: string, t: TargetRow, zone: ZoneClock): PublishContext {
  const trends = d.db
    .prepare<[string, number, number], { items: string; fetched_at: number }>(
      `SELECT items, fetched_at FROM signal_history WHERE account_id = ? AND kind = 'trends' AND fetched_at <= ? AND fetched_at >= ?
       ORDER BY fetched_at DESC LIMIT 1`,
    )
    .get(t.account_id, t.published_at, t.published_at - TRENDS_FRESH_MS);
  const trendItems = trends ? (JSON.parse(trends.items) as TrendItem[]) : [];
  const watchlist = d.db
    .prepare<[string], { term: string; severity: string; created_at: number }>(
      'SELECT term, severity, created_at FROM conversation_alerts WHERE post_id = ? ORDER BY created_at',
    )
    .all(postId)
    .map((a) => ({ term: a.term, severity: a.severity, at: a.created_at }));
  const preflight = d.db
    .prepare<
      [string],
      { result: 'clear' | 'held' | 'skipped'; reason: string; decision: 'send' | 'hold' | 'edit' | null; checked_at: number }
    >('SELECT result, reason, decision, checked_at FROM preflight_checks WHERE target_id = ? ORDER BY checked_at')
    .all(t.id)
    .map((p) => ({ result: p.result, reason: p.reason, decision: p.decision, checkedAt: p.checked_at }));
  return {
    trending: trendItems.slice(0, 5).map((i) => ({ name: i.name, volume: i.volume })),
    trendingSeenAt: trends?.fetched_at ?? null,
    watchlist,
    preflight,
    pause: pauseDelay(d.db, t),
    observances: d.observancesOn(zone.day(t.published_at)),
  };
}

/** The crisis pause that held the post past its planned time, if one did. */
function pauseDelay(db: Db, t: TargetRow): PublishContext['pause'] {
  if (t.intended_at === null || t.published_at - t.intended_at < DELAY_MS) return null;
  const pause = db
    .prepare<[string, number], { at: number; detail: string | null }>(
      `SELECT at, detail FROM events WHERE kind IN ('publishing paused', 'account paused') AND (account_id IS NULL OR account_id = ?)
       AND at <= ? ORDER BY at DESC, id DESC LIMIT 1`,
    )
    .get(t.account_id, t.published_at);
  if (!pause) return null;
  const resumed = db
    .prepare<[string, number], { at: number }>(
      `SELECT at FROM events WHERE kind IN ('publishing resumed', 'account resumed') AND (account_id IS NULL OR account_id = ?)
       AND at >= ? ORDER BY at LIMIT 1`,
    )
    .get(t.account_id, pause.at);
  // The pause must still have been on when the post was meant to go out.
  if (resumed && resumed.at < t.intended_at) return null;
  return { delayMs: t.published_at - t.intended_at, reason: pause.detail };
}

function repliesOf(db: Db, targetId: string, accountId: string, platform: PlatformId): AudienceItem[] {
  return db
    .prepare<[string], { author: string; text: string; url: string | null; created_at: number; e: number }>(
      `SELECT author, text, url, created_at, coalesce(likes, 0) + coalesce(reposts, 0) + coalesce(replies, 0) AS e
       FROM audience_posts WHERE target_id = ? ORDER BY created_at`,
    )
    .all(targetId)
    .map((r) => ({
      accountId,
      platform,
      kind: 'reply' as const,
      author: r.author,
      text: r.text,
      url: r.url,
      createdAt: r.created_at,
      engagements: r.e,
      postId: null,
    }));
}
