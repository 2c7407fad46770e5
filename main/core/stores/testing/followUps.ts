// First comments on any database: planned once per published target that asks for one, claimed before the network
// call (due, connected, not paused), settled once, and shown per post in the order its targets were added.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowUpsStore } from '../types';
import { type FeatureSeed, T0 } from './featureSeed';

export interface FollowUpsOpened {
  readonly followUps: FollowUpsStore;
  readonly seed: FeatureSeed;
  close(): Promise<void>;
}

const MIN = 60_000;
const LEASE = 2 * MIN;

/** Keys handed out in order, so each row's key can be checked. */
function keys(): () => string {
  let n = 0;
  return () => `fk_${++n}`;
}

export function followUpsContract(engine: string, open: () => Promise<FollowUpsOpened>): void {
  describe(`follow-ups store (${engine})`, () => {
    let o: FollowUpsOpened;

    /** A post with one published target per account given; `comment` asks for a first comment. */
    async function published(postId: string, accounts: readonly string[], comment?: { text: string; delayMinutes?: number }) {
      await o.seed.post({
        id: postId,
        scheduledAt: T0,
        status: 'published',
        options: comment ? { firstComment: comment, language: 'en' } : {},
      });
      for (const a of accounts) await o.seed.target({ id: `t_${postId}_${a}`, postId, accountId: a, status: 'published', publishedAt: T0 });
    }

    beforeEach(async () => {
      o = await open();
      await o.seed.account('acc_m', { platform: 'mastodon' });
      await o.seed.account('acc_b', { platform: 'bluesky' });
      await o.seed.account('acc_d', { platform: 'discord' });
    });
    afterEach(async () => {
      await o.close();
    });

    it('plans one follow-up per published target that asks for one, on networks that take replies, due after its delay', async () => {
      await published('p_1', ['acc_m', 'acc_b', 'acc_d'], { text: 'More in the thread', delayMinutes: 5 });
      await published('p_none', ['acc_m']);
      await o.seed.post({ id: 'p_wait', scheduledAt: T0, options: { firstComment: { text: 'Later' } } });
      await o.seed.target({ id: 't_wait', postId: 'p_wait', accountId: 'acc_m', status: 'scheduled' });
      await published('p_now', ['acc_b'], { text: 'No delay' });

      expect(await o.followUps.planPublished([], keys())).toBe(0);
      expect(await o.followUps.planPublished(['mastodon', 'bluesky'], keys())).toBe(3);
      expect(await o.followUps.planPublished(['mastodon', 'bluesky'], keys())).toBe(0);

      expect(await o.followUps.ofPost('p_1')).toEqual([
        {
          targetId: 't_p_1_acc_m',
          accountId: 'acc_m',
          status: 'waiting',
          dueAt: T0 + 5 * MIN,
          attempts: 0,
          remoteUrl: null,
          lastError: null,
        },
        {
          targetId: 't_p_1_acc_b',
          accountId: 'acc_b',
          status: 'waiting',
          dueAt: T0 + 5 * MIN,
          attempts: 0,
          remoteUrl: null,
          lastError: null,
        },
      ]);
      expect(await o.followUps.ofPost('p_now')).toEqual([
        { targetId: 't_p_now_acc_b', accountId: 'acc_b', status: 'waiting', dueAt: T0, attempts: 0, remoteUrl: null, lastError: null },
      ]);
      expect(await o.followUps.ofPost('p_none')).toEqual([]);
      expect(await o.followUps.ofPost('p_wait')).toEqual([]);
      expect(await o.followUps.nextDueAt()).toBe(T0);
    });

    it('claims what is due once, earliest first, with its key, text and the post options, before the network call', async () => {
      await published('p_late', ['acc_m'], { text: 'Late', delayMinutes: 30 });
      await published('p_1', ['acc_b', 'acc_m'], { text: 'First', delayMinutes: 10 });
      await published('p_0', ['acc_m'], { text: 'Zero' });
      const newKey = keys();
      await o.followUps.planPublished(['mastodon', 'bluesky'], newKey);
      const keyOf = new Map((await o.followUps.ofPost('p_1')).map((f) => [f.targetId, f]));
      expect(keyOf.size).toBe(2);

      const now = T0 + 10 * MIN;
      const first = await o.followUps.claimDue(now, LEASE, 2);
      // The earliest due are taken (the order they come back in is the engine's).
      expect(first.map((f) => f.targetId).sort()).toEqual(['t_p_0_acc_m', expect.stringMatching(/^t_p_1_acc_/)]);
      const zero = first.find((f) => f.postId === 'p_0');
      expect(zero).toMatchObject({ postId: 'p_0', accountId: 'acc_m', text: 'Zero', attempts: 1 });
      expect(zero?.idempotencyKey).toMatch(/^fk_\d$/);
      expect(JSON.parse(zero?.options ?? 'null')).toEqual({ firstComment: { text: 'Zero' }, language: 'en' });

      const rest = await o.followUps.claimDue(now, LEASE, 10);
      expect(rest).toHaveLength(1);
      expect(new Set([...first, ...rest].map((f) => f.targetId))).toEqual(new Set(['t_p_0_acc_m', 't_p_1_acc_m', 't_p_1_acc_b']));
      expect(new Set([...first, ...rest].map((f) => f.idempotencyKey)).size).toBe(3);
      expect(await o.followUps.claimDue(now, LEASE, 10)).toEqual([]);
      expect((await o.followUps.ofPost('p_1')).map((f) => [f.status, f.attempts])).toEqual([
        ['publishing', 1],
        ['publishing', 1],
      ]);
      // The claims lapse before the late one is due.
      expect(await o.followUps.nextDueAt()).toBe(now + LEASE);
    });

    it('leaves follow-ups of paused or disconnected accounts waiting', async () => {
      await published('p_1', ['acc_m', 'acc_b'], { text: 'Hi' });
      await o.followUps.planPublished(['mastodon', 'bluesky'], keys());
      await o.seed.pause('acc_m');
      expect((await o.followUps.claimDue(T0, LEASE, 10)).map((f) => f.targetId)).toEqual(['t_p_1_acc_b']);

      await o.seed.account('acc_x', { platform: 'bluesky', status: 'needs_login' });
      await published('p_2', ['acc_x'], { text: 'Hi' });
      await o.seed.pause('all');
      await published('p_3', ['acc_b'], { text: 'Hi' });
      await o.followUps.planPublished(['mastodon', 'bluesky'], keys());
      expect(await o.followUps.claimDue(T0 + MIN, LEASE, 10)).toEqual([]);
      expect((await o.followUps.ofPost('p_2'))[0]?.status).toBe('waiting');
    });

    it('finds claims whose lease ran out, and settles each claim once: a published reply never changes', async () => {
      await published('p_1', ['acc_m', 'acc_b'], { text: 'Hi' });
      await o.followUps.planPublished(['mastodon', 'bluesky'], keys());
      await o.followUps.claimDue(T0, LEASE, 10);
      expect(await o.followUps.lapsed(T0 + LEASE)).toEqual([]);
      const lapsed = await o.followUps.lapsed(T0 + LEASE + 1);
      expect(lapsed.map((f) => [f.targetId, f.postId, f.attempts]).sort()).toEqual([
        ['t_p_1_acc_b', 'p_1', 1],
        ['t_p_1_acc_m', 'p_1', 1],
      ]);

      await o.followUps.recordPublished('t_p_1_acc_m', { remoteId: 'r_9', remoteUrl: 'https://example.social/9' }, T0 + 1000);
      await o.followUps.finish('t_p_1_acc_m', 'failed', 'too late', null);
      await o.followUps.finish('t_p_1_acc_b', 'waiting', 'Over the cap', T0 + 15 * MIN, { refundAttempt: true });
      // Only a claim is finished: the second finish of the same follow-up changes nothing.
      await o.followUps.finish('t_p_1_acc_b', 'unconfirmed', 'twice', null);
      expect(await o.followUps.ofPost('p_1')).toEqual([
        {
          targetId: 't_p_1_acc_m',
          accountId: 'acc_m',
          status: 'published',
          dueAt: T0,
          attempts: 1,
          remoteUrl: 'https://example.social/9',
          lastError: null,
        },
        {
          targetId: 't_p_1_acc_b',
          accountId: 'acc_b',
          status: 'waiting',
          dueAt: T0 + 15 * MIN,
          attempts: 0,
          remoteUrl: null,
          lastError: 'Over the cap',
        },
      ]);
      expect(await o.followUps.nextDueAt()).toBe(T0 + 15 * MIN);
      const again = await o.followUps.claimDue(T0 + 15 * MIN, LEASE, 10);
      expect(again.map((f) => [f.targetId, f.attempts])).toEqual([['t_p_1_acc_b', 1]]);
      await o.followUps.finish('t_p_1_acc_b', 'unconfirmed', 'Check the post.', null);
      expect((await o.followUps.ofPost('p_1'))[1]).toMatchObject({
        status: 'unconfirmed',
        lastError: 'Check the post.',
        dueAt: T0 + 15 * MIN,
      });
      expect(await o.followUps.nextDueAt()).toBeNull();
    });

    it('reads the published parts a reply goes under, in order, with their network references', async () => {
      await published('p_1', ['acc_b'], { text: 'Hi' });
      const t = 't_p_1_acc_b';
      await o.seed.part({ targetId: t, index: 1, idempotencyKey: 'k1', remoteId: 'at://2', remoteUrl: null, remoteRef: { cid: 'c2' } });
      await o.seed.part({ targetId: t, index: 0, idempotencyKey: 'k0', remoteId: 'at://1', remoteUrl: 'https://b/1' });
      await o.seed.part({ targetId: t, index: 2, idempotencyKey: 'k2' });
      expect(await o.followUps.partsOf(t)).toEqual([
        { index: 0, text: null, idempotencyKey: 'k0', done: { remoteId: 'at://1', remoteUrl: 'https://b/1' } },
        { index: 1, text: null, idempotencyKey: 'k1', done: { remoteId: 'at://2', remoteUrl: null, ref: { cid: 'c2' } } },
        { index: 2, text: null, idempotencyKey: 'k2', done: null },
      ]);
      expect(await o.followUps.partsOf('t_unknown')).toEqual([]);
    });
  });
}
