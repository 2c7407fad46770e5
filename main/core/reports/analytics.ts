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
import type { AnalyticsRepo, AudienceRow, PublishedRow } from './analyticsRepo';
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
  readonly repo: AnalyticsRepo;
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

const counted = (r: PublishedRow) => ({ likes: r.likes ?? 0, reposts: r.reposts ?? 0, replies: r.replies ?? 0, quotes: r.quotes ?? 0 });

export function buildAnalyticsView(d: AnalyticsDeps, q: AnalyticsQuery): AnalyticsView {
  const period = periodOf(q.from, q.to, q.timeZone);
  const previous = previousPeriod(period);
  const zone = new ZoneClock(q.timeZone);
  const accountIds = q.accountIds?.length ? new Set(q.accountIds) : null;
  const labels = q.labels?.length ? new Set(q.labels) : null;
  const accounts = d.accounts.filter((a) => !accountIds || accountIds.has(a.id));
  const accountById = new Map(d.accounts.map((a) => [a.id, a]));
  const keep = (r: PublishedRow) => (!accountIds || accountIds.has(r.accountId)) && (!labels || r.labels.some((l) => labels.has(l)));

  const earliest = Math.min(previous.fromAt, period.fromAt - MEDIAN_WINDOW_MS);
  const all = d.repo.published(earliest, period.toAt).filter((r) => !accountIds || accountIds.has(r.accountId));
  const inPeriod = all.filter((r) => r.publishedAt >= period.fromAt && keep(r));
  const inPrevious = all.filter((r) => r.publishedAt >= previous.fromAt && r.publishedAt < previous.toAt && keep(r));

  // Each account's median engagement over the 90 days before the period: what "usual" is for it.
  const history = new Map<string, number[]>();
  for (const r of all) {
    if (r.publishedAt >= period.fromAt || r.publishedAt < period.fromAt - MEDIAN_WINDOW_MS || r.lastReadAt === null) continue;
    const list = history.get(r.accountId);
    if (list) list.push(engagementsOf(counted(r)));
    else history.set(r.accountId, [engagementsOf(counted(r))]);
  }
  const medians = new Map([...history].map(([id, v]) => [id, median(v)]));

  const withNumbers = inPeriod.filter((r) => METRIC_SOURCE_OF[r.platform] !== 'none');
  const performance: PostPerformance[] = withNumbers.map((r) => {
    const c = counted(r);
    const engagements = engagementsOf(c);
    const m = medians.get(r.accountId) ?? null;
    return {
      ...c,
      postId: r.postId,
      targetId: r.targetId,
      accountId: r.accountId,
      accountName: accountById.get(r.accountId)?.name ?? r.accountId,
      platform: r.platform,
      excerpt: r.text.length > EXCERPT ? `${r.text.slice(0, EXCERPT - 1)}…` : r.text,
      url: r.url,
      publishedAt: r.publishedAt,
      labels: r.labels,
      engagements,
      deleted: r.deleted,
      lastReadAt: r.lastReadAt,
      vsMedian: m && m > 0 ? engagements / m : null,
    };
  });
  const read = performance.filter((p) => p.lastReadAt !== null);
  const ranked = [...read].sort((a, b) => b.engagements - a.engagements || b.publishedAt - a.publishedAt);

  const totals = (rows: readonly PublishedRow[]) => {
    let engagements = 0;
    let replies = 0;
    for (const r of rows) {
      const c = counted(r);
      engagements += engagementsOf(c);
      replies += c.replies;
    }
    return { posts: rows.length, engagements, replies };
  };
  const now = totals(inPeriod);
  const before = totals(inPrevious);
  const followerChange = (p: typeof period) => {
    let sum: number | null = null;
    for (const a of accounts) {
      // From the last reading before the period to the last one in it (follower days are UTC days).
      const end = d.repo.followersOn(a.id, p.to);
      const start = d.repo.followersOn(a.id, addDays(p.from, -1)) ?? d.repo.firstFollowersFrom(a.id, p.from);
      if (end === null || start === null) continue;
      sum = (sum ?? 0) + (end - start);
    }
    return sum;
  };
  const hadBefore = inPrevious.length > 0;
  const headline: Headline[] = [
    { key: 'posts', value: now.posts, previous: hadBefore ? before.posts : null },
    { key: 'engagements', value: now.engagements, previous: hadBefore ? before.engagements : null },
    { key: 'replies', value: now.replies, previous: hadBefore ? before.replies : null },
    { key: 'followers', value: followerChange(period) ?? 0, previous: followerChange(previous) },
  ];

  const days = daysIn(period.from, period.to);
  const byDay = new Map(days.map((day) => [day, { date: day, posts: 0, engagements: 0 }]));
  for (const r of inPeriod) {
    const point = byDay.get(zone.day(r.publishedAt));
    if (!point) continue;
    point.posts++;
    point.engagements += engagementsOf(counted(r));
  }

  const networks = new Map<PlatformId, { posts: number; likes: number; reposts: number; replies: number; quotes: number }>();
  for (const r of inPeriod) {
    const n = networks.get(r.platform) ?? { posts: 0, likes: 0, reposts: 0, replies: 0, quotes: 0 };
    const c = counted(r);
    n.posts++;
    n.likes += c.likes;
    n.reposts += c.reposts;
    n.replies += c.replies;
    n.quotes += c.quotes;
    networks.set(r.platform, n);
  }
  const split: NetworkSplit[] = [...networks].map(([platform, n]) => ({
    platform,
    ...n,
    engagements: engagementsOf(n),
    source: METRIC_SOURCE_OF[platform],
  }));

  const labelledPosts = new Set(inPeriod.map((r) => r.postId));
  // With a label filter, what the audience said is about the labelled posts only.
  const audienceRows = d.repo
    .audience(period.fromAt, period.toAt)
    .filter((a) => (!accountIds || accountIds.has(a.accountId)) && (!labels || (a.postId !== null && labelledPosts.has(a.postId))));
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const a of audienceRows) {
    const [wd, h] = zone.weekdayHour(a.createdAt);
    const row = heatmap[wd] as number[];
    row[h] = (row[h] ?? 0) + 1;
  }

  const moments: NotableMoment[] = d.repo
    .moments(period.fromAt, period.toAt)
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
    overTime: [...byDay.values()],
    networks: split.sort((a, b) => b.engagements - a.engagements),
    heatmap,
    top: ranked.slice(0, TOP),
    bottom: ranked.length > TOP ? ranked.slice(-TOP).reverse() : [],
    audience: summarizeAudience(audienceRows, zone, days),
    moments,
    observancesAhead: d.observances(addDays(period.to, 1), addDays(period.to, 30)).slice(0, 10),
    withoutNumbers: accounts
      .filter((a) => METRIC_SOURCE_OF[a.platform] === 'none')
      .map((a) => ({ accountId: a.id, name: a.name, platform: a.platform })),
    accounts: d.accounts.map((a) => ({ id: a.id, name: a.name, platform: a.platform })),
    labels: d.repo.labels(),
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
