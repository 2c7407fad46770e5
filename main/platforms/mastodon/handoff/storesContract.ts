// What the hand-off's stores must answer on every database: which targets may go to a server, the rows kept while they
// are there, and the targets' handoff_id/handoff_at kept in step. Run by stores.test.ts (SQLite) and
// pgStores.pg.test.ts (PostgreSQL), each seeding with plain SQL.

import { beforeEach, describe, expect, it } from 'vitest';
import type { PostOptions } from '../../../../shared/domain';
import { contentHashOf, PENDING_HANDOFF_ID } from './handoffRepo';
import type { HandoffStores } from './stores';

export interface HandoffSeed {
  account(a: { id: string; platform: string; status?: string }): Promise<void>;
  post(p: { id: string; text: string; options?: PostOptions; parts?: readonly string[] }): Promise<void>;
  target(t: {
    id: string;
    postId: string;
    accountId: string;
    status?: string;
    dueAt?: number | null;
    textOverride?: string | null;
    remoteId?: string | null;
    publishedAt?: number | null;
  }): Promise<void>;
  media(m: {
    id: string;
    postId: string;
    partIndex: number;
    position: number;
    alt: string;
    focus: { x: number; y: number } | null;
  }): Promise<void>;
  /** A post's text changed (an edit while the hand-over is out). */
  setText(postId: string, text: string): Promise<void>;
  /** The target's hand-off columns as they are. */
  handoffOf(targetId: string): Promise<{ handoffId: string | null; handoffAt: number | null }>;
}

export interface HandoffOpened {
  readonly stores: HandoffStores;
  readonly seed: HandoffSeed;
  close(): Promise<void>;
}

const MIN = 60_000;
const T0 = Date.UTC(2026, 4, 4, 8);

export function handoffStoresContract(engine: string, open: () => Promise<HandoffOpened>): void {
  describe(`the Mastodon hand-off stores (${engine})`, () => {
    let o: HandoffOpened;
    beforeEach(async () => {
      o = await open();
      return () => o.close();
    });

    async function seedTargets(): Promise<void> {
      await o.seed.account({ id: 'acc_m', platform: 'mastodon' });
      await o.seed.account({ id: 'acc_off', platform: 'mastodon', status: 'disconnected' });
      await o.seed.account({ id: 'acc_b', platform: 'bluesky' });
      await o.seed.post({ id: 'post_1', text: 'Hello', options: { contentWarning: 'cw', visibility: 'unlisted' } });
      await o.seed.post({ id: 'post_2', text: 'Thread', parts: ['second part'] });
      await o.seed.media({ id: 'med_2', postId: 'post_1', partIndex: 0, position: 1, alt: 'second', focus: null });
      await o.seed.media({ id: 'med_1', postId: 'post_1', partIndex: 0, position: 0, alt: 'first', focus: { x: 0.5, y: -0.25 } });
      await o.seed.media({ id: 'med_x', postId: 'post_2', partIndex: 1, position: 0, alt: 'in part 2', focus: null });
      await o.seed.target({ id: 'tgt_late', postId: 'post_2', accountId: 'acc_m', dueAt: T0 + 60 * MIN });
      await o.seed.target({ id: 'tgt_1', postId: 'post_1', accountId: 'acc_m', dueAt: T0 + 30 * MIN, textOverride: 'Hello, Mastodon' });
      await o.seed.target({ id: 'tgt_off', postId: 'post_1', accountId: 'acc_off', dueAt: T0 + 30 * MIN });
      await o.seed.target({ id: 'tgt_b', postId: 'post_1', accountId: 'acc_b', dueAt: T0 + 30 * MIN });
    }

    it('candidates: scheduled targets of connected Mastodon accounts from a time on, with what they would send', async () => {
      await seedTargets();
      const found = await o.stores.handoffs.candidates(T0 + 30 * MIN);
      expect(found.map((s) => s.targetId)).toEqual(['tgt_1', 'tgt_late']);
      const [first, late] = found;
      expect(first).toMatchObject({
        targetId: 'tgt_1',
        postId: 'post_1',
        accountId: 'acc_m',
        status: 'scheduled',
        dueAt: T0 + 30 * MIN,
        handoffId: null,
        text: 'Hello, Mastodon',
        options: { contentWarning: 'cw', visibility: 'unlisted' },
        partCount: 1,
      });
      expect(first?.media.map((m) => [m.id, m.alt, m.focus, m.partIndex])).toEqual([
        ['med_1', 'first', { x: 0.5, y: -0.25 }, 0],
        ['med_2', 'second', null, 0],
      ]);
      expect(first?.contentHash).toBe(
        contentHashOf('Hello, Mastodon', { contentWarning: 'cw', visibility: 'unlisted' }, first?.media ?? []),
      );
      // The media of later parts is not the first status's.
      expect(late).toMatchObject({ partCount: 2, media: [] });
      expect((await o.stores.handoffs.candidates(T0 + 30 * MIN + 1)).map((s) => s.targetId)).toEqual(['tgt_late']);
      expect(await o.stores.handoffs.snapshot('tgt_b')).toMatchObject({ targetId: 'tgt_b', text: 'Hello', accountId: 'acc_b' });
      expect(await o.stores.handoffs.snapshot('nope')).toBeNull();
    });

    it('a hand-over: begun once (the target held), committed only while the target is what was sent', async () => {
      await seedTargets();
      const [s] = await o.stores.handoffs.candidates(T0);
      if (!s) throw new Error('no candidate');
      expect(await o.stores.handoffs.beginCreating(s, 'key-1', T0 + MIN)).toBe(true);
      expect(await o.seed.handoffOf('tgt_1')).toEqual({ handoffId: PENDING_HANDOFF_ID, handoffAt: T0 + 30 * MIN });
      // Held: neither a candidate nor free to begin again.
      expect((await o.stores.handoffs.candidates(T0)).map((c) => c.targetId)).toEqual(['tgt_late']);
      expect(await o.stores.handoffs.beginCreating(s, 'key-2', T0 + 2 * MIN)).toBe(false);
      expect(await o.stores.handoffs.row('tgt_1')).toEqual({
        targetId: 'tgt_1',
        accountId: 'acc_m',
        state: 'creating',
        idempotencyKey: 'key-1',
        remoteId: null,
        remoteAt: null,
        contentHash: s.contentHash,
        dueAt: T0 + 30 * MIN,
        reason: null,
        updatedAt: T0 + MIN,
      });

      expect(await o.stores.handoffs.commitScheduled('tgt_1', '9001', T0 + 30 * MIN, s, T0 + 3 * MIN)).toBe(true);
      expect(await o.seed.handoffOf('tgt_1')).toEqual({ handoffId: '9001', handoffAt: T0 + 30 * MIN });
      expect(await o.stores.handoffs.row('tgt_1')).toMatchObject({
        state: 'scheduled',
        remoteId: '9001',
        remoteAt: T0 + 30 * MIN,
        updatedAt: T0 + 3 * MIN,
      });
      // No longer pending: a second commit records nothing.
      expect(await o.stores.handoffs.commitScheduled('tgt_1', '9002', T0 + 31 * MIN, s, T0 + 4 * MIN)).toBe(false);

      await o.stores.handoffs.moveRemote('tgt_1', T0 + 40 * MIN, T0 + 40 * MIN, T0 + 5 * MIN);
      expect(await o.seed.handoffOf('tgt_1')).toEqual({ handoffId: '9001', handoffAt: T0 + 40 * MIN });
      expect(await o.stores.handoffs.row('tgt_1')).toMatchObject({
        remoteAt: T0 + 40 * MIN,
        dueAt: T0 + 40 * MIN,
        updatedAt: T0 + 5 * MIN,
      });
      await o.stores.handoffs.markReleasing('tgt_1', T0 + 6 * MIN);
      expect(await o.stores.handoffs.row('tgt_1')).toMatchObject({ state: 'releasing', updatedAt: T0 + 6 * MIN });
      // forget only frees a target held for a hand-over in progress; release frees it whatever holds it.
      await o.stores.handoffs.forget('tgt_1');
      expect(await o.seed.handoffOf('tgt_1')).toEqual({ handoffId: '9001', handoffAt: T0 + 40 * MIN });
      expect(await o.stores.handoffs.row('tgt_1')).toBeNull();
      await o.stores.handoffs.release('tgt_1');
      expect(await o.seed.handoffOf('tgt_1')).toEqual({ handoffId: null, handoffAt: null });
    });

    it('an edit while the request is out: the copy is not recorded; forget gives the target back', async () => {
      await seedTargets();
      const late = (await o.stores.handoffs.candidates(T0)).find((c) => c.targetId === 'tgt_late');
      if (!late) throw new Error('no candidate');
      await o.stores.handoffs.beginCreating(late, 'key-late', T0);
      await o.seed.setText('post_2', 'Thread, edited');
      expect(await o.stores.handoffs.snapshot('tgt_late')).toMatchObject({ text: 'Thread, edited', handoffId: PENDING_HANDOFF_ID });
      expect(await o.stores.handoffs.commitScheduled('tgt_late', '9001', T0 + 60 * MIN, late, T0 + MIN)).toBe(false);
      expect(await o.seed.handoffOf('tgt_late')).toEqual({ handoffId: PENDING_HANDOFF_ID, handoffAt: T0 + 60 * MIN });
      await o.stores.handoffs.forget('tgt_late');
      expect(await o.seed.handoffOf('tgt_late')).toEqual({ handoffId: null, handoffAt: null });
      expect(await o.stores.handoffs.rows()).toEqual([]);
    });

    it('kept local: the target is freed and the row says why; rows oldest first, by post', async () => {
      await seedTargets();
      const [first, late] = await o.stores.handoffs.candidates(T0);
      if (!first || !late) throw new Error('no candidates');
      await o.stores.handoffs.beginCreating(late, 'key-late', T0);
      await o.stores.handoffs.beginCreating(first, 'key-1', T0);
      await o.stores.handoffs.keepLocal(first, 'the server is full', T0 + MIN);
      expect(await o.seed.handoffOf('tgt_1')).toEqual({ handoffId: null, handoffAt: null });
      expect(await o.stores.handoffs.row('tgt_1')).toMatchObject({
        state: 'kept_local',
        idempotencyKey: 'key-1',
        reason: 'the server is full',
        remoteId: null,
        updatedAt: T0 + MIN,
      });
      // Created at the same instant: in the order they were written.
      expect((await o.stores.handoffs.rows()).map((r) => [r.targetId, r.state])).toEqual([
        ['tgt_late', 'creating'],
        ['tgt_1', 'kept_local'],
      ]);
      expect((await o.stores.handoffs.rowsOfPost('post_1')).map((r) => r.targetId)).toEqual(['tgt_1']);
      await o.stores.handoffs.setState('tgt_late', 'scheduled', T0 + 2 * MIN);
      expect(await o.stores.handoffs.row('tgt_late')).toMatchObject({ state: 'scheduled', updatedAt: T0 + 2 * MIN });
    });

    it('metrics: published Mastodon targets newest first, numbers saved over the old ones with their time', async () => {
      await o.seed.account({ id: 'acc_m', platform: 'mastodon' });
      await o.seed.account({ id: 'acc_b', platform: 'bluesky' });
      for (const [i, postId] of ['post_a', 'post_b', 'post_c'].entries()) {
        await o.seed.post({ id: postId, text: postId });
        await o.seed.target({
          id: `tgt_${i}`,
          postId,
          accountId: 'acc_m',
          status: 'published',
          remoteId: `r${i}`,
          publishedAt: T0 + i * MIN,
        });
      }
      await o.seed.target({ id: 'tgt_bsky', postId: 'post_a', accountId: 'acc_b', status: 'published', remoteId: 'rb', publishedAt: T0 });
      const m = o.stores.metrics;
      expect(await m.published({})).toEqual([
        { targetId: 'tgt_2', postId: 'post_c', accountId: 'acc_m', remoteId: 'r2' },
        { targetId: 'tgt_1', postId: 'post_b', accountId: 'acc_m', remoteId: 'r1' },
        { targetId: 'tgt_0', postId: 'post_a', accountId: 'acc_m', remoteId: 'r0' },
      ]);
      expect((await m.published({ since: T0 + MIN })).map((t) => t.targetId)).toEqual(['tgt_2', 'tgt_1']);
      expect((await m.published({ postId: 'post_b' })).map((t) => t.targetId)).toEqual(['tgt_1']);

      const ids = new Map([
        ['tgt_0', 'r0'],
        ['tgt_1', 'r1'],
      ]);
      await m.save(
        [
          { targetId: 'tgt_0', likes: 1, reposts: 2, replies: 3, quotes: null },
          { targetId: 'tgt_1', likes: 4, reposts: 5, replies: 6, quotes: 7 },
        ],
        ids,
        T0 + 10 * MIN,
      );
      await m.save([{ targetId: 'tgt_0', likes: 10, reposts: 2, replies: 3, quotes: 1 }], ids, T0 + 20 * MIN);
      expect(await m.of(['tgt_1', 'tgt_0', 'tgt_2'])).toEqual([
        { targetId: 'tgt_0', likes: 10, reposts: 2, replies: 3, quotes: 1, fetchedAt: T0 + 20 * MIN },
        { targetId: 'tgt_1', likes: 4, reposts: 5, replies: 6, quotes: 7, fetchedAt: T0 + 10 * MIN },
      ]);
      expect(await m.of([])).toEqual([]);
    });
  });
}
