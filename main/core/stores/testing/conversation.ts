// The conversation stores' behaviour, written once and run on every database: the panel's settings and awareness
// days, the signal cache and term volumes, the watchlist and its alerts, pre-flight checks (holding and releasing
// targets in the check's own transaction), and the waiting-posts count.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TargetStatus } from '../../../../shared/domain';
import type { SignalPost, TrendItem } from '../../../../shared/signals';
import { DEFAULT_CONVERSATION_SETTINGS } from '../../conversation/settingsRepo';
import { VOLUME_HISTORY_MS, VOLUME_SAMPLE_SPACING_MS } from '../../conversation/signalCache';
import type { NewAlert } from '../../conversation/watchlist';
import { StoredDataError } from '../stored';
import type { ConversationSettingsStore, PreflightStore, SignalCacheStore, WaitingPostsStore, WatchlistStore } from '../types';

export interface SeedTarget {
  readonly id: string;
  readonly accountId: string;
  readonly status: TargetStatus;
  readonly dueAt: number | null;
}

/** Rows the conversation stores read but do not write, and what the tests look at afterwards, per engine. */
export interface ConversationSeed {
  account(id: string): Promise<void>;
  /** A post with its targets, in the order given (the post's target order). */
  post(id: string, scheduledAt: number | null, targets: readonly SeedTarget[]): Promise<void>;
  target(id: string): Promise<{ status: string; holdKind: string | null; lastError: string | null; dueAt: number | null } | null>;
  /** The post's history lines, oldest first. */
  history(postId: string): Promise<{ actor: string; kind: string; detail: string | null }[]>;
  /** Cached trends whose items are not what Kairos writes (edited by hand, a bad copy). */
  damagedTrends(accountId: string, fetchedAt: number): Promise<void>;
  /** A conversation setting saved with this JSON text. */
  rawSetting(key: string, json: string): Promise<void>;
}

export interface ConversationOpened {
  readonly conversationSettings: ConversationSettingsStore;
  readonly signalCache: SignalCacheStore;
  readonly watchlist: WatchlistStore;
  readonly preflight: PreflightStore;
  readonly waitingPosts: WaitingPostsStore;
  readonly seed: ConversationSeed;
  close(): Promise<void>;
}

const T0 = Date.UTC(2026, 5, 1, 9, 0);
const MIN = 60_000;

const trend = (name: string, accountId = 'acc_m'): TrendItem => ({
  platform: 'mastodon',
  accountId,
  name,
  kind: 'tag',
  url: `https://mastodon.example/tags/${name}`,
  history: [3, 5, 8],
  volume: 12,
});

const hit = (id: string, text: string, createdAt: number, accountId = 'acc_m'): SignalPost => ({
  platform: 'mastodon',
  accountId,
  id,
  url: null,
  author: '@someone',
  text,
  createdAt,
  term: 'launch',
  answered: false,
});

const alert = (id: string, dedupeKey: string, over: Partial<NewAlert> = {}): NewAlert => ({
  id,
  kind: 'watch',
  dedupeKey,
  watchTermId: null,
  term: 'outage',
  severity: 'high',
  source: 'trend',
  platform: 'mastodon',
  accountId: 'acc_m',
  postId: null,
  text: `"${id}" is trending`,
  url: null,
  ...over,
});

export function conversationContract(engine: string, open: () => Promise<ConversationOpened>): void {
  describe(`conversation stores on ${engine}`, () => {
    let s: ConversationOpened;
    beforeEach(async () => {
      s = await open();
      await s.seed.account('acc_m');
      await s.seed.account('acc_b');
    });
    afterEach(async () => {
      await s.close();
    });

    describe('conversation settings', () => {
      it('answers the defaults until something is saved, then saves only the keys given', async () => {
        expect(await s.conversationSettings.get()).toEqual(DEFAULT_CONVERSATION_SETTINGS);
        const saved = await s.conversationSettings.set({ countries: ['IT', 'DE'], preflightMinutes: 25, brandNames: undefined });
        expect(saved).toEqual({ ...DEFAULT_CONVERSATION_SETTINGS, countries: ['IT', 'DE'], preflightMinutes: 25 });
        const again = await s.conversationSettings.set({
          preflightEnabled: false,
          preflightSkipAccountIds: ['acc_b'],
          brandNames: ['Kairos'],
        });
        expect(again).toEqual({
          countries: ['IT', 'DE'],
          brandNames: ['Kairos'],
          preflightEnabled: false,
          preflightMinutes: 25,
          preflightSkipAccountIds: ['acc_b'],
        });
        expect(await s.conversationSettings.get()).toEqual(again);
      });

      it('says which setting is damaged instead of answering a wrong shape, and skips keys it does not know', async () => {
        await s.seed.rawSetting('someFutureSetting', '{"x": 1}');
        expect(await s.conversationSettings.get()).toEqual(DEFAULT_CONVERSATION_SETTINGS);
        await s.seed.rawSetting('preflightMinutes', '"ten"');
        const e = await s.conversationSettings.get().catch((x: unknown) => x);
        expect(e).toBeInstanceOf(StoredDataError);
        expect((e as StoredDataError).problem).toMatchObject({
          code: 'stored_value_damaged',
          params: { item: 'conversation_setting', name: 'preflightMinutes' },
        });
      });

      it('keeps the awareness days the user added, oldest first (then by id), and removes them once', async () => {
        const day = (id: string, createdAt: number) => ({
          id,
          name: `Day ${id}`,
          rule: { kind: 'nthWeekday' as const, month: 3, weekday: 1, nth: -1 as const },
          url: id === 'day_b' ? 'https://example.org/day' : null,
          createdAt,
        });
        expect(await s.conversationSettings.userDays()).toEqual([]);
        expect(await s.conversationSettings.addUserDay(day('day_c', T0 + 5))).toEqual(day('day_c', T0 + 5));
        await s.conversationSettings.addUserDay(day('day_b', T0));
        await s.conversationSettings.addUserDay(day('day_a', T0 + 5));
        expect(await s.conversationSettings.userDays()).toEqual([day('day_b', T0), day('day_a', T0 + 5), day('day_c', T0 + 5)]);
        expect(await s.conversationSettings.removeUserDay('day_a')).toBe(true);
        expect(await s.conversationSettings.removeUserDay('day_a')).toBe(false);
        expect((await s.conversationSettings.userDays()).map((d) => d.id)).toEqual(['day_b', 'day_c']);
      });
    });

    describe('signal cache', () => {
      it('keeps the last answer per account and kind, with when it was fetched', async () => {
        expect(await s.signalCache.trends('acc_m')).toBeNull();
        expect(await s.signalCache.mentions('acc_m')).toBeNull();
        await s.signalCache.putTrends('acc_m', [trend('launch'), trend('coffee')], T0);
        await s.signalCache.putMentions('acc_m', [hit('m1', 'hello @brand', T0 - MIN)], T0 + 1);
        await s.signalCache.putTrends('acc_b', [trend('other', 'acc_b')], T0 + 2);
        expect(await s.signalCache.trends('acc_m')).toEqual({ items: [trend('launch'), trend('coffee')], fetchedAt: T0 });
        expect(await s.signalCache.mentions('acc_m')).toEqual({ items: [hit('m1', 'hello @brand', T0 - MIN)], fetchedAt: T0 + 1 });
        // A newer answer replaces the old one whole, even an empty one.
        await s.signalCache.putTrends('acc_m', [], T0 + 10 * MIN);
        expect(await s.signalCache.trends('acc_m')).toEqual({ items: [], fetchedAt: T0 + 10 * MIN });
        expect(await s.signalCache.trends('acc_b')).toEqual({ items: [trend('other', 'acc_b')], fetchedAt: T0 + 2 });
      });

      it('counts a damaged cached answer as none', async () => {
        await s.seed.damagedTrends('acc_m', T0);
        expect(await s.signalCache.trends('acc_m')).toBeNull();
        await s.signalCache.putTrends('acc_m', [trend('fixed')], T0 + MIN);
        expect(await s.signalCache.trends('acc_m')).toEqual({ items: [trend('fixed')], fetchedAt: T0 + MIN });
      });

      it('keeps searches per term, lists an account’s searches by term, and measures volume at most every ten minutes', async () => {
        await s.signalCache.putSearch('acc_m', 'launch', [hit('s1', 'launch day', T0 - MIN)], 4, T0);
        await s.signalCache.putSearch('acc_m', 'beta', [hit('s2', 'beta test', T0 - MIN)], 2, T0 + 1);
        await s.signalCache.putSearch('acc_b', 'launch', [hit('s3', 'launch', T0, 'acc_b')], 9, T0);
        // Closer than the sample spacing: the answer is replaced, the volume is not measured again.
        await s.signalCache.putSearch('acc_m', 'launch', [hit('s4', 'launch again', T0)], 7, T0 + VOLUME_SAMPLE_SPACING_MS - 1);
        await s.signalCache.putSearch('acc_m', 'launch', [hit('s5', 'launch later', T0)], 6, T0 + VOLUME_SAMPLE_SPACING_MS);

        expect(await s.signalCache.search('acc_m', 'launch')).toEqual({
          items: [hit('s5', 'launch later', T0)],
          fetchedAt: T0 + VOLUME_SAMPLE_SPACING_MS,
        });
        expect(await s.signalCache.search('acc_m', 'nothing')).toBeNull();
        expect(await s.signalCache.volumes('acc_m', 'launch', T0, T0 + VOLUME_SAMPLE_SPACING_MS + 1)).toEqual([4, 6]);
        // [from, to): the measurement at `to` is left out.
        expect(await s.signalCache.volumes('acc_m', 'launch', T0, T0 + VOLUME_SAMPLE_SPACING_MS)).toEqual([4]);
        expect(await s.signalCache.volumes('acc_b', 'launch', 0, T0 + 1)).toEqual([9]);
        expect(await s.signalCache.searches('acc_m')).toEqual([
          { term: 'beta', cached: { items: [hit('s2', 'beta test', T0 - MIN)], fetchedAt: T0 + 1 } },
          { term: 'launch', cached: { items: [hit('s5', 'launch later', T0)], fetchedAt: T0 + VOLUME_SAMPLE_SPACING_MS } },
        ]);
        // Trends and mentions are not searches.
        await s.signalCache.putTrends('acc_m', [trend('x')], T0);
        expect((await s.signalCache.searches('acc_m')).map((x) => x.term)).toEqual(['beta', 'launch']);
      });

      it('forgets volume measurements older than the history it keeps, for every account', async () => {
        await s.signalCache.putSearch('acc_m', 'launch', [], 3, T0);
        await s.signalCache.putSearch('acc_b', 'launch', [], 5, T0 + 1);
        const later = T0 + VOLUME_HISTORY_MS + 1;
        await s.signalCache.putSearch('acc_m', 'launch', [], 8, later);
        expect(await s.signalCache.volumes('acc_m', 'launch', 0, later + 1)).toEqual([8]);
        // Exactly the history's length old is still kept.
        expect(await s.signalCache.volumes('acc_b', 'launch', 0, later + 1)).toEqual([5]);
      });
    });

    describe('watchlist', () => {
      it('keeps normalised terms in order; adding a term again changes its severity and keeps the first one', async () => {
        const first = await s.watchlist.add('wat_1', '  #Data   Breach ', 'medium', T0);
        expect(first).toEqual({ id: 'wat_1', term: 'data breach', severity: 'medium', createdAt: T0 });
        await s.watchlist.add('wat_2', 'Apology', 'low', T0 + 1);
        const again = await s.watchlist.add('wat_3', 'DATA breach', 'high', T0 + 2);
        expect(again).toEqual({ id: 'wat_1', term: 'data breach', severity: 'high', createdAt: T0 });
        expect(await s.watchlist.list()).toEqual([
          { id: 'wat_2', term: 'apology', severity: 'low', createdAt: T0 + 1 },
          { id: 'wat_1', term: 'data breach', severity: 'high', createdAt: T0 },
        ]);
        expect(await s.watchlist.remove('wat_2')).toBe(true);
        expect(await s.watchlist.remove('wat_2')).toBe(false);
        expect((await s.watchlist.list()).map((w) => w.id)).toEqual(['wat_1']);
      });

      it('raises the same thing once, lists live alerts newest first (the later one first on a tie), and dismisses once', async () => {
        const raised = await s.watchlist.raise(alert('alr_1', 'trend:acc_m:outage'), T0);
        expect(raised).toEqual({
          id: 'alr_1',
          kind: 'watch',
          term: 'outage',
          severity: 'high',
          source: 'trend',
          platform: 'mastodon',
          accountId: 'acc_m',
          postId: null,
          text: '"alr_1" is trending',
          url: null,
          createdAt: T0,
        });
        expect(await s.watchlist.raise(alert('alr_again', 'trend:acc_m:outage'), T0 + MIN)).toBeNull();
        await s.watchlist.raise(alert('alr_3', 'k3', { source: 'mention', url: 'https://x.example/1' }), T0 + 2 * MIN);
        await s.watchlist.raise(alert('alr_2', 'k2', { accountId: null, platform: null }), T0 + 2 * MIN);
        expect((await s.watchlist.active()).map((a) => a.id)).toEqual(['alr_2', 'alr_3', 'alr_1']);
        expect((await s.watchlist.active(2)).map((a) => a.id)).toEqual(['alr_2', 'alr_3']);
        expect((await s.watchlist.active())[1]).toMatchObject({ source: 'mention', url: 'https://x.example/1', createdAt: T0 + 2 * MIN });

        expect(await s.watchlist.dismiss('alr_3', T0 + 3 * MIN)).toBe(true);
        expect(await s.watchlist.dismiss('alr_3', T0 + 4 * MIN)).toBe(false);
        expect(await s.watchlist.dismiss('alr_none', T0)).toBe(false);
        expect((await s.watchlist.active()).map((a) => a.id)).toEqual(['alr_2', 'alr_1']);
        // A dismissed alert still counts as raised: the same thing does not alert again.
        expect(await s.watchlist.raise(alert('alr_4', 'k3'), T0 + 5 * MIN)).toBeNull();
      });

      it('answers a held post’s pre-flight alerts with its decision, and drops a removed term’s alerts', async () => {
        await s.seed.post('post_1', T0, [{ id: 't1', accountId: 'acc_m', status: 'held', dueAt: T0 }]);
        await s.seed.post('post_2', T0, [{ id: 't2', accountId: 'acc_m', status: 'held', dueAt: T0 }]);
        const term = await s.watchlist.add('wat_1', 'strike', 'high', T0);
        await s.watchlist.raise(alert('alr_p1', 'preflight:post_1', { kind: 'preflight', postId: 'post_1', source: 'hashtag' }), T0);
        await s.watchlist.raise(alert('alr_w1', 'mention:post_1', { postId: 'post_1' }), T0 + 1);
        await s.watchlist.raise(alert('alr_p2', 'preflight:post_2', { kind: 'preflight', postId: 'post_2' }), T0 + 2);
        await s.watchlist.raise(alert('alr_t', 'trend:strike', { watchTermId: term.id }), T0 + 3);
        await s.watchlist.resolvePreflight('post_1', T0 + MIN);
        expect((await s.watchlist.active()).map((a) => a.id)).toEqual(['alr_t', 'alr_p2', 'alr_w1']);
        await s.watchlist.remove(term.id);
        expect((await s.watchlist.active()).map((a) => a.id)).toEqual(['alr_p2', 'alr_w1']);
      });
    });

    describe('pre-flight checks', () => {
      const due = T0 + 10 * MIN;
      const two = [
        { targetId: 't1', accountId: 'acc_m', dueAt: due },
        { targetId: 't2', accountId: 'acc_b', dueAt: due },
      ];
      beforeEach(async () => {
        await s.seed.post('post_1', due, [
          { id: 't1', accountId: 'acc_m', status: 'scheduled', dueAt: due },
          { id: 't2', accountId: 'acc_b', status: 'scheduled', dueAt: due },
        ]);
      });

      it('records a clear or skipped check per target and due time, with one history line, holding nothing', async () => {
        expect(await s.preflight.checkOf('t1', due)).toBeNull();
        expect(await s.preflight.lastCheckOfPost('post_1')).toBeNull();
        expect(await s.preflight.recordCheck('post_1', two, 'clear', 'Nothing is trending.', T0)).toEqual([]);
        expect(await s.preflight.checkOf('t1', due)).toEqual({
          targetId: 't1',
          dueAt: due,
          postId: 'post_1',
          checkedAt: T0,
          result: 'clear',
          reason: 'Nothing is trending.',
          decision: null,
          decidedAt: null,
        });
        expect(await s.preflight.checkOf('t1', due + 1)).toBeNull();
        // Both targets were checked at the same moment: the last written is the post's last check.
        expect(await s.preflight.lastCheckOfPost('post_1')).toMatchObject({ targetId: 't2', result: 'clear' });
        await s.preflight.recordCheck('post_1', [two[0] as (typeof two)[0]], 'skipped', 'Turned off for this account.', T0 + MIN);
        expect(await s.preflight.lastCheckOfPost('post_1')).toMatchObject({ targetId: 't1', result: 'skipped', checkedAt: T0 + MIN });
        expect((await s.seed.target('t1'))?.status).toBe('scheduled');
        expect(await s.seed.history('post_1')).toEqual([
          { actor: 'system', kind: 'pre-flight check: clear', detail: 'Nothing is trending.' },
          { actor: 'system', kind: 'pre-flight check: skipped', detail: 'Turned off for this account.' },
        ]);
        expect(await s.preflight.waitingChecks('post_1')).toEqual([]);
      });

      it('holds only the targets still waiting to publish, and records the check only for those', async () => {
        await s.seed.post('post_2', due, [
          { id: 'u1', accountId: 'acc_m', status: 'publishing', dueAt: due },
          { id: 'u2', accountId: 'acc_b', status: 'retrying', dueAt: due },
        ]);
        const targets = [
          { targetId: 'u1', accountId: 'acc_m', dueAt: due },
          { targetId: 'u2', accountId: 'acc_b', dueAt: due },
        ];
        expect(await s.preflight.recordCheck('post_2', targets, 'held', '#strike matches "strike".', T0)).toEqual(['u2']);
        expect(await s.seed.target('u2')).toEqual({
          status: 'held',
          holdKind: 'preflight',
          lastError: 'Held by the pre-flight check: #strike matches "strike".',
          dueAt: due,
        });
        expect((await s.seed.target('u1'))?.status).toBe('publishing');
        expect(await s.preflight.checkOf('u1', due)).toBeNull();
        expect(await s.preflight.checkOf('u2', due)).toMatchObject({ result: 'held', decision: null });
        expect(await s.seed.history('post_2')).toEqual([
          { actor: 'system', kind: 'pre-flight check: held', detail: '#strike matches "strike".' },
        ]);
        expect((await s.preflight.waitingChecks('post_2')).map((c) => c.targetId)).toEqual(['u2']);
      });

      it('"send anyway" puts the held targets back in the queue, due now when their time has passed, once', async () => {
        expect(await s.preflight.recordCheck('post_1', two, 'held', 'Held.', T0)).toEqual(['t1', 't2']);
        expect((await s.preflight.waitingChecks('post_1')).map((c) => c.targetId)).toEqual(['t1', 't2']);
        const late = due + 3 * MIN;
        const answered = await s.preflight.decide('post_1', 'send', late, 'user');
        expect(answered.map((c) => [c.targetId, c.decision, c.dueAt])).toEqual([
          ['t1', null, due],
          ['t2', null, due],
        ]);
        expect(await s.seed.target('t1')).toEqual({ status: 'scheduled', holdKind: null, lastError: null, dueAt: late });
        expect((await s.seed.target('t2'))?.dueAt).toBe(late);
        expect(await s.preflight.checkOf('t2', due)).toMatchObject({ result: 'held', decision: 'send', decidedAt: late });
        expect(await s.preflight.waitingChecks('post_1')).toEqual([]);
        expect(await s.preflight.decide('post_1', 'send', late + 1, 'user')).toEqual([]);
        expect((await s.seed.history('post_1')).map((h) => [h.actor, h.kind, h.detail])).toEqual([
          ['system', 'pre-flight check: held', 'Held.'],
          ['user', 'pre-flight decision', 'Send anyway: back in the queue.'],
        ]);
      });

      it('"send anyway" before the due time keeps the target’s own time', async () => {
        await s.preflight.recordCheck('post_1', two, 'held', 'Held.', T0);
        await s.preflight.decide('post_1', 'send', T0 + MIN, 'cli');
        expect((await s.seed.target('t1'))?.dueAt).toBe(due);
        expect((await s.seed.history('post_1')).at(-1)).toMatchObject({ actor: 'cli', kind: 'pre-flight decision' });
      });

      it('"hold" and "edit" keep the targets held and say so in the history; a new check starts undecided', async () => {
        await s.preflight.recordCheck('post_1', two, 'held', 'Held.', T0);
        expect((await s.preflight.decide('post_1', 'hold', T0 + MIN, 'user')).map((c) => c.targetId)).toEqual(['t1', 't2']);
        expect((await s.seed.target('t1'))?.status).toBe('held');
        expect(await s.preflight.checkOf('t1', due)).toMatchObject({ decision: 'hold', decidedAt: T0 + MIN });
        // Still held, so still waiting for an answer.
        expect((await s.preflight.decide('post_1', 'edit', T0 + 2 * MIN, 'user')).map((c) => c.decision)).toEqual(['hold', 'hold']);
        expect(await s.preflight.checkOf('t1', due)).toMatchObject({ decision: 'edit' });
        expect((await s.seed.history('post_1')).slice(1).map((h) => h.detail)).toEqual([
          'Hold: stays held until it is rescheduled or edited.',
          'Edit: stays held; saving the edited post puts it back in the queue and checks it again.',
        ]);
        // Checked again for the same due time (edited back into the queue): the old decision no longer applies.
        await s.preflight.recordCheck('post_1', [two[0] as (typeof two)[0]], 'clear', 'Clear now.', T0 + 3 * MIN);
        expect(await s.preflight.checkOf('t1', due)).toMatchObject({
          result: 'clear',
          decision: null,
          decidedAt: null,
          checkedAt: T0 + 3 * MIN,
        });
      });

      it('answers nothing, and writes no history, for a post that is not waiting for a decision', async () => {
        expect(await s.preflight.decide('post_1', 'send', T0, 'user')).toEqual([]);
        await s.preflight.recordCheck('post_1', two, 'clear', 'Clear.', T0);
        expect(await s.preflight.decide('post_1', 'hold', T0, 'user')).toEqual([]);
        expect((await s.seed.history('post_1')).map((h) => h.kind)).toEqual(['pre-flight check: clear']);
      });

      it('holds nothing when the check cannot be written: the hold and its history line go with it', async () => {
        // The check's row names a post that does not exist, so writing it fails after the targets were held.
        await expect(s.preflight.recordCheck('post_gone', two, 'held', 'Held.', T0)).rejects.toThrow();
        expect(await s.seed.target('t1')).toMatchObject({ status: 'scheduled', holdKind: null, lastError: null });
        expect(await s.seed.history('post_gone')).toEqual([]);
        expect(await s.preflight.checkOf('t1', due)).toBeNull();
      });

      it('turns the check off and on for one post', async () => {
        expect(await s.preflight.isPostSkipped('post_1')).toBe(false);
        await s.preflight.setPostSkipped('post_1', true, T0);
        await s.preflight.setPostSkipped('post_1', true, T0 + 1);
        expect(await s.preflight.isPostSkipped('post_1')).toBe(true);
        await s.seed.post('post_2', due, []);
        expect(await s.preflight.isPostSkipped('post_2')).toBe(false);
        await s.preflight.setPostSkipped('post_1', false, T0 + 2);
        expect(await s.preflight.isPostSkipped('post_1')).toBe(false);
      });
    });

    describe('waiting posts', () => {
      it('counts each post due by now that still has an account to publish to', async () => {
        expect(await s.waitingPosts.count(T0)).toBe(0);
        await s.seed.post('p_two', T0 - MIN, [
          { id: 'a1', accountId: 'acc_m', status: 'scheduled', dueAt: T0 - MIN },
          { id: 'a2', accountId: 'acc_b', status: 'retrying', dueAt: T0 },
        ]);
        await s.seed.post('p_mixed', T0 - 2 * MIN, [
          { id: 'b1', accountId: 'acc_m', status: 'published', dueAt: null },
          { id: 'b2', accountId: 'acc_b', status: 'publishing', dueAt: T0 },
        ]);
        await s.seed.post('p_done', T0 - 3 * MIN, [
          { id: 'c1', accountId: 'acc_m', status: 'published', dueAt: null },
          { id: 'c2', accountId: 'acc_b', status: 'failed', dueAt: null },
        ]);
        await s.seed.post('p_stopped', T0 - 3 * MIN, [
          { id: 'd1', accountId: 'acc_m', status: 'held', dueAt: T0 },
          { id: 'd2', accountId: 'acc_b', status: 'missed', dueAt: T0 },
        ]);
        await s.seed.post('p_later', T0 + MIN, [{ id: 'e1', accountId: 'acc_m', status: 'scheduled', dueAt: T0 + MIN }]);
        await s.seed.post('p_draft', null, [{ id: 'f1', accountId: 'acc_m', status: 'draft', dueAt: null }]);
        expect(await s.waitingPosts.count(T0)).toBe(2);
        expect(await s.waitingPosts.count(T0 + MIN)).toBe(3);
        expect(await s.waitingPosts.count(T0 - 2 * MIN)).toBe(1);
      });
    });
  });
}
