// "Add to queue": each account's posting slots, the next one free for all of a post's accounts, and taking it.

import type { AccountSlots, NextSlot } from '../../../shared/contract/queue';
import { defaultSlots, nextFreeSlot, QUEUE_HORIZON_DAYS, type SlotSchedule } from '../../../shared/time/slots';
import type { BackendContext } from '../context';
import { fail } from '../errors';
import { PostingSlotsRepo } from './slotsRepo';

const DAY_MS = 86_400_000;

export class QueueSlots {
  readonly repo: PostingSlotsRepo;

  constructor(private readonly ctx: BackendContext) {
    this.repo = new PostingSlotsRepo(ctx.db);
  }

  /** The account's saved slots, or the built-in weekday ones in the app's zone. */
  scheduleOf(accountId: string): AccountSlots {
    const saved = this.repo.get(accountId);
    if (saved) return { accountId, timeZone: saved.timeZone, slots: saved.slots, isDefault: false };
    return { accountId, timeZone: this.ctx.setting('timeZone'), slots: defaultSlots(), isDefault: true };
  }

  /**
   * The first slot after `after` (never in the past) that none of the accounts has a post in. What it reads can
   * change as soon as it returns: it is a preview, and `take` is the one way to put a post in a slot.
   * `field` names where the "no free slot" error belongs for the caller.
   */
  next(accountIds: readonly string[], after = 0, field?: string): NextSlot {
    const ids = [...new Set(accountIds)];
    const from = Math.max(after, this.ctx.clock.now());
    const schedules: SlotSchedule[] = ids.map((id) => this.scheduleOf(id));
    if (schedules.every((s) => s.slots.length === 0)) {
      throw fail('no_slots', {}, field);
    }
    const taken = this.repo.takenInstants(ids, from, from + (QUEUE_HORIZON_DAYS + 1) * DAY_MS);
    const slot = nextFreeSlot({ schedules, after: from, taken });
    if (!slot) {
      throw fail('slots_full', { weeks: QUEUE_HORIZON_DAYS / 7 }, field);
    }
    return { at: slot.at, timeZone: slot.wall.timeZone, date: slot.wall.date, time: slot.wall.time, note: slot.note };
  }

  /**
   * Finds the next free slot and runs `write` with it in one write transaction: another window, the CLI or a
   * second process waits for the lock and then sees this post in the slot, so no two posts take the same one.
   * `write` uses the same database; its own transaction nests inside this one.
   */
  take<T>(accountIds: readonly string[], write: (slot: NextSlot) => T): T {
    return this.ctx.db.transaction(() => write(this.next(accountIds, 0, 'accountIds'))).immediate();
  }
}
