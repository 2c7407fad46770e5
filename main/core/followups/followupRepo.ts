// Follow-up replies ("first comments") of published targets: all of their SQL, each state change in one statement.

import type { FollowUpView } from '../../../shared/contract/evergreen';
import type { Db } from '../db/database';
import type { PublishedPart } from '../platforms/types';

export interface DueFollowUp {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  readonly text: string;
  readonly idempotencyKey: string;
  readonly attempts: number;
  readonly options: string;
}

export interface StoredPart {
  readonly index: number;
  readonly text: string | null;
  readonly idempotencyKey: string;
  readonly done: PublishedPart | null;
}

interface FollowUpRow {
  target_id: string;
  account_id: string;
  status: FollowUpView['status'];
  due_at: number;
  attempts: number;
  remote_url: string | null;
  last_error: string | null;
}

export class FollowUpsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Writes a follow-up for every published target whose post asks for a first comment and whose network takes
   * replies, due its delay after the target went out. Each gets its idempotency key now, before any network call.
   */
  planPublished(platforms: readonly string[], newKey: () => string): number {
    if (platforms.length === 0) return 0;
    const rows = this.db
      .prepare<string[], { id: string; published_at: number | null; text: string; delay: number }>(
        `SELECT t.id, t.published_at, json_extract(p.options, '$.firstComment.text') AS text,
                json_extract(p.options, '$.firstComment.delayMinutes') AS delay
         FROM targets t JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id
         WHERE t.status = 'published' AND json_extract(p.options, '$.firstComment.text') IS NOT NULL
           AND a.platform IN (${platforms.map(() => '?').join(', ')})
           AND NOT EXISTS (SELECT 1 FROM target_followups f WHERE f.target_id = t.id)`,
      )
      .all(...platforms);
    const insert = this.db.prepare(
      "INSERT OR IGNORE INTO target_followups (target_id, text, idempotency_key, due_at, status) VALUES (?, ?, ?, ?, 'waiting')",
    );
    this.db.transaction(() => {
      for (const r of rows) insert.run(r.id, r.text, newKey(), (r.published_at ?? 0) + Number(r.delay ?? 0) * 60_000);
    })();
    return rows.length;
  }

  /** The earliest time a waiting follow-up is due, or a claim lapses. */
  nextDueAt(): number | null {
    const r = this.db
      .prepare<[], { at: number | null }>(
        "SELECT min(CASE WHEN status = 'waiting' THEN due_at ELSE lease_until END) AS at FROM target_followups WHERE status IN ('waiting', 'publishing')",
      )
      .get();
    return r?.at ?? null;
  }

  /** Claims due follow-ups (waiting → publishing, attempts + 1, a lease) in one transaction, before any network call. */
  claimDue(now: number, leaseMs: number, limit: number): DueFollowUp[] {
    return this.db.transaction(() =>
      this.db
        .prepare<[number, number, number], DueFollowUp>(
          `UPDATE target_followups SET status = 'publishing', attempts = attempts + 1, lease_until = ?
           WHERE target_id IN (
             SELECT f.target_id FROM target_followups f JOIN targets t ON t.id = f.target_id JOIN accounts a ON a.id = t.account_id
             WHERE f.status = 'waiting' AND f.due_at <= ? AND a.status = 'connected'
               -- The crisis brake holds first comments too.
               AND NOT EXISTS (SELECT 1 FROM pauses p WHERE p.scope = 'all' OR p.account_id = t.account_id)
             ORDER BY f.due_at LIMIT ?)
           RETURNING target_id AS targetId, text, idempotency_key AS idempotencyKey, attempts,
             (SELECT post_id FROM targets t WHERE t.id = target_followups.target_id) AS postId,
             (SELECT account_id FROM targets t WHERE t.id = target_followups.target_id) AS accountId,
             (SELECT p.options FROM targets t JOIN posts p ON p.id = t.post_id WHERE t.id = target_followups.target_id) AS options`,
        )
        .all(now + leaseMs, now, limit),
    )();
  }

  /** Claims whose process stopped before recording an outcome: the reply may or may not be on the network. */
  lapsed(now: number): DueFollowUp[] {
    return this.db
      .prepare<[number], DueFollowUp>(
        `SELECT f.target_id AS targetId, f.text, f.idempotency_key AS idempotencyKey, f.attempts, t.post_id AS postId,
                t.account_id AS accountId, p.options FROM target_followups f JOIN targets t ON t.id = f.target_id
         JOIN posts p ON p.id = t.post_id WHERE f.status = 'publishing' AND f.lease_until < ?`,
      )
      .all(now);
  }

  /** The published parts of the target the reply goes under, in order. */
  partsOf(targetId: string): StoredPart[] {
    return this.db
      .prepare<
        [string],
        { part_index: number; idempotency_key: string; remote_id: string | null; remote_url: string | null; remote_ref: string | null }
      >('SELECT part_index, idempotency_key, remote_id, remote_url, remote_ref FROM target_parts WHERE target_id = ? ORDER BY part_index')
      .all(targetId)
      .map((r) => ({
        index: r.part_index,
        text: null,
        idempotencyKey: r.idempotency_key,
        done:
          r.remote_id === null
            ? null
            : {
                remoteId: r.remote_id,
                remoteUrl: r.remote_url,
                ...(r.remote_ref ? { ref: JSON.parse(r.remote_ref) as Record<string, string> } : {}),
              },
      }));
  }

  /** Records the reply on the network as soon as the adapter reports it, before anything else can fail. */
  recordPublished(targetId: string, part: PublishedPart, now: number): void {
    this.db
      .prepare(
        "UPDATE target_followups SET status = 'published', remote_id = ?, remote_url = ?, published_at = ?, lease_until = NULL, last_error = NULL WHERE target_id = ?",
      )
      .run(part.remoteId, part.remoteUrl, now, targetId);
  }

  /**
   * Back to waiting (retry at `dueAt`), or failed/unconfirmed with the reason; a published follow-up never changes.
   * `refundAttempt` gives the claim's attempt back when nothing was tried (a spending cap, checked before sending).
   */
  finish(
    targetId: string,
    status: 'waiting' | 'failed' | 'unconfirmed',
    reason: string,
    dueAt: number | null,
    options: { refundAttempt?: boolean } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE target_followups SET status = ?, last_error = ?, due_at = coalesce(?, due_at), lease_until = NULL,
           attempts = attempts - ?
         WHERE target_id = ? AND status = 'publishing'`,
      )
      .run(status, reason, dueAt, options.refundAttempt ? 1 : 0, targetId);
  }

  ofPost(postId: string): FollowUpView[] {
    return this.db
      .prepare<[string], FollowUpRow>(
        `SELECT f.target_id, t.account_id, f.status, f.due_at, f.attempts, f.remote_url, f.last_error
         FROM target_followups f JOIN targets t ON t.id = f.target_id WHERE t.post_id = ? ORDER BY t.rowid`,
      )
      .all(postId)
      .map((r) => ({
        targetId: r.target_id,
        accountId: r.account_id,
        status: r.status,
        dueAt: r.due_at,
        attempts: r.attempts,
        remoteUrl: r.remote_url,
        lastError: r.last_error,
      }));
  }
}
