// The slots store on any database: saved weekly slots, the instants accounts' posts take, and "Add to queue" as one
// transaction that reads both and writes its post (or nothing, when the choice fails).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlotSchedule } from '../../../../shared/time/slots';
import type { NewPost, PostChange } from '../../repos/posts';
import type { SlotsStore } from '../types';
import { type FeatureSeed, T0 } from './featureSeed';

export interface SlotsOpened {
  readonly slots: SlotsStore;
  readonly seed: FeatureSeed;
  close(): Promise<void>;
}

const HOUR = 3_600_000;

export function newQueuedPost(id: string, accountIds: readonly string[], at: number): NewPost {
  return {
    id,
    text: `Queued ${id}`,
    timeZone: 'UTC',
    scheduledAt: at,
    labels: [],
    options: {},
    parts: [],
    media: [],
    draft: false,
    targets: accountIds.map((a) => ({ id: `${id}_${a}`, accountId: a, textOverride: null, idempotencyKey: `k_${id}_${a}` })),
    now: T0,
  };
}

function movedTo(id: string, accountIds: readonly string[], at: number): PostChange {
  const p = newQueuedPost(id, accountIds, at);
  return { ...p, now: T0 + 1, eventKind: 'edited', detail: null };
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

export function slotsContract(engine: string, open: () => Promise<SlotsOpened>): void {
  describe(`slots store (${engine})`, () => {
    let o: SlotsOpened;
    beforeEach(async () => {
      o = await open();
      await o.seed.account('acc_a');
      await o.seed.account('acc_b');
    });
    afterEach(async () => {
      await o.close();
    });

    it('keeps no schedule until one is set, then the whole list in weekday-text and time order; an empty list is kept', async () => {
      expect(await o.slots.get('acc_a')).toBeNull();
      const schedule: SlotSchedule = {
        timeZone: 'Europe/Rome',
        slots: [
          { day: 'mon', time: '09:00' },
          { day: 'fri', time: '10:00' },
          { day: 'mon', time: '08:30' },
          { day: 'wed', time: '17:00' },
        ],
      };
      await o.slots.set('acc_a', schedule, T0);
      expect(await o.slots.get('acc_a')).toEqual({
        timeZone: 'Europe/Rome',
        slots: [
          { day: 'fri', time: '10:00' },
          { day: 'mon', time: '08:30' },
          { day: 'mon', time: '09:00' },
          { day: 'wed', time: '17:00' },
        ],
      });
      expect(await o.slots.get('acc_b')).toBeNull();

      await o.slots.set('acc_a', { timeZone: 'UTC', slots: [{ day: 'sun', time: '12:00' }] }, T0 + 1);
      expect(await o.slots.get('acc_a')).toEqual({ timeZone: 'UTC', slots: [{ day: 'sun', time: '12:00' }] });
      await o.slots.set('acc_a', { timeZone: 'UTC', slots: [] }, T0 + 2);
      expect(await o.slots.get('acc_a')).toEqual({ timeZone: 'UTC', slots: [] });
    });

    it('counts the instants in [from, to) of posts with a target of the accounts that will or did go out', async () => {
      const post = async (id: string, at: number, account: string, status: string) => {
        await o.seed.post({ id, scheduledAt: at });
        await o.seed.target({ id: `t_${id}`, postId: id, accountId: account, status });
      };
      await post('p_from', T0, 'acc_a', 'scheduled');
      await post('p_pub', T0 + HOUR, 'acc_a', 'published');
      await post('p_failed', T0 + 2 * HOUR, 'acc_b', 'failed');
      await post('p_draft', T0 + 3 * HOUR, 'acc_a', 'draft');
      await post('p_cancel', T0 + 4 * HOUR, 'acc_a', 'cancelled');
      await post('p_to', T0 + 5 * HOUR, 'acc_a', 'scheduled');
      await post('p_before', T0 - 1, 'acc_a', 'scheduled');
      // Two accounts at one instant count once.
      await post('p_same', T0 + HOUR, 'acc_b', 'scheduled');
      await o.seed.account('acc_c');
      await post('p_other', T0 + 90 * 60_000, 'acc_c', 'scheduled');

      expect(sorted(await o.slots.takenInstants(['acc_a', 'acc_b'], T0, T0 + 5 * HOUR))).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR]);
      expect(sorted(await o.slots.takenInstants(['acc_a'], T0, T0 + 5 * HOUR + 1))).toEqual([T0, T0 + HOUR, T0 + 5 * HOUR]);
      expect(await o.slots.takenInstants(['acc_c'], T0, T0 + HOUR)).toEqual([]);
      expect(await o.slots.takenInstants([], T0, T0 + 10 * HOUR)).toEqual([]);
      // A target cancelled later frees its slot.
      await o.seed.targetStatus('t_p_from', 'cancelled');
      expect(sorted(await o.slots.takenInstants(['acc_a'], T0, T0 + HOUR + 1))).toEqual([T0 + HOUR]);
    });

    it('takes a slot in one call: choose sees the saved schedules and the taken instants, and the post is written there', async () => {
      await o.slots.set('acc_b', { timeZone: 'UTC', slots: [{ day: 'mon', time: '09:00' }] }, T0);
      await o.seed.post({ id: 'p_busy', scheduledAt: T0 });
      await o.seed.target({ id: 't_busy', postId: 'p_busy', accountId: 'acc_a', status: 'scheduled' });

      let seen: { saved: [string, SlotSchedule | null][]; taken: number[] } | null = null;
      const r = await o.slots.take(
        ['acc_a', 'acc_b'],
        T0,
        T0 + 24 * HOUR,
        (saved, taken) => {
          seen = { saved: [...saved.entries()], taken: [...taken] };
          return { at: taken.includes(T0) ? T0 + HOUR : T0 };
        },
        (slot) => ({ create: newQueuedPost('p_new', ['acc_a', 'acc_b'], slot.at), actor: 'user' }),
      );
      expect(seen).toEqual({
        saved: [
          ['acc_a', null],
          ['acc_b', { timeZone: 'UTC', slots: [{ day: 'mon', time: '09:00' }] }],
        ],
        taken: [T0],
      });
      expect(r.slot).toEqual({ at: T0 + HOUR });
      expect(r.post.id).toBe('p_new');
      expect(r.post.scheduledAt).toBe(T0 + HOUR);
      expect(r.post.targets.map((t) => [t.accountId, t.status])).toEqual([
        ['acc_a', 'scheduled'],
        ['acc_b', 'scheduled'],
      ]);
      expect(sorted(await o.slots.takenInstants(['acc_b'], T0, T0 + 24 * HOUR))).toEqual([T0 + HOUR]);

      // The next take sees it.
      const next = await o.slots.take(
        ['acc_b'],
        T0,
        T0 + 24 * HOUR,
        (_saved, taken) => Math.max(T0, ...taken) + HOUR,
        (at) => ({ create: newQueuedPost('p_next', ['acc_b'], at), actor: 'user' }),
      );
      expect(next.slot).toBe(T0 + 2 * HOUR);
    });

    it('moves an existing post into the slot it takes', async () => {
      await o.slots.take(
        ['acc_a'],
        T0,
        T0 + 24 * HOUR,
        () => T0,
        (at) => ({ create: newQueuedPost('p_move', ['acc_a'], at), actor: 'user' }),
      );
      const r = await o.slots.take(
        ['acc_a'],
        T0,
        T0 + 24 * HOUR,
        (_saved, taken) => {
          expect(taken).toEqual([T0]);
          return T0 + 3 * HOUR;
        },
        (at) => ({ update: { id: 'p_move', change: movedTo('p_move', ['acc_a'], at) }, actor: 'user' }),
      );
      expect(r.post.id).toBe('p_move');
      expect(r.post.scheduledAt).toBe(T0 + 3 * HOUR);
      expect(await o.slots.takenInstants(['acc_a'], T0, T0 + 24 * HOUR)).toEqual([T0 + 3 * HOUR]);
    });

    it('writes nothing when the choice fails, and says why', async () => {
      const full = new Error('Every slot in the next 8 weeks is taken.');
      await expect(
        o.slots.take(
          ['acc_a'],
          T0,
          T0 + HOUR,
          () => {
            throw full;
          },
          (at: number) => ({ create: newQueuedPost('p_never', ['acc_a'], at), actor: 'user' }),
        ),
      ).rejects.toBe(full);
      // Nor when the post cannot be written: the account does not exist.
      await expect(
        o.slots.take(
          ['acc_missing'],
          T0,
          T0 + HOUR,
          () => T0,
          (at) => ({ create: newQueuedPost('p_orphan', ['acc_missing'], at), actor: 'user' }),
        ),
      ).rejects.toThrow();
      expect(await o.slots.takenInstants(['acc_a', 'acc_missing'], T0 - HOUR, T0 + HOUR)).toEqual([]);
      expect(await o.seed.count('posts')).toBe(0);
    });
  });
}
