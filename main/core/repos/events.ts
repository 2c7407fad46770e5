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

export class EventLog {
  readonly #insert;
  readonly #byPost;

  constructor(db: Db) {
    this.#insert = db.prepare('INSERT INTO events (at, actor, kind, post_id, target_id, account_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.#byPost = db.prepare<[string], EventRow>(
      'SELECT at, actor, kind, target_id, account_id, detail FROM events WHERE post_id = ? ORDER BY at, id',
    );
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
