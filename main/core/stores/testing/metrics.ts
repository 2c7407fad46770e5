// What the metrics and analytics stores must answer, on every database: the same numbers, in the same order, with
// the same instants. Called by metrics.test.ts (SQLite) and main/server/pg/stores/metrics.pg.test.ts (PostgreSQL);
// the rows a published history leaves are written by each engine's `seed` with plain INSERTs.

import { beforeEach, describe, expect, it } from 'vitest';
import type { PlatformId } from '../../../../shared/domain';
import type { SignalPost, TrendItem } from '../../../../shared/signals';
import { FOLLOW_FOR_MS } from '../../metrics/milestones';
import type { AudienceReply } from '../../platforms/types';
import { buildAnalyticsView } from '../../reports/analytics';
import type { StoredAccount } from '../../repos/accounts';
import type { AnalyticsStore, MetricsStore } from '../types';

export interface SeedTarget {
  readonly id: string;
  readonly postId: string;
  readonly accountId: string;
  readonly status?: string;
  readonly remoteId?: string | null;
  readonly remoteUrl?: string | null;
  readonly publishedAt?: number | null;
  readonly intendedAt?: number | null;
}

/** Rows written directly, as publishing and the conversation panel leave them. */
export interface MetricsSeed {
  account(a: { id: string; platform: PlatformId; name: string; createdAt: number }): Promise<void>;
  post(p: { id: string; text: string; labels: readonly string[]; createdAt: number }): Promise<void>;
  target(t: SeedTarget): Promise<void>;
  event(e: { at: number; kind: string; accountId?: string | null; detail?: string | null }): Promise<void>;
  signalCache(r: {
    accountId: string;
    kind: 'trends' | 'mentions' | 'search';
    term: string;
    items: unknown;
    fetchedAt: number;
  }): Promise<void>;
  alert(a: { id: string; postId: string; term: string; severity: string; createdAt: number }): Promise<void>;
  preflight(p: {
    targetId: string;
    postId: string;
    dueAt: number;
    checkedAt: number;
    result: 'clear' | 'held' | 'skipped';
    reason: string;
    decision: 'send' | 'hold' | 'edit' | null;
  }): Promise<void>;
}

export interface MetricsOpened {
  readonly metrics: MetricsStore;
  readonly analytics: AnalyticsStore;
  readonly seed: MetricsSeed;
  close(): Promise<void>;
}

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 2, 1, 9);

const reply = (remoteId: string, createdAt: number, extra: Partial<AudienceReply> = {}): AudienceReply => ({
  remoteId,
  author: `@${remoteId}@example.org`,
  text: `Reply ${remoteId}`,
  url: `https://example.org/${remoteId}`,
  language: 'en',
  createdAt,
  likes: 1,
  reposts: 0,
  replies: 0,
  ...extra,
});

const counted = (targetId: string, likes: number, reposts = 0, replies = 0, quotes: number | null = 0) =>
  ({ state: 'counted', targetId, likes, reposts, replies, quotes }) as const;

const account = (id: string, platform: PlatformId, name: string, createdAt = T0 - 30 * D): StoredAccount => ({
  id,
  platform,
  name,
  handle: name,
  status: 'connected',
  statusReason: null,
  avatarUrl: null,
  createdAt,
  config: {},
});

export function metricsContract(engine: string, open: () => Promise<MetricsOpened>): void {
  describe(`metrics and analytics stores (${engine})`, () => {
    let s: MetricsOpened;
    beforeEach(async () => {
      s = await open();
      return () => s.close();
    });

    /** Two accounts and published targets; returns nothing, the ids are fixed. */
    async function basics(): Promise<void> {
      await s.seed.account({ id: 'acc_m', platform: 'mastodon', name: 'Brand', createdAt: T0 - 30 * D });
      await s.seed.account({ id: 'acc_b', platform: 'bluesky', name: 'Brand Bsky', createdAt: T0 - 29 * D });
      await s.seed.post({ id: 'post_1', text: 'Launch day', labels: ['launch', 'news'], createdAt: T0 - D });
      await s.seed.post({ id: 'post_2', text: 'Second', labels: [], createdAt: T0 - D });
      await s.seed.post({ id: 'post_3', text: 'Draft', labels: ['news'], createdAt: T0 - D });
      await s.seed.target({
        id: 'tgt_1m',
        postId: 'post_1',
        accountId: 'acc_m',
        remoteId: 'r1',
        remoteUrl: 'https://m/1',
        publishedAt: T0,
      });
      await s.seed.target({ id: 'tgt_1b', postId: 'post_1', accountId: 'acc_b', remoteId: 'r2', publishedAt: T0, intendedAt: T0 - 60_000 });
      await s.seed.target({ id: 'tgt_2m', postId: 'post_2', accountId: 'acc_m', remoteId: 'r3', publishedAt: T0 + H + 1 });
      await s.seed.target({ id: 'tgt_3m', postId: 'post_3', accountId: 'acc_m', status: 'scheduled' });
    }

    it('keeps one snapshot per planned milestone, any number of manual ones, and follows targets for 45 days', async () => {
      await basics();
      await s.seed.post({ id: 'post_old', text: 'Old', labels: [], createdAt: T0 - 60 * D });
      await s.seed.target({ id: 'tgt_old', postId: 'post_old', accountId: 'acc_m', remoteId: 'r0', publishedAt: T0 - FOLLOW_FOR_MS - 1 });
      await s.seed.post({ id: 'post_noremote', text: 'X', labels: [], createdAt: T0 });
      await s.seed.target({ id: 'tgt_noremote', postId: 'post_noremote', accountId: 'acc_m', remoteId: null, publishedAt: T0 });

      await s.metrics.saveSnapshots([{ snapshot: counted('tgt_1m', 3, 1, 2, null), milestone: '1h' }], 'mastodon_api', T0 + H);
      // The same milestone again is ignored; manual readings all stay.
      await s.metrics.saveSnapshots(
        [
          { snapshot: counted('tgt_1m', 99), milestone: '1h' },
          { snapshot: counted('tgt_1m', 5, 1, 2, 1), milestone: 'manual' },
          { snapshot: counted('tgt_1b', 7), milestone: '1h' },
        ],
        'mastodon_api',
        T0 + 2 * H,
      );
      await s.metrics.saveSnapshots([{ snapshot: counted('tgt_1m', 6, 1, 2, 1), milestone: 'manual' }], 'manual', T0 + 3 * H);
      await s.metrics.saveSnapshots([{ snapshot: { state: 'deleted', targetId: 'tgt_1b' }, milestone: '24h' }], 'bluesky_api', T0 + D);

      expect(await s.metrics.snapshotsOf('tgt_1m')).toEqual([
        {
          targetId: 'tgt_1m',
          milestone: '1h',
          takenAt: T0 + H,
          state: 'counted',
          likes: 3,
          reposts: 1,
          replies: 2,
          quotes: null,
          source: 'mastodon_api',
        },
        {
          targetId: 'tgt_1m',
          milestone: 'manual',
          takenAt: T0 + 2 * H,
          state: 'counted',
          likes: 5,
          reposts: 1,
          replies: 2,
          quotes: 1,
          source: 'mastodon_api',
        },
        {
          targetId: 'tgt_1m',
          milestone: 'manual',
          takenAt: T0 + 3 * H,
          state: 'counted',
          likes: 6,
          reposts: 1,
          replies: 2,
          quotes: 1,
          source: 'manual',
        },
      ]);
      expect((await s.metrics.snapshotsOf('tgt_1b')).map((x) => [x.milestone, x.state, x.likes])).toEqual([
        ['1h', 'counted', 7],
        ['24h', 'deleted', null],
      ]);

      const followed = await s.metrics.followed(T0 + 2 * D);
      // Oldest first; two published at the same instant in the order they were added.
      expect(followed.map((f) => f.targetId)).toEqual(['tgt_1m', 'tgt_1b', 'tgt_2m']);
      expect(followed[0]).toEqual({
        targetId: 'tgt_1m',
        postId: 'post_1',
        accountId: 'acc_m',
        platform: 'mastodon',
        remoteId: 'r1',
        publishedAt: T0,
        taken: new Set(['1h', 'manual']),
        deleted: false,
      });
      expect(followed[1]).toMatchObject({ taken: new Set(['1h', '24h']), deleted: true });
      expect(followed[2]).toMatchObject({ taken: new Set(), deleted: false, publishedAt: T0 + H + 1 });
      // The window ends 45 days after publishing, to the millisecond.
      expect((await s.metrics.followed(T0 + H + 1 + FOLLOW_FOR_MS)).map((f) => f.targetId)).toEqual(['tgt_2m']);
      expect((await s.metrics.followed(T0 + H + 2 + FOLLOW_FOR_MS)).map((f) => f.targetId)).toEqual([]);

      expect(await s.metrics.target('tgt_2m')).toMatchObject({ targetId: 'tgt_2m', publishedAt: T0 + H + 1, taken: new Set() });
      expect(await s.metrics.target('tgt_3m')).toBeNull();
      expect(await s.metrics.target('tgt_noremote')).toBeNull();
      expect((await s.metrics.publishedTargetIds('post_1')).sort()).toEqual(['tgt_1b', 'tgt_1m']);
      expect(await s.metrics.publishedTargetIds('post_3')).toEqual([]);
    });

    it('a snapshot batch is all or nothing', async () => {
      await basics();
      const failed = await s.metrics
        .saveSnapshots(
          [
            { snapshot: counted('tgt_1m', 1), milestone: '1h' },
            { snapshot: counted('tgt_missing', 1), milestone: '1h' },
          ],
          'mastodon_api',
          T0 + H,
        )
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(failed).toBeInstanceOf(Error);
      expect(await s.metrics.snapshotsOf('tgt_1m')).toEqual([]);
    });

    it('the latest counted reading is what the period rows show; a late older one does not replace it; deleted stays', async () => {
      await basics();
      await s.metrics.saveSnapshots([{ snapshot: counted('tgt_1m', 10, 2, 3, 1), milestone: '24h' }], 'mastodon_api', T0 + D);
      await s.metrics.saveSnapshots([{ snapshot: counted('tgt_1m', 1, 0, 0, 0), milestone: '1h' }], 'mastodon_api', T0 + H);
      await s.metrics.saveSnapshots([{ snapshot: counted('tgt_1b', 4, 0, 1, null), milestone: '1h' }], 'bluesky_api', T0 + H);
      await s.metrics.saveSnapshots([{ snapshot: { state: 'deleted', targetId: 'tgt_1b' }, milestone: '24h' }], 'bluesky_api', T0 + D);

      const all = { accountIds: null, labels: null };
      expect(await s.analytics.periodRows(T0, T0 + 2 * H, all)).toEqual([
        ['tgt_1m', 'post_1', 'acc_m', T0, 10, 2, 3, 1, T0 + D, 0],
        ['tgt_1b', 'post_1', 'acc_b', T0, 4, 0, 1, null, T0 + H, 1],
        ['tgt_2m', 'post_2', 'acc_m', T0 + H + 1, null, null, null, null, null, null],
      ]);
      // [from, to): the upper bound is left out, to the millisecond.
      expect((await s.analytics.periodRows(T0, T0 + H + 1, all)).map((r) => r[0])).toEqual(['tgt_1m', 'tgt_1b']);
      expect((await s.analytics.periodRows(T0 + 1, T0 + H + 2, all)).map((r) => r[0])).toEqual(['tgt_2m']);
      expect(await s.analytics.totals(T0, T0 + 2 * H, all)).toEqual({ posts: 3, engagements: 16 + 5, replies: 4 });
      expect(await s.analytics.totals(T0 + 2 * H, T0 + 3 * H, all)).toEqual({ posts: 0, engagements: 0, replies: 0 });

      const published = await s.analytics.published(T0, T0 + 2 * H);
      expect(published[1]).toEqual({
        targetId: 'tgt_1b',
        postId: 'post_1',
        accountId: 'acc_b',
        platform: 'bluesky',
        text: 'Launch day',
        labels: ['launch', 'news'],
        url: null,
        publishedAt: T0,
        intendedAt: T0 - 60_000,
        likes: 4,
        reposts: 0,
        replies: 1,
        quotes: null,
        lastReadAt: T0 + H,
        deleted: true,
      });
      expect(published.map((p) => [p.targetId, p.url, p.deleted, p.labels])).toEqual([
        ['tgt_1m', 'https://m/1', false, ['launch', 'news']],
        ['tgt_1b', null, true, ['launch', 'news']],
        ['tgt_2m', null, false, []],
      ]);
    });

    it('filters by accounts and labels; an empty list keeps nothing', async () => {
      await basics();
      await s.metrics.saveSnapshots([{ snapshot: counted('tgt_2m', 2, 2, 2, 2), milestone: '1h' }], 'mastodon_api', T0 + 2 * H);
      const ids = async (accountIds: string[] | null, labels: string[] | null) =>
        (await s.analytics.periodRows(T0, T0 + D, { accountIds, labels })).map((r) => r[0]);
      expect(await ids(['acc_m'], null)).toEqual(['tgt_1m', 'tgt_2m']);
      expect(await ids(null, ['news'])).toEqual(['tgt_1m', 'tgt_1b']);
      expect(await ids(['acc_b'], ['launch', 'other'])).toEqual(['tgt_1b']);
      expect(await ids(null, ['Launch'])).toEqual([]);
      expect(await ids([], null)).toEqual([]);
      expect(await ids(null, [])).toEqual([]);
      expect(await s.analytics.totals(T0, T0 + D, { accountIds: ['acc_m'], labels: null })).toEqual({
        posts: 2,
        engagements: 8,
        replies: 2,
      });
    });

    it('medians: the middle value, or the mean of the two middle ones, of targets read at least once, per account', async () => {
      await s.seed.account({ id: 'acc_m', platform: 'mastodon', name: 'Brand', createdAt: T0 });
      await s.seed.account({ id: 'acc_b', platform: 'bluesky', name: 'Bsky', createdAt: T0 });
      const values = { acc_m: [5, 1, 9, 3], acc_b: [4, 8, 6] } as const;
      let n = 0;
      for (const [accountId, list] of Object.entries(values)) {
        for (const v of list) {
          n++;
          await s.seed.post({ id: `p${n}`, text: `p${n}`, labels: [], createdAt: T0 });
          await s.seed.target({ id: `t${n}`, postId: `p${n}`, accountId, remoteId: `r${n}`, publishedAt: T0 + n * H });
          await s.metrics.saveSnapshots([{ snapshot: counted(`t${n}`, v), milestone: '1h' }], 'x', T0 + n * H + H);
        }
      }
      // Never read: left out of the median.
      await s.seed.post({ id: 'p_unread', text: 'u', labels: [], createdAt: T0 });
      await s.seed.target({ id: 't_unread', postId: 'p_unread', accountId: 'acc_b', remoteId: 'ru', publishedAt: T0 + H });
      expect(await s.analytics.medians(T0, T0 + D, null)).toEqual(
        new Map([
          ['acc_b', 6],
          ['acc_m', 4],
        ]),
      );
      expect(await s.analytics.medians(T0, T0 + D, ['acc_m'])).toEqual(new Map([['acc_m', 4]]));
      // The first three of acc_m (5, 1, 9) only.
      expect(await s.analytics.medians(T0, T0 + 4 * H, null)).toEqual(new Map([['acc_m', 5]]));
      expect(await s.analytics.medians(T0 + D, T0 + 2 * D, null)).toEqual(new Map());
    });

    it('followers: one row per UTC day, the last reading of the day wins; readings on or before a day, or the first after', async () => {
      await basics();
      const day1 = Date.UTC(2026, 2, 10, 23, 30);
      await s.metrics.saveFollowers('acc_m', { followers: 100, following: 5 }, 'mastodon_api', day1 - H);
      await s.metrics.saveFollowers('acc_m', { followers: 110, following: null }, 'mastodon_api', day1);
      // 00:30 UTC is the next day, whatever the local zone says.
      await s.metrics.saveFollowers('acc_m', { followers: 120, following: 6 }, 'mastodon_api', day1 + H);
      expect(await s.metrics.hasFollowersOn('acc_m', Date.UTC(2026, 2, 10, 0, 0))).toBe(true);
      expect(await s.metrics.hasFollowersOn('acc_m', Date.UTC(2026, 2, 11, 23, 59, 59, 999))).toBe(true);
      expect(await s.metrics.hasFollowersOn('acc_m', Date.UTC(2026, 2, 12))).toBe(false);
      expect(await s.metrics.hasFollowersOn('acc_b', day1)).toBe(false);
      expect(await s.analytics.followersOn('acc_m', '2026-03-10')).toBe(110);
      expect(await s.analytics.followersOn('acc_m', '2026-03-31')).toBe(120);
      expect(await s.analytics.followersOn('acc_m', '2026-03-09')).toBeNull();
      expect(await s.analytics.firstFollowersFrom('acc_m', '2026-03-01')).toBe(110);
      expect(await s.analytics.firstFollowersFrom('acc_m', '2026-03-11')).toBe(120);
      expect(await s.analytics.firstFollowersFrom('acc_m', '2026-03-12')).toBeNull();
    });

    it('audience posts: a mention later seen as a reply becomes one, known numbers are kept, ordered by time', async () => {
      await basics();
      await s.metrics.saveAudience('acc_m', 'mention', null, [reply('a', T0 + 2 * H, { likes: 4, reposts: 1, replies: null })], T0 + 3 * H);
      await s.metrics.saveAudience(
        'acc_m',
        'reply',
        'tgt_1m',
        [reply('a', T0 + 2 * H, { text: 'edited', likes: null, reposts: 2, replies: 1 }), reply('b', T0 + H), reply('c', T0 + 2 * H)],
        T0 + 4 * H,
      );
      await s.metrics.saveAudience(
        'acc_b',
        'mention',
        null,
        [reply('d', T0 + 5 * H, { likes: null, reposts: null, replies: null })],
        T0 + 5 * H,
      );
      // A mention read again without a target stays the reply it became.
      await s.metrics.saveAudience('acc_m', 'mention', null, [reply('b', T0 + H, { likes: 9 })], T0 + 6 * H);

      expect(await s.analytics.audience(T0, T0 + D)).toEqual([
        {
          accountId: 'acc_m',
          platform: 'mastodon',
          kind: 'reply',
          targetId: 'tgt_1m',
          postId: 'post_1',
          author: '@b@example.org',
          text: 'Reply b',
          url: 'https://example.org/b',
          createdAt: T0 + H,
          engagements: 9,
        },
        expect.objectContaining({ kind: 'reply', targetId: 'tgt_1m', text: 'edited', createdAt: T0 + 2 * H, engagements: 4 + 2 + 1 }),
        expect.objectContaining({ author: '@c@example.org', createdAt: T0 + 2 * H, engagements: 1 }),
        expect.objectContaining({ accountId: 'acc_b', platform: 'bluesky', kind: 'mention', targetId: null, postId: null, engagements: 0 }),
      ]);
      expect((await s.analytics.audience(T0 + H + 1, T0 + 5 * H)).map((a) => a.author)).toEqual(['@a@example.org', '@c@example.org']);
      expect(await s.analytics.repliesOf('tgt_1m')).toEqual([
        { author: '@b@example.org', text: 'Reply b', url: 'https://example.org/b', createdAt: T0 + H, engagements: 9 },
        { author: '@a@example.org', text: 'edited', url: 'https://example.org/a', createdAt: T0 + 2 * H, engagements: 7 },
        { author: '@c@example.org', text: 'Reply c', url: 'https://example.org/c', createdAt: T0 + 2 * H, engagements: 1 },
      ]);
    });

    it('keeps the panel’s answers once, with the mentions it read; the latest trends in a window', async () => {
      await basics();
      const trends = (name: string): TrendItem[] => [
        { platform: 'mastodon', accountId: 'acc_m', name, kind: 'tag', url: null, history: [1, 2], volume: 12 },
      ];
      const mention = (id: string, createdAt: number): SignalPost => ({
        platform: 'mastodon',
        accountId: 'acc_m',
        id,
        url: `https://m/${id}`,
        author: `@${id}`,
        text: `Hi ${id}`,
        createdAt,
      });
      await s.seed.signalCache({ accountId: 'acc_m', kind: 'trends', term: '', items: trends('#coffee'), fetchedAt: T0 + H });
      await s.seed.signalCache({ accountId: 'acc_m', kind: 'mentions', term: '', items: [mention('m1', T0 + 30_000)], fetchedAt: T0 + H });
      await s.seed.signalCache({ accountId: 'acc_b', kind: 'search', term: 'roast', items: [], fetchedAt: T0 + 2 * H });
      expect(await s.metrics.keepSignals()).toBe(3);
      expect(await s.metrics.keepSignals()).toBe(0);
      expect(await s.analytics.audience(T0, T0 + D)).toEqual([
        {
          accountId: 'acc_m',
          platform: 'mastodon',
          kind: 'mention',
          targetId: null,
          postId: null,
          author: '@m1',
          text: 'Hi m1',
          url: 'https://m/m1',
          createdAt: T0 + 30_000,
          engagements: 0,
        },
      ]);

      expect(await s.analytics.trendsSeen('acc_m', T0 + 2 * H, T0)).toEqual({ items: trends('#coffee'), fetchedAt: T0 + H });
      expect(await s.analytics.trendsSeen('acc_m', T0 + H - 1, T0)).toBeNull();
      expect(await s.analytics.trendsSeen('acc_m', T0 + 2 * H, T0 + H + 1)).toBeNull();
      expect(await s.analytics.trendsSeen('acc_b', T0 + 2 * H, T0)).toBeNull();
    });

    it('post details, headers, published targets in the order added, labels, networks', async () => {
      await basics();
      await s.seed.post({ id: 'post_4', text: 'Zeta', labels: ['Événement', 'alpha'], createdAt: T0 });
      expect(await s.analytics.details('tgt_1m')).toEqual({ text: 'Launch day', labels: ['launch', 'news'], url: 'https://m/1' });
      expect(await s.analytics.details('nope')).toEqual({ text: '', labels: [], url: null });
      expect(await s.analytics.postHeader('post_2')).toEqual({ text: 'Second', labels: [] });
      expect(await s.analytics.postHeader('nope')).toBeNull();
      expect(await s.analytics.publishedTargetsOf('post_1')).toEqual([
        { id: 'tgt_1m', accountId: 'acc_m', remoteUrl: 'https://m/1', publishedAt: T0, intendedAt: null },
        { id: 'tgt_1b', accountId: 'acc_b', remoteUrl: null, publishedAt: T0, intendedAt: T0 - 60_000 },
      ]);
      expect(await s.analytics.publishedTargetsOf('post_3')).toEqual([]);
      expect(await s.analytics.labels()).toEqual(['alpha', 'Événement', 'launch', 'news']);
      expect([...(await s.analytics.platforms())].sort()).toEqual([
        ['acc_b', 'bluesky'],
        ['acc_m', 'mastodon'],
      ]);
    });

    it('snapshots of a range grouped by target id in byte order, oldest first', async () => {
      await s.seed.account({ id: 'acc_m', platform: 'mastodon', name: 'Brand', createdAt: T0 });
      for (const id of ['tgt_a', 'tgt_B', 'tgt_Z', 'tgt_b']) {
        await s.seed.post({ id: `p_${id}`, text: id, labels: [], createdAt: T0 });
        await s.seed.target({ id, postId: `p_${id}`, accountId: 'acc_m', remoteId: id, publishedAt: T0 });
      }
      await s.metrics.saveSnapshots(
        [
          { snapshot: counted('tgt_a', 2), milestone: '24h' },
          { snapshot: counted('tgt_B', 1), milestone: '1h' },
        ],
        'x',
        T0 + D,
      );
      await s.metrics.saveSnapshots([{ snapshot: counted('tgt_a', 1), milestone: '1h' }], 'x', T0 + H);
      const grouped = await s.analytics.snapshotsOf(T0, T0 + 1);
      expect([...grouped.keys()]).toEqual(['tgt_B', 'tgt_a']);
      expect(grouped.get('tgt_a')).toEqual([
        { milestone: '1h', takenAt: T0 + H, state: 'counted', likes: 1, reposts: 0, replies: 0, quotes: 0, source: 'x' },
        { milestone: '24h', takenAt: T0 + D, state: 'counted', likes: 2, reposts: 0, replies: 0, quotes: 0, source: 'x' },
      ]);
      expect(await s.analytics.snapshotsOf(T0 + 1, T0 + D)).toEqual(new Map());
    });

    it('pauses and resumes: the moments of a period, the last pause before an instant, the first resume after', async () => {
      await basics();
      await s.seed.event({ at: T0, kind: 'publishing paused', detail: 'Storm' });
      await s.seed.event({ at: T0, kind: 'account paused', accountId: 'acc_b', detail: 'Bsky only' });
      await s.seed.event({ at: T0 + H, kind: 'created', detail: 'not a moment' });
      await s.seed.event({ at: T0 + 2 * H, kind: 'account resumed', accountId: 'acc_b' });
      await s.seed.event({ at: T0 + 3 * H, kind: 'publishing resumed', detail: 'Storm' });
      expect(await s.analytics.moments(T0, T0 + 3 * H)).toEqual([
        { at: T0, kind: 'publishing paused', account_id: null, detail: 'Storm' },
        { at: T0, kind: 'account paused', account_id: 'acc_b', detail: 'Bsky only' },
        { at: T0 + 2 * H, kind: 'account resumed', account_id: 'acc_b', detail: null },
      ]);
      // Two at the same instant: the later written is the last.
      expect(await s.analytics.pauseBefore('acc_b', T0 + H)).toEqual({ at: T0, detail: 'Bsky only' });
      expect(await s.analytics.pauseBefore('acc_m', T0 + H)).toEqual({ at: T0, detail: 'Storm' });
      expect(await s.analytics.pauseBefore('acc_m', T0 - 1)).toBeNull();
      expect(await s.analytics.resumedAfter('acc_b', T0)).toBe(T0 + 2 * H);
      expect(await s.analytics.resumedAfter('acc_m', T0)).toBe(T0 + 3 * H);
      expect(await s.analytics.resumedAfter('acc_m', T0 + 3 * H + 1)).toBeNull();
    });

    it('a post’s watchlist alerts and its targets’ pre-flight checks, oldest first', async () => {
      await basics();
      await s.seed.alert({ id: 'al_2', postId: 'post_1', term: 'strike', severity: 'high', createdAt: T0 + 2 * H });
      await s.seed.alert({ id: 'al_1', postId: 'post_1', term: 'storm', severity: 'low', createdAt: T0 + H });
      await s.seed.alert({ id: 'al_3', postId: 'post_2', term: 'x', severity: 'low', createdAt: T0 });
      // Raised at the same instant: in the order they were written.
      await s.seed.alert({ id: 'al_9', postId: 'post_1', term: 'flood', severity: 'medium', createdAt: T0 + 2 * H });
      await s.seed.alert({ id: 'al_0', postId: 'post_1', term: 'fire', severity: 'high', createdAt: T0 + 2 * H });
      expect(await s.analytics.alertsOf('post_1')).toEqual([
        { term: 'storm', severity: 'low', at: T0 + H },
        { term: 'strike', severity: 'high', at: T0 + 2 * H },
        { term: 'flood', severity: 'medium', at: T0 + 2 * H },
        { term: 'fire', severity: 'high', at: T0 + 2 * H },
      ]);
      await s.seed.preflight({
        targetId: 'tgt_1m',
        postId: 'post_1',
        dueAt: T0,
        checkedAt: T0 - 5 * 60_000,
        result: 'held',
        reason: 'Storm',
        decision: 'send',
      });
      await s.seed.preflight({
        targetId: 'tgt_1m',
        postId: 'post_1',
        dueAt: T0 - H,
        checkedAt: T0 - H - 60_000,
        result: 'clear',
        reason: '',
        decision: null,
      });
      // Checked at the same instant: by due time, as the desktop's primary key orders them.
      await s.seed.preflight({
        targetId: 'tgt_1m',
        postId: 'post_1',
        dueAt: T0 + 2 * H,
        checkedAt: T0,
        result: 'skipped',
        reason: 'later',
        decision: null,
      });
      await s.seed.preflight({
        targetId: 'tgt_1m',
        postId: 'post_1',
        dueAt: T0 + H,
        checkedAt: T0,
        result: 'skipped',
        reason: 'sooner',
        decision: null,
      });
      expect(await s.analytics.preflightOf('tgt_1m')).toEqual([
        { result: 'clear', reason: '', decision: null, checkedAt: T0 - H - 60_000 },
        { result: 'held', reason: 'Storm', decision: 'send', checkedAt: T0 - 5 * 60_000 },
        { result: 'skipped', reason: 'sooner', decision: null, checkedAt: T0 },
        { result: 'skipped', reason: 'later', decision: null, checkedAt: T0 },
      ]);
      expect(await s.analytics.preflightOf('tgt_1b')).toEqual([]);
    });

    it('cuts days and hours in the asked zone across a clock change (Rome, 29 March 2026: 02:00 CET became 03:00 CEST)', async () => {
      await s.seed.account({ id: 'acc_m', platform: 'mastodon', name: 'Brand', createdAt: T0 });
      await s.seed.account({ id: 'acc_d', platform: 'discord', name: 'Community', createdAt: T0 });
      // Instants around local midnights and the change itself; [day in Rome, hour in Rome] in the comments.
      const instants = [
        Date.UTC(2026, 2, 27, 23, 0) - 1, // 28 March 00:00 less 1 ms: 27 March, outside
        Date.UTC(2026, 2, 27, 23, 0), // 28 March 00:00 CET
        Date.UTC(2026, 2, 28, 22, 59, 59, 999), // 28 March 23:59:59.999 CET
        Date.UTC(2026, 2, 28, 23, 0), // 29 March 00:00 CET
        Date.UTC(2026, 2, 29, 0, 59, 59, 999), // 29 March 01:59:59.999 CET, the last instant before the change
        Date.UTC(2026, 2, 29, 1, 0), // 29 March 03:00 CEST
        Date.UTC(2026, 2, 29, 21, 59, 59, 999), // 29 March 23:59:59.999 CEST
        Date.UTC(2026, 2, 29, 22, 0), // 30 March 00:00 CEST
        Date.UTC(2026, 2, 30, 21, 59, 59, 999), // 30 March 23:59:59.999 CEST, the period's last instant
        Date.UTC(2026, 2, 30, 22, 0), // 31 March: outside
      ];
      for (const [i, at] of instants.entries()) {
        await s.seed.post({ id: `p${i}`, text: `Post ${i}`, labels: i % 2 ? ['odd'] : [], createdAt: at - H });
        await s.seed.target({ id: `t${i}`, postId: `p${i}`, accountId: i === 5 ? 'acc_d' : 'acc_m', remoteId: `r${i}`, publishedAt: at });
        await s.metrics.saveSnapshots([{ snapshot: counted(`t${i}`, i + 1), milestone: '1h' }], 'x', at + H);
        await s.metrics.saveAudience('acc_m', 'reply', `t${i}`, [reply(`a${i}`, at, { likes: 0 })], at + H);
      }
      // Followers by UTC day: 27 March (the day before the period) and 30 March (its last day).
      await s.metrics.saveFollowers('acc_m', { followers: 50, following: null }, 'x', Date.UTC(2026, 2, 27, 12));
      await s.metrics.saveFollowers('acc_m', { followers: 57, following: null }, 'x', Date.UTC(2026, 2, 30, 12));

      const view = await buildAnalyticsView(
        {
          repo: s.analytics,
          accounts: [account('acc_m', 'mastodon', 'Brand'), account('acc_d', 'discord', 'Community')],
          observances: () => [],
        },
        { from: '2026-03-28', to: '2026-03-30', timeZone: 'Europe/Rome' },
      );
      expect(view.period).toMatchObject({ fromAt: Date.UTC(2026, 2, 27, 23), toAt: Date.UTC(2026, 2, 30, 22) });
      // 28th: t1 (2), t2 (3); 29th: t3 (4), t4 (5), t5 (6), t6 (7); 30th: t7 (8), t8 (9).
      expect(view.overTime).toEqual([
        { date: '2026-03-28', posts: 2, engagements: 5 },
        { date: '2026-03-29', posts: 4, engagements: 22 },
        { date: '2026-03-30', posts: 2, engagements: 17 },
      ]);
      // t0, the last millisecond of 27 March, belongs to the period before.
      expect(view.headline.find((h) => h.key === 'posts')).toMatchObject({ value: 8, previous: 1 });
      expect(view.headline.find((h) => h.key === 'followers')).toMatchObject({ value: 7 });
      // A reply at each post's instant: Saturday 28th at 00 and 23, Sunday 29th at 00, 01, 03 and 23, Monday at 00 and 23.
      const cells = view.heatmap.flatMap((row, wd) => row.flatMap((n, h) => (n ? [[wd, h, n]] : [])));
      expect(cells).toEqual([
        [0, 0, 1],
        [0, 23, 1],
        [5, 0, 1],
        [5, 23, 1],
        [6, 0, 1],
        [6, 1, 1],
        [6, 3, 1],
        [6, 23, 1],
      ]);
      expect(view.audience.total).toBe(8);
      expect(view.top.map((p) => [p.targetId, p.engagements, p.publishedAt])).toEqual([
        ['t8', 9, instants[8]],
        ['t7', 8, instants[7]],
        ['t6', 7, instants[6]],
        ['t4', 5, instants[4]],
        ['t3', 4, instants[3]],
      ]);
      expect(view.networks.map((n) => [n.platform, n.posts])).toEqual([
        ['mastodon', 7],
        ['discord', 1],
      ]);
      const odd = await buildAnalyticsView(
        { repo: s.analytics, accounts: [account('acc_m', 'mastodon', 'Brand')], observances: () => [] },
        { from: '2026-03-29', to: '2026-03-29', timeZone: 'Europe/Rome', labels: ['odd'], accountIds: ['acc_m'] },
      );
      expect(odd.period).toMatchObject({ fromAt: Date.UTC(2026, 2, 28, 23), toAt: Date.UTC(2026, 2, 29, 22) });
      // t3 only: t5 is odd too but on Discord.
      expect(odd.overTime).toEqual([{ date: '2026-03-29', posts: 1, engagements: 4 }]);
    });
  });
}
