// Posting slots per account on PostgreSQL, and "Add to queue": reading the free slots and writing the post into one
// is one transaction, taken in turn per account so that two server processes never give one slot twice.

import type pg from 'pg';
import type { PostView } from '../../../../shared/domain';
import type { Weekday } from '../../../../shared/time/recurrence';
import type { SlotSchedule } from '../../../../shared/time/slots';
import type { Actor } from '../../../core/repos/events';
import type { NewPost, PostChange } from '../../../core/repos/posts';
import type { SlotsStore, SlotWrite } from '../../../core/stores/types';
import { at, msOf, type Queryable, tx } from './pgDb';

/** Target statuses that do not occupy a slot: nothing will go out for them at that time. */
const FREEING_STATUSES = ['draft', 'cancelled'];

/**
 * The advisory lock space of "Add to queue" ("slot" in ASCII); the second key is a hash of the account id. Two
 * accounts whose ids hash alike only wait for each other, which is safe.
 */
const SLOT_LOCK_SPACE = 0x736c6f74;

/** The posts store's writes, joining the caller's transaction (the posts store is built elsewhere). */
export type PostsWithin = (c: pg.PoolClient) => {
  create(p: NewPost, actor: Actor): Promise<PostView>;
  update(id: string, change: PostChange, actor: Actor): Promise<PostView>;
};

export class PgSlotsStore implements SlotsStore {
  constructor(
    private readonly q: Queryable,
    private readonly postsWithin: PostsWithin,
  ) {}

  within(c: pg.PoolClient): PgSlotsStore {
    return new PgSlotsStore(c, this.postsWithin);
  }

  async get(accountId: string): Promise<SlotSchedule | null> {
    return scheduleOf(this.q, accountId);
  }

  async set(accountId: string, schedule: SlotSchedule, now: number): Promise<void> {
    await tx(this.q, async (c) => {
      await c.query(
        `INSERT INTO posting_schedules (account_id, time_zone, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at`,
        [accountId, schedule.timeZone, at(now)],
      );
      await c.query('DELETE FROM posting_slots WHERE account_id = $1', [accountId]);
      if (schedule.slots.length > 0)
        await c.query(
          `INSERT INTO posting_slots (account_id, weekday, time)
           SELECT $1, s.weekday, s.time FROM unnest($2::text[], $3::text[]) AS s (weekday, time)`,
          [accountId, schedule.slots.map((s) => s.day), schedule.slots.map((s) => s.time)],
        );
    });
  }

  async takenInstants(accountIds: readonly string[], from: number, to: number): Promise<number[]> {
    return takenIn(this.q, accountIds, from, to);
  }

  async take<S>(
    accountIds: readonly string[],
    from: number,
    to: number,
    choose: (saved: ReadonlyMap<string, SlotSchedule | null>, taken: readonly number[]) => S,
    write: (slot: S) => SlotWrite,
  ): Promise<{ slot: S; post: PostView }> {
    return tx(this.q, async (c) => {
      // Held to the end of the transaction: a second take for these accounts reads the slots after this post is in.
      // Taken in key order, so two takes over overlapping accounts cannot wait for each other.
      await c.query(
        `SELECT pg_advisory_xact_lock($1, k) FROM (SELECT DISTINCT hashtext(id) AS k FROM unnest($2::text[]) AS id ORDER BY k) keys`,
        [SLOT_LOCK_SPACE, [...accountIds]],
      );
      const saved = new Map<string, SlotSchedule | null>();
      for (const id of accountIds) saved.set(id, await scheduleOf(c, id));
      const slot = choose(saved, await takenIn(c, accountIds, from, to));
      const w = write(slot);
      const posts = this.postsWithin(c);
      const post = 'create' in w ? await posts.create(w.create, w.actor) : await posts.update(w.update.id, w.update.change, w.actor);
      return { slot, post };
    });
  }
}

async function scheduleOf(q: Queryable, accountId: string): Promise<SlotSchedule | null> {
  const head = await q.query<{ time_zone: string }>('SELECT time_zone FROM posting_schedules WHERE account_id = $1', [accountId]);
  const row = head.rows[0];
  if (!row) return null;
  // Byte order, as SQLite sorts text.
  const { rows } = await q.query<{ weekday: Weekday; time: string }>(
    'SELECT weekday, time FROM posting_slots WHERE account_id = $1 ORDER BY weekday COLLATE "C", time COLLATE "C"',
    [accountId],
  );
  return { timeZone: row.time_zone, slots: rows.map((r) => ({ day: r.weekday, time: r.time })) };
}

async function takenIn(q: Queryable, accountIds: readonly string[], from: number, to: number): Promise<number[]> {
  if (accountIds.length === 0) return [];
  const { rows } = await q.query<{ at: Date }>(
    `SELECT DISTINCT p.scheduled_at AS at FROM posts p JOIN targets t ON t.post_id = p.id
     WHERE p.scheduled_at >= $1 AND p.scheduled_at < $2 AND t.account_id = ANY ($3::text[]) AND t.status <> ALL ($4::text[])
     ORDER BY 1`,
    [at(from), at(to), [...accountIds], FREEING_STATUSES],
  );
  return rows.map((r) => msOf(r.at));
}
