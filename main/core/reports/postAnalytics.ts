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
import { notFound } from '../errors';
import type { StoredAccount } from '../repos/accounts';
import type { AnalyticsStore, MetricsStore } from '../stores/types';
import { median } from './analytics';
import type { PublishedTargetOfPost } from './analyticsRepo';
import { ZoneClock } from './zoneClock';

/** How long before publishing the panel's trends still describe "the moment it went out". */
const TRENDS_FRESH_MS = 12 * 3_600_000;
/** A post that went out later than planned by more than this, during a pause, was delayed by it. */
const DELAY_MS = 60_000;
const MEDIAN_WINDOW_MS = 90 * 86_400_000;

export interface PostAnalyticsDeps {
  readonly metrics: MetricsStore;
  readonly analytics: AnalyticsStore;
  readonly accounts: readonly StoredAccount[];
  readonly observancesOn: (date: string) => readonly ObservanceMark[];
}

export async function buildPostAnalytics(d: PostAnalyticsDeps, postId: string, timeZone: string): Promise<PostAnalytics> {
  const post = await d.analytics.postHeader(postId);
  if (!post) throw notFound('post');
  const zone = new ZoneClock(timeZone);
  const targets = await d.analytics.publishedTargetsOf(postId);
  const accountById = new Map(d.accounts.map((a) => [a.id, a]));
  return {
    postId,
    text: post.text,
    labels: post.labels,
    // A target's account is always there (removing an account removes its targets); one that is not has no numbers to show.
    targets: await Promise.all(
      targets
        .flatMap((t) => {
          const account = accountById.get(t.accountId);
          return account ? [{ t, account }] : [];
        })
        .map(async ({ t, account }): Promise<TargetAnalytics> => {
          const platform = account.platform;
          const snapshots = (await d.metrics.snapshotsOf(t.id)).map((s) => ({
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
          const earlier = (await d.analytics.published(t.publishedAt - MEDIAN_WINDOW_MS, t.publishedAt))
            .filter((r) => r.accountId === t.accountId && r.lastReadAt !== null)
            .map((r) => engagementsOf({ likes: r.likes ?? 0, reposts: r.reposts ?? 0, replies: r.replies ?? 0, quotes: r.quotes ?? 0 }));
          return {
            targetId: t.id,
            accountId: t.accountId,
            accountName: account.name,
            platform,
            url: t.remoteUrl,
            publishedAt: t.publishedAt,
            intendedAt: t.intendedAt,
            snapshots: METRIC_SOURCE_OF[platform] === 'none' ? [] : snapshots,
            engagements: last ? engagementsOf(last) : null,
            accountMedian: median(earlier),
            context: await contextOf(d, postId, t, zone),
            replies: await repliesOf(d, t.id, t.accountId, platform),
          };
        }),
    ),
  };
}

async function contextOf(d: PostAnalyticsDeps, postId: string, t: PublishedTargetOfPost, zone: ZoneClock): Promise<PublishContext> {
  const trends = await d.analytics.trendsSeen(t.accountId, t.publishedAt, t.publishedAt - TRENDS_FRESH_MS);
  const trendItems = trends?.items ?? [];
  return {
    trending: trendItems.slice(0, 5).map((i) => ({ name: i.name, volume: i.volume })),
    trendingSeenAt: trends?.fetchedAt ?? null,
    watchlist: await d.analytics.alertsOf(postId),
    preflight: await d.analytics.preflightOf(t.id),
    pause: await pauseDelay(d, t),
    observances: d.observancesOn(zone.day(t.publishedAt)),
  };
}

/** The crisis pause that held the post past its planned time, if one did. */
async function pauseDelay(d: PostAnalyticsDeps, t: PublishedTargetOfPost): Promise<PublishContext['pause']> {
  if (t.intendedAt === null || t.publishedAt - t.intendedAt < DELAY_MS) return null;
  const pause = await d.analytics.pauseBefore(t.accountId, t.publishedAt);
  if (!pause) return null;
  const resumed = await d.analytics.resumedAfter(t.accountId, pause.at);
  // The pause must still have been on when the post was meant to go out.
  if (resumed !== null && resumed < t.intendedAt) return null;
  return { delayMs: t.publishedAt - t.intendedAt, reason: pause.detail };
}

async function repliesOf(d: PostAnalyticsDeps, targetId: string, accountId: string, platform: PlatformId): Promise<AudienceItem[]> {
  return (await d.analytics.repliesOf(targetId)).map((r) => ({
    accountId,
    platform,
    kind: 'reply' as const,
    author: r.author,
    text: r.text,
    url: r.url,
    createdAt: r.createdAt,
    engagements: r.engagements,
    postId: null,
  }));
}
