// The scheduler's side of the queue, the same on every engine: what may start now, claims with their parts and
// media, takeovers of abandoned claims, outcomes and counts.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AbandonedClaim } from '../../publishing/types';
import { LEASE, newPost, type OpenPublishing, type PublishingOpened, T0 } from './publishing';

export function queueContract(engine: string, open: OpenPublishing): void {
  describe(`publish queue (${engine})`, () => {
    let s: PublishingOpened;

    beforeEach(async () => {
      s = await open();
      await s.addAccount('acc');
    });
    afterEach(() => s.close());

    const q = () => s.posts.queue;
    const schedule = (id: string, at = T0, account = 'acc') => s.posts.create(newPost(id, [account], at), 'user');
    const target = async (postId: string) => (await s.posts.get(postId))?.targets[0];

    it('a confirmed publication overrides an unconfirmed outcome recorded meanwhile', async () => {
      await schedule('p1');
      expect((await q().claim('p1-acc', T0, LEASE, null))?.idempotencyKey).toBe('key-p1-acc');
      expect(await q().finish('p1-acc', { status: 'unconfirmed', reason: 'No answer from the server.' }, T0 + 1_000)).toBe(true);
      expect((await target('p1'))?.status).toBe('unconfirmed');
      const published = { status: 'published', remoteId: 'r-1', remoteUrl: 'https://example.test/r-1' } as const;
      expect(await q().finish('p1-acc', published, T0 + 2_000)).toBe(true);
      expect(await target('p1')).toMatchObject({
        status: 'published',
        remoteId: 'r-1',
        remoteUrl: 'https://example.test/r-1',
        lastError: null,
      });
      expect((await s.posts.get('p1'))?.status).toBe('published');
    });

    it('an unconfirmed target is not moved by any outcome other than a confirmed publication', async () => {
      await schedule('p2');
      await q().claim('p2-acc', T0, LEASE, null);
      await q().finish('p2-acc', { status: 'unconfirmed', reason: 'No answer from the server.' }, T0 + 1_000);
      expect(await q().finish('p2-acc', { status: 'failed', reason: 'late failure' }, T0 + 2_000)).toBe(false);
      expect(await q().finish('p2-acc', { status: 'retrying', nextAt: T0 + 9_000, reason: 'late retry' }, T0 + 2_000)).toBe(false);
      expect(await target('p2')).toMatchObject({ status: 'unconfirmed', lastError: 'No answer from the server.' });
    });

    it('a scheduler whose claim was taken over cannot record a failure, but its confirmed publication still wins', async () => {
      await s.addAccount('acc2');
      await s.liveHolder('first', T0 + LEASE);
      await schedule('p3');
      await schedule('p4', T0, 'acc2');
      expect((await q().claimMany(['p3-acc', 'p4-acc2'], T0, LEASE, 'first')).map((c) => c.targetId)).toEqual(['p3-acc', 'p4-acc2']);
      // The first scheduler is gone and its claims' lease ran out; a second one takes both over.
      await s.liveHolder('second', T0 + 3 * LEASE);
      const abandoned = await q().abandoned(T0 + LEASE + 1, 'second');
      expect(abandoned.map((a) => [a.targetId, a.claimedBy, a.claimedAt])).toEqual([
        ['p3-acc', 'first', T0],
        ['p4-acc2', 'first', T0],
      ]);
      for (const a of abandoned) {
        const taken = await q().takeOver(a, T0 + LEASE + 1, LEASE, 'second');
        // The same attempt and key: recovery decides what happened to it before anything is sent again.
        expect(taken).toMatchObject({ targetId: a.targetId, attempt: 1, idempotencyKey: `key-${a.postId}-${a.accountId}` });
        // Taken once: the same claim cannot be taken again.
        expect(await q().takeOver(a, T0 + LEASE + 1, LEASE, 'second')).toBeNull();
      }
      expect((await s.posts.history('p3')).at(-1)).toMatchObject({ actor: 'scheduler', kind: 'recovering' });
      expect(await q().abandoned(T0 + LEASE + 2, 'second')).toEqual([]);

      expect(await q().finish('p3-acc', { status: 'failed', reason: 'stale' }, T0 + LEASE + 2, 'first')).toBe(false);
      expect((await target('p3'))?.status).toBe('publishing');
      const published = { status: 'published', remoteId: 'r-4', remoteUrl: null } as const;
      expect(await q().finish('p4-acc2', published, T0 + LEASE + 2, 'first')).toBe(true);
      expect(await target('p4')).toMatchObject({ status: 'published', remoteId: 'r-4' });
      expect(await q().finish('p3-acc', { status: 'failed', reason: 'refused' }, T0 + LEASE + 3, 'second')).toBe(true);
      expect(await target('p3')).toMatchObject({ status: 'failed', lastError: 'refused' });
    });

    it('takes over only as the live scheduler, and only a claim still held by the one it names', async () => {
      await s.liveHolder('holder', T0 + LEASE);
      await schedule('p5');
      expect((await q().claim('p5-acc', T0, LEASE, 'holder'))?.attempt).toBe(1);
      // Within its lease the claim is its own.
      expect(await q().abandoned(T0 + LEASE - 1, 'holder')).toEqual([]);
      const seen: AbandonedClaim = { targetId: 'p5-acc', postId: 'p5', accountId: 'acc', claimedBy: 'holder', claimedAt: T0 };
      expect(await q().takeOver(seen, T0 + LEASE + 1, LEASE, 'not-running')).toBeNull();
      // Once the lease lapses, even its own holder treats the claim as abandoned.
      expect((await q().abandoned(T0 + LEASE + 1, 'holder')).map((a) => a.targetId)).toEqual(['p5-acc']);
      await s.liveHolder('next', T0 + 5 * LEASE);
      expect(await q().takeOver({ ...seen, claimedBy: 'someone else' }, T0 + LEASE + 1, LEASE, 'next')).toBeNull();
      expect((await q().takeOver(seen, T0 + LEASE + 1, LEASE, 'next'))?.targetId).toBe('p5-acc');
      const history = (await s.posts.history('p5')).map((h) => [h.actor, h.kind, h.detail]);
      expect(history).toContainEqual(['scheduler', 'publishing', 'attempt 1']);
    });

    it('claims only due targets, one per account, in the order they were meant to go out', async () => {
      await schedule('late', T0 + 5_000);
      await schedule('early', T0 - 5_000);
      await schedule('now', T0);
      expect((await q().dueCandidates(T0, 10)).map((c) => [c.targetId, c.accountId, c.platform, c.dueAt])).toEqual([
        ['early-acc', 'acc', 'discord', T0 - 5_000],
      ]);
      const due = (await q().dueCandidates(T0, 10)).map((c) => c.targetId);
      expect((await q().claimMany(due, T0, LEASE, null)).map((c) => c.targetId)).toEqual(['early-acc']);
      // While one of the account's targets is in flight, nothing else of that account starts.
      expect(await q().dueCandidates(T0, 10)).toEqual([]);
      expect(await q().nextDueAfter(T0)).toBe(T0 + 5_000);
      await q().finish('early-acc', { status: 'published', remoteId: 'r', remoteUrl: null }, T0);
      expect((await q().dueCandidates(T0, 10)).map((c) => c.targetId)).toEqual(['now-acc']);
      expect(await q().claim('late-acc', T0, LEASE, null)).toBeNull();
      expect(await q().nextDueAfter(T0 + 5_000)).toBeNull();
    });

    it('lines up each account apart, leaves out paused, disconnected, rate-limited and unreadable accounts', async () => {
      for (const a of ['b', 'c', 'd', 'e']) await s.addAccount(a, a === 'c' ? 'needs_relogin' : 'connected');
      await schedule('x-acc', T0 - 3_000);
      await schedule('x-b', T0 - 2_000, 'b');
      await schedule('x-c', T0 - 4_000, 'c');
      await schedule('x-d', T0 - 1_000, 'd');
      await schedule('x-e', T0 - 5_000, 'e');
      const heads = async (reader: string | null = null) => (await q().dueCandidates(T0, 10, reader)).map((c) => c.targetId);
      expect(await heads()).toEqual(['x-e-e', 'x-acc-acc', 'x-b-b', 'x-d-d']);
      expect(await q().dueCandidates(T0, 2)).toHaveLength(2);
      await s.pause('b', T0);
      await s.unreadable('d', 'The key file is missing.', T0);
      expect(await heads()).toEqual(['x-e-e', 'x-acc-acc', 'x-d-d']);
      expect(await heads('key_file')).toEqual(['x-e-e', 'x-acc-acc']);
      // The targets left for another process say why they wait.
      expect(await q().explainUnreadable(T0, 'key_file')).toEqual(['x-d']);
      expect(await target('x-d')).toMatchObject({ status: 'scheduled', lastError: 'The key file is missing.' });
      expect(await q().explainUnreadable(T0, 'key_file')).toEqual([]);
      // A rate limit holds the account's line until its time.
      await q().claim('x-e-e', T0, LEASE, null);
      await q().finish('x-e-e', { status: 'retrying', nextAt: T0 + 60_000, reason: 'Slow down.', waitKind: 'rate_limit' }, T0);
      await schedule('y-e', T0 - 500, 'e');
      expect(await heads()).toEqual(['x-acc-acc', 'x-d-d']);
      expect(await q().dueCandidates(T0 + 60_000, 10)).toContainEqual(expect.objectContaining({ targetId: 'x-e-e', dueAt: T0 + 60_000 }));
      await s.pause(null, T0);
      expect(await heads()).toEqual([]);
    });

    it("gives each thread part a stable key, the first part the target's own, and resumes after recorded parts", async () => {
      await s.posts.create(newPost('thread', ['acc'], T0, { text: 'First', parts: ['Second', 'Third'] }), 'user');
      const first = await q().claim('thread-acc', T0, LEASE, null);
      expect(first?.parts.map((p) => p.text)).toEqual(['First', 'Second', 'Third']);
      expect(first).toMatchObject({ postId: 'thread', accountId: 'acc', text: 'First', scheduledAt: T0, options: {}, attempt: 1 });
      const keys = first?.parts.map((p) => p.idempotencyKey) ?? [];
      expect(keys[0]).toBe('key-thread-acc');
      expect(new Set(keys).size).toBe(3);
      expect(first?.parts.map((p) => p.done)).toEqual([null, null, null]);

      await q().recordPart('thread-acc', 0, { remoteId: 'r0', remoteUrl: 'https://example.test/r0', ref: { cid: 'c0' } }, T0);
      await q().finish('thread-acc', { status: 'retrying', nextAt: T0 + 5_000, reason: 'Server busy.', waitKind: 'server' }, T0 + 1);
      expect((await s.posts.history('thread')).at(-1)).toMatchObject({
        kind: 'retrying',
        detail: `Server busy. (next attempt ${new Date(T0 + 5_000).toISOString()})`,
      });
      const again = await q().claim('thread-acc', T0 + 5_000, LEASE, null);
      expect(again?.attempt).toBe(2);
      expect(again?.parts.map((p) => p.idempotencyKey)).toEqual(keys);
      expect(again?.parts.map((p) => p.done)).toEqual([
        { remoteId: 'r0', remoteUrl: 'https://example.test/r0', ref: { cid: 'c0' } },
        null,
        null,
      ]);
      expect((await target('thread'))?.partsPublished).toBe(1);
    });

    it("hands each part of a thread its own media, and an account's own text as the first part", async () => {
      for (const id of ['m0', 'm2']) await s.addMedia(id, T0);
      await s.posts.create(
        newPost('pics', ['acc'], T0, {
          text: 'One',
          parts: ['Two', 'Three'],
          options: { language: 'it' },
          media: [
            { id: 'm0', alt: 'first', partIndex: 0 },
            { id: 'm2', alt: 'third', partIndex: 2 },
          ],
          targets: [{ id: 'pics-acc', accountId: 'acc', textOverride: 'Uno', idempotencyKey: 'key-pics' }],
        }),
        'user',
      );
      const claimed = await q().claim('pics-acc', T0, LEASE, null);
      expect(claimed?.parts.map((p) => p.media.map((m) => m.alt))).toEqual([['first'], [], ['third']]);
      expect(claimed?.parts[0]?.media[0]).toMatchObject({ id: 'm0', storedName: 'm0.png', postId: 'pics' });
      expect(claimed).toMatchObject({ text: 'Uno', options: { language: 'it' } });
      expect(claimed?.parts.map((p) => p.text)).toEqual(['Uno', 'Two', 'Three']);
    });

    it('counts what needs people and what is in flight, and makes what waits for the network due when it returns', async () => {
      for (const a of ['b', 'c', 'd']) await s.addAccount(a);
      await schedule('c1');
      await schedule('c2', T0, 'b');
      await schedule('c3', T0, 'c');
      await schedule('c4', T0, 'd');
      await q().claim('c1-acc', T0, LEASE, null);
      expect(await q().counts()).toMatchObject({ publishing: 1, failed: 0, unconfirmed: 0 });
      await q().finish('c1-acc', { status: 'failed', reason: 'Refused.' }, T0);
      await q().claim('c2-b', T0, LEASE, null);
      await q().finish('c2-b', { status: 'retrying', nextAt: T0 + 1_000, reason: 'Offline.', waitKind: 'network' }, T0);
      await q().claim('c2-b', T0 + 1_000, LEASE, null);
      await q().finish('c2-b', { status: 'unconfirmed', reason: 'No answer.' }, T0 + 1_000);
      await q().claim('c3-c', T0 + 1_000, LEASE, null);
      await q().finish('c3-c', { status: 'retrying', nextAt: T0 + 9_000, reason: 'Offline.', waitKind: 'network' }, T0 + 1_000);
      expect(await q().counts()).toEqual({
        waitingForNetwork: 1,
        publishing: 0,
        held: 0,
        heldByPause: 0,
        missed: 0,
        unconfirmed: 1,
        failed: 1,
      });
      expect(await q().networkReturned(T0 + 2_000)).toEqual(['c3']);
      expect(await target('c3')).toMatchObject({ status: 'retrying', nextAttemptAt: T0 + 2_000 });
      expect(await q().handedOff(null)).toEqual([]);
      expect(await q().handedOff('acc')).toEqual([]);
    });
  });
}
