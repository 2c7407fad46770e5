// The analytics view's numbers for a period: headline cards with change, charts' series, top posts, the audience.

import {
  type AnalyticsView,
  type AudienceItem,
  type AudienceSummary,
  engagementsOf,
  type Headline,
  METRIC_SOURCE_OF,
  type NetworkSplit,
  type NotableMoment,
  type ObservanceMark,
  type PostPerformance,
} from '../../../shared/analytics';
import type { PlatformId } from '../../../shared/domain';
import type { StoredAccount } from '../repos/accounts';
import type { AnalyticsStore } from '../stores/types';
import type { AudienceRow, PeriodRow } from './analyticsRepo';
import { hashtagsOf, isQuestion, topCounts, wordsOf } from './audienceWords';
import { addDays, daysIn, periodOf, previousPeriod, ZoneClock } from './zoneClock';

export interface AnalyticsQuery {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly accountIds?: readonly string[] | undefined;
  readonly labels?: readonly string[] | undefined;
}

export interface AnalyticsDeps {
  readonly repo: AnalyticsStore;
  readonly accounts: readonly StoredAccount[];
  /** Holidays and awareness days between two dates (the conversation feature's calendar). */
  readonly observances: (from: string, to: string) => readonly ObservanceMark[];
}

const MEDIAN_WINDOW_MS = 90 * 86_400_000;
const TOP = 5;
const EXCERPT = 200;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export async function buildAnalyticsView(d: AnalyticsDeps, q: AnalyticsQuery): Promise<AnalyticsView> {
  const period = periodOf(q.from, q.to, q.timeZone);
  const previous = previousPeriod(period);
  const zone = new ZoneClock(q.timeZone);
  const accountIds = q.accountIds?.length ? new Set(q.accountIds) : null;
  const labels = q.labels?.length ? new Set(q.labels) : null;
  const accounts = d.accounts.filter((a) => !accountIds || accountIds.has(a.id));
  const accountById = new Map(d.accounts.map((a) => [a.id, a]));
  const filter = { accountIds: q.accountIds?.length ? q.accountIds : null, labels: q.labels?.length ? q.labels : null };

  // Tuples for the period; only sums for the period before; medians from SQLite; text only for the posts shown.
  const inPeriod = await d.repo.periodRows(period.fromAt, period.toAt, filter);
  const before = await d.repo.totals(previous.fromAt, previous.toAt, filter);
  // Each account's median engagement over the 90 days before the period: what "usual" is for it (labels aside).
  const medians = await d.repo.medians(period.fromAt - MEDIAN_WINDOW_MS, period.fromAt, filter.accountIds);
  const platformOf = await d.repo.platforms();

  const days = daysIn(period.from, period.to);
  const overTime = days.map((date) => ({ date, posts: 0, engagements: 0 }));
  const dayIndex = zone.dayIndexer(period.from, days.length);
  const networks = new Map<PlatformId, { posts: number; likes: number; reposts: number; replies: number; quotes: number }>();
  let engagementSum = 0;
  let replySum = 0;
  const ranked: { readonly row: PeriodRow; readonly engagements: number }[] = [];
  for (const r of inPeriod) {
    const likes = r[4] ?? 0;
    const reposts = r[5] ?? 0;
    const replies = r[6] ?? 0;
    const quotes = r[7] ?? 0;
    const engagements = likes + reposts + replies + quotes;
    engagementSum += engagements;
    replySum += replies;
    const point = overTime[dayIndex(r[3])];
    if (point) {
      point.posts++;
      point.engagements += engagements;
    }
    // Every target has its account (removing an account removes its targets).
    const platform = platformOf.get(r[2]) as PlatformId;
    const n = networks.get(platform);
    if (n) {
      n.posts++;
      n.likes += likes;
      n.reposts += reposts;
      n.replies += replies;
      n.quotes += quotes;
    } else networks.set(platform, { posts: 1, likes, reposts, replies, quotes });
    if (r[8] !== null && METRIC_SOURCE_OF[platform] !== 'none') ranked.push({ row: r, engagements });
  }
  ranked.sort((a, b) => b.engagements - a.engagements || b.row[3] - a.row[3]);

  const performanceOf = async ({ row: r, engagements }: (typeof ranked)[number]): Promise<PostPerformance> => {
    const m = medians.get(r[2]) ?? null;
    const shown = await d.repo.details(r[0]);
    return {
      likes: r[4] ?? 0,
      reposts: r[5] ?? 0,
      replies: r[6] ?? 0,
      quotes: r[7] ?? 0,
      postId: r[1],
      targetId: r[0],
      accountId: r[2],
      accountName: accountById.get(r[2])?.name ?? r[2],
      platform: platformOf.get(r[2]) as PlatformId,
      excerpt: shown.text.length > EXCERPT ? `${shown.text.slice(0, EXCERPT - 1)}…` : shown.text,
      url: shown.url,
      publishedAt: r[3],
      labels: shown.labels,
      engagements,
      deleted: r[9] === 1,
      lastReadAt: r[8],
      vsMedian: m && m > 0 ? engagements / m : null,
    };
  };

  const followerChange = async (p: typeof period) => {
    let sum: number | null = null;
    for (const a of accounts) {
      // From the last reading before the period to the last one in it (follower days are UTC days).
      const end = await d.repo.followersOn(a.id, p.to);
      const start = (await d.repo.followersOn(a.id, addDays(p.from, -1))) ?? (await d.repo.firstFollowersFrom(a.id, p.from));
      if (end === null || start === null) continue;
      sum = (sum ?? 0) + (end - start);
    }
    return sum;
  };
  const hadBefore = before.posts > 0;
  const headline: Headline[] = [
    { key: 'posts', value: inPeriod.length, previous: hadBefore ? before.posts : null },
    { key: 'engagements', value: engagementSum, previous: hadBefore ? before.engagements : null },
    { key: 'replies', value: replySum, previous: hadBefore ? before.replies : null },
    { key: 'followers', value: (await followerChange(period)) ?? 0, previous: await followerChange(previous) },
  ];

  const split: NetworkSplit[] = [...networks].map(([platform, n]) => ({
    platform,
    ...n,
    engagements: engagementsOf(n),
    source: METRIC_SOURCE_OF[platform],
  }));

  const labelledPosts = new Set(inPeriod.map((r) => r[1]));
  // With a label filter, what the audience said is about the labelled posts only.
  const audienceRows = (await d.repo.audience(period.fromAt, period.toAt)).filter(
    (a) => (!accountIds || accountIds.has(a.accountId)) && (!labels || (a.postId !== null && labelledPosts.has(a.postId))),
  );
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const a of audienceRows) {
    const [wd, h] = zone.weekdayHour(a.createdAt);
    const row = heatmap[wd] as number[];
    row[h] = (row[h] ?? 0) + 1;
  }

  const moments: NotableMoment[] = (await d.repo.moments(period.fromAt, period.toAt))
    .filter((m) => !accountIds || m.account_id === null || accountIds.has(m.account_id))
    .map((m) => ({
      at: m.at,
      kind: (m.kind === 'publishing paused' ? 'paused' : m.kind === 'publishing resumed' ? 'resumed' : m.kind) as NotableMoment['kind'],
      accountId: m.account_id,
      detail: m.detail,
    }));

  return {
    period,
    previous,
    headline,
    overTime,
    networks: split.sort((a, b) => b.engagements - a.engagements),
    heatmap,
    top: await Promise.all(ranked.slice(0, TOP).map(performanceOf)),
    bottom: ranked.length > TOP ? await Promise.all(ranked.slice(-TOP).reverse().map(performanceOf)) : [],
    audience: summarizeAudience(audienceRows, zone, days),
    moments,
    observancesAhead: d.observances(addDays(period.to, 1), addDays(period.to, 30)).slice(0, 10),
    withoutNumbers: accounts
      .filter((a) => METRIC_SOURCE_OF[a.platform] === 'none')
      .map((a) => ({ accountId: a.id, name: a.name, platform: a.platform })),
    accounts: d.accounts.map((a) => ({ id: a.id, name: a.name, platform: a.platform })),
    labels: await d.repo.labels(),
  };
}

export function summarizeAudience(rows: readonly AudienceRow[], zone: ZoneClock, days: readonly string[]): AudienceSummary {
  const perDay = new Map(days.map((date) => [date, { date, replies: 0, mentions: 0 }]));
  for (const r of rows) {
    const p = perDay.get(zone.day(r.createdAt));
    if (!p) continue;
    if (r.kind === 'reply') p.replies++;
    else p.mentions++;
  }
  const item = (r: AudienceRow): AudienceItem => ({
    accountId: r.accountId,
    platform: r.platform,
    kind: r.kind,
    author: r.author,
    text: r.text,
    url: r.url,
    createdAt: r.createdAt,
    engagements: r.engagements,
    postId: r.postId,
  });
  return {
    total: rows.length,
    perDay: [...perDay.values()],
    words: topCounts(
      rows.map((r) => wordsOf(r.text)),
      20,
    ),
    hashtags: topCounts(
      rows.map((r) => hashtagsOf(r.text)),
      10,
    ),
    topReplies: [...rows]
      .filter((r) => r.engagements > 0)
      .sort((a, b) => b.engagements - a.engagements || b.createdAt - a.createdAt)
      .slice(0, 5)
      .map(item),
    questions: rows
      .filter((r) => isQuestion(r.text))
      .slice(-10)
      .reverse()
      .map(item),
  };
}
