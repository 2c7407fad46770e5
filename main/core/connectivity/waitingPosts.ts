// Counts the posts whose time has come but which have not gone out yet: what "N posts waiting" means offline.

import type { Db } from '../db/database';

/**
 * Target statuses that are finished, stopped or need a person; every other status is still on its way out
 * (scheduled, retrying, publishing, and any waiting state the engine adds).
 */
export const NOT_WAITING = ['draft', 'published', 'failed', 'unconfirmed', 'missed', 'held', 'cancelled'] as const;

export class WaitingPostsRepo {
  readonly #count;

  constructor(db: Db) {
    const excluded = NOT_WAITING.map((s) => `'${s}'`).join(', ');
    this.#count = db.prepare<[number], { n: number }>(
      `SELECT count(DISTINCT t.post_id) AS n FROM targets t JOIN posts p ON p.id = t.post_id
       WHERE p.scheduled_at <= ? AND t.status NOT IN (${excluded})`,
    );
  }

  /** Posts due by `now` with at least one account still to publish to. */
  count(now: number): number {
    return this.#count.get(now)?.n ?? 0;
  }
}
