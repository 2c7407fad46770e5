// The event log: every state change of a post, target or account, with who did it and why.

import type { HistoryEntry } from '../../../shared/domain';
import type { Db } from '../db/database';

export type Actor = HistoryEntry['actor'];

export interface NewEvent {
  readonly at: number;
  readonly actor: Actor;
  readonly kind: string;
  readonly postId?: string | null;
  readonly targetId?: string | null;
  readonly accountId?: string | null;
  readonly detail?: string | null;
}

interface EventRow {
  at: number;
  actor: Actor;
  kind: string;
  target_id: string | null;
  account_id: string | null;
  detail: string | null;
}

/** What the scheduler decided about one target: the outcome of an attempt, a hold, a missed time. */
export interface SchedulerOutcomeEvent {
  readonly id: number;
  readonly at: number;
  readonly kind: SchedulerOutcomeKind;
  readonly postId: string;
  readonly targetId: string;
  readonly accountId: string;
  /** The account's name now, or null when it was removed. */
  readonly accountName: string | null;
  /** The link for `published`, the reason otherwise. */
  readonly detail: string | null;
}

export const SCHEDULER_OUTCOME_KINDS = ['published', 'retrying', 'failed', 'unconfirmed', 'scheduled', 'held', 'missed'] as const;
export type SchedulerOutcomeKind = (typeof SCHEDULER_OUTCOME_KINDS)[number];

export class EventLog {
  readonly #insert;
  readonly #byPost;
  readonly #latestId;
  readonly #outcomesAfter;

  constructor(db: Db) {
    this.#insert = db.prepare('INSERT INTO events (at, actor, kind, post_id, target_id, account_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#byPost = db.prepare<[string], EventRow>(
      'SELECT at, actor, kind, target_id, account_id, detail FROM events WHERE post_id = ? ORDER BY at, id',
    );
    this.#latestId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events');
    this.#outcomesAfter = db.prepare<
      [number, number],
      {
        id: number;
        at: number;
        kind: SchedulerOutcomeKind;
        post_id: string;
        target_id: string;
        account_id: string;
        name: string | null;
        detail: string | null;
      }
    >(
      `SELECT e.id, e.at, e.kind, e.post_id, e.target_id, e.account_id, a.name, e.detail FROM events e
       LEFT JOIN accounts a ON a.id = e.account_id
       WHERE e.id > ? AND e.actor = 'scheduler' AND e.target_id IS NOT NULL AND e.post_id IS NOT NULL
         AND e.kind IN (${SCHEDULER_OUTCOME_KINDS.map((k) => `'${k}'`).join(', ')})
       ORDER BY e.id LIMIT ?`,
    );
  }

  /** The newest event's id: a reader of later outcomes starts after it. */
  latestId(): number {
    return this.#latestId.get()?.id ?? 0;
  }

  /** The scheduler's decisions about targets after an event id, oldest first. */
  schedulerOutcomesAfter(id: number, limit = 500): SchedulerOutcomeEvent[] {
    return this.#outcomesAfter.all(id, limit).map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind,
      postId: r.post_id,
      targetId: r.target_id,
      accountId: r.account_id,
      accountName: r.name,
      detail: r.detail,
    }));
  }

  append(e: NewEvent): void {
    this.#insert.run(e.at, e.actor, e.kind, e.postId ?? null, e.targetId ?? null, e.accountId ?? null, e.detail ?? null);
  }

  historyOfPost(postId: string): HistoryEntry[] {
    return this.#byPost.all(postId).map((r) => ({
      at: r.at,
      actor: r.actor,
      kind: r.kind,
      targetId: r.target_id,
      accountId: r.account_id,
      detail: r.detail,
    }));
  }
}
