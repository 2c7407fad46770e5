// "Add to queue": each account's posting slots, the next one free for all of a post's accounts, and taking it.

import type { AccountSlots, NextSlot } from '../../../shared/contract/queue';
import type { PostView } from '../../../shared/domain';
import { defaultSlots, nextFreeSlot, QUEUE_HORIZON_DAYS, type SlotSchedule } from '../../../shared/time/slots';
import type { BackendContext } from '../context';
import { fail } from '../errors';
import type { SlotsStore, SlotWrite } from '../stores/types';

const DAY_MS = 86_400_000;

export class QueueSlots {
  readonly repo: SlotsStore;

  constructor(private readonly ctx: BackendContext) {
    this.repo = ctx.stores.slots;
  }

  #scheduleFrom(accountId: string, saved: SlotSchedule | null): AccountSlots {
    if (saved) return { accountId, timeZone: saved.timeZone, slots: saved.slots, isDefault: false };
    return { accountId, timeZone: this.ctx.setting('timeZone'), slots: defaultSlots(), isDefault: true };
  }

  /** The account's saved slots, or the built-in weekday ones in the app's zone. */
  async scheduleOf(accountId: string): Promise<AccountSlots> {
    return this.#scheduleFrom(accountId, await this.repo.get(accountId));
  }

  #window(after: number): { from: number; to: number } {
    const from = Math.max(after, this.ctx.clock.now());
    return { from, to: from + (QUEUE_HORIZON_DAYS + 1) * DAY_MS };
  }

  /** The first free slot from what the store read; throws the "no slots" and "all taken" errors. */
  #pick(ids: readonly string[], saved: ReadonlyMap<string, SlotSchedule | null>, taken: readonly number[], from: number, field?: string) {
    const schedules: SlotSchedule[] = ids.map((id) => this.#scheduleFrom(id, saved.get(id) ?? null));
    if (schedules.every((s) => s.slots.length === 0)) {
      throw fail('no_slots', {}, field);
    }
    const slot = nextFreeSlot({ schedules, after: from, taken: [...taken] });
    if (!slot) {
      throw fail('slots_full', { weeks: QUEUE_HORIZON_DAYS / 7 }, field);
    }
    return {
      at: slot.at,
      timeZone: slot.wall.timeZone,
      date: slot.wall.date,
      time: slot.wall.time,
      note: slot.note,
      noteProblem: slot.notice,
    };
  }

  /**
   * The first slot after `after` (never in the past) that none of the accounts has a post in. What it reads can
   * change as soon as it returns: it is a preview, and `take` is the one way to put a post in a slot.
   * `field` names where the "no free slot" error belongs for the caller.
   */
  async next(accountIds: readonly string[], after = 0, field?: string): Promise<NextSlot> {
    const ids = [...new Set(accountIds)];
    const { from, to } = this.#window(after);
    const saved = new Map(await Promise.all(ids.map(async (id) => [id, await this.repo.get(id)] as const)));
    return this.#pick(ids, saved, await this.repo.takenInstants(ids, from, to), from, field);
  }

  /**
   * Finds the next free slot and writes the post `write` describes for it in one store call (one write
   * transaction): another window, the CLI or a second process waits for it and then sees this post in the slot,
   * so no two posts take the same one.
   */
  take(accountIds: readonly string[], write: (slot: NextSlot) => SlotWrite): Promise<{ slot: NextSlot; post: PostView }> {
    const ids = [...new Set(accountIds)];
    const { from, to } = this.#window(0);
    return this.repo.take(ids, from, to, (saved, taken) => this.#pick(ids, saved, taken, from, 'accountIds'), write);
  }
}
