// The event log in PostgreSQL (the SQLite EventLog's queries). Lines are written by appendEvent only, so each names
// the workspace member it was done for; ids come from the identity column, in the order lines were written.

import type pg from 'pg';
import type { HistoryEntry } from '../../../../shared/domain';
import {
  type Actor,
  type NewEvent,
  SCHEDULER_OUTCOME_KINDS,
  type SchedulerOutcomeEvent,
  type SchedulerOutcomeKind,
} from '../../../core/repos/events';
import type { EventsStore } from '../../../core/stores/types';
import { appendEvent, msOf, type Queryable } from './pgDb';

interface OutcomeRow {
  id: string;
  at: Date;
  kind: SchedulerOutcomeKind;
  post_id: string;
  target_id: string;
  account_id: string;
  name: string | null;
  detail: string | null;
}

export class PgEventsStore implements EventsStore {
  constructor(private readonly q: Queryable) {}

  /** The same store, with every call inside the caller's transaction. */
  within(c: pg.PoolClient): PgEventsStore {
    return new PgEventsStore(c);
  }

  /** The newest event's id: a reader of later outcomes starts after it. */
  async latestId(): Promise<number> {
    const r = await this.q.query<{ id: string | null }>('SELECT max(id) AS id FROM events');
    const id = r.rows[0]?.id;
    return id === null || id === undefined ? 0 : Number(id);
  }

  /** The scheduler's decisions about targets after an event id, oldest first. */
  async schedulerOutcomesAfter(id: number, limit = 500): Promise<SchedulerOutcomeEvent[]> {
    const r = await this.q.query<OutcomeRow>(
      `SELECT e.id, e.at, e.kind, e.post_id, e.target_id, e.account_id, a.name, e.detail FROM events e
       LEFT JOIN accounts a ON a.id = e.account_id
       WHERE e.id > $1 AND e.actor = 'scheduler' AND e.target_id IS NOT NULL AND e.post_id IS NOT NULL
         AND e.kind = ANY($2::text[])
       ORDER BY e.id LIMIT $3`,
      [id, SCHEDULER_OUTCOME_KINDS, limit],
    );
    return r.rows.map((row) => ({
      id: Number(row.id),
      at: msOf(row.at),
      kind: row.kind,
      postId: row.post_id,
      targetId: row.target_id,
      accountId: row.account_id,
      accountName: row.name,
      detail: row.detail,
    }));
  }

  async append(e: NewEvent): Promise<void> {
    await appendEvent(this.q, e);
  }

  async historyOfPost(postId: string): Promise<HistoryEntry[]> {
    return historyOfPost(this.q, postId);
  }
}

/** A post's history, oldest first; each line done for a workspace member names them. */
export async function historyOfPost(q: Queryable, postId: string): Promise<HistoryEntry[]> {
  const r = await q.query<{
    at: Date;
    actor: Actor;
    kind: string;
    target_id: string | null;
    account_id: string | null;
    detail: string | null;
    by: string | null;
  }>(
    `SELECT e.at, e.actor, e.kind, e.target_id, e.account_id, e.detail, u.display_name AS by
     FROM events e LEFT JOIN users u ON u.id = e.user_id WHERE e.post_id = $1 ORDER BY e.at, e.id`,
    [postId],
  );
  return r.rows.map((row) => ({
    at: msOf(row.at),
    actor: row.actor,
    kind: row.kind,
    targetId: row.target_id,
    accountId: row.account_id,
    detail: row.detail,
    ...(row.by === null ? {} : { by: row.by }),
  }));
}
