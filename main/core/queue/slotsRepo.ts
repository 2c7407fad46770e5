// Posting slots per account, and the instants at which those accounts already have a post.

import type { Weekday } from '../../../shared/time/recurrence';
import type { SlotSchedule, WeeklySlot } from '../../../shared/time/slots';
import type { Db } from '../db/database';

/** Target statuses that do not occupy a slot: nothing will go out for them at that time. */
const FREEING_STATUSES = ['draft', 'cancelled'] as const;

export class PostingSlotsRepo {
  readonly #schedule;
  readonly #slots;
  readonly #upsertSchedule;
  readonly #clearSlots;
  readonly #insertSlot;

  constructor(private readonly db: Db) {
    this.#schedule = db.prepare<[string], { time_zone: string }>('SELECT time_zone FROM posting_schedules WHERE account_id = ?');
    this.#slots = db.prepare<[string], { weekday: Weekday; time: string }>(
      'SELECT weekday, time FROM posting_slots WHERE account_id = ? ORDER BY weekday, time',
    );
    this.#upsertSchedule = db.prepare(
      `INSERT INTO posting_schedules (account_id, time_zone, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
    );
    this.#clearSlots = db.prepare('DELETE FROM posting_slots WHERE account_id = ?');
    this.#insertSlot = db.prepare('INSERT INTO posting_slots (account_id, weekday, time) VALUES (?, ?, ?)');
  }

  /** The account's saved schedule, or null when it still uses the built-in slots. */
  get(accountId: string): SlotSchedule | null {
    const row = this.#schedule.get(accountId);
    if (!row) return null;
    const slots: WeeklySlot[] = this.#slots.all(accountId).map((r) => ({ day: r.weekday, time: r.time }));
    return { timeZone: row.time_zone, slots };
  }

  /** Replaces every slot of the account at once; an empty list is kept (the account has no queue slots). */
  set(accountId: string, schedule: SlotSchedule, now: number): void {
    this.db
      .transaction(() => {
        this.#upsertSchedule.run(accountId, schedule.timeZone, now);
        this.#clearSlots.run(accountId);
        for (const s of schedule.slots) this.#insertSlot.run(accountId, s.day, s.time);
      })
      .immediate();
  }

  /** When any of the accounts has a post that will (or did) go out in [from, to). */
  takenInstants(accountIds: readonly string[], from: number, to: number): number[] {
    if (accountIds.length === 0) return [];
    const marks = accountIds.map(() => '?').join(', ');
    const freeing = FREEING_STATUSES.map((s) => `'${s}'`).join(', ');
    return this.db
      .prepare<(string | number)[], { at: number }>(
        `SELECT DISTINCT p.scheduled_at AS at FROM posts p JOIN targets t ON t.post_id = p.id
         WHERE p.scheduled_at >= ? AND p.scheduled_at < ? AND t.account_id IN (${marks}) AND t.status NOT IN (${freeing})`,
      )
      .all(from, to, ...accountIds)
      .map((r) => r.at);
  }
}
