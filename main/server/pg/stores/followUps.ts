// Follow-up replies ("first comments") on PostgreSQL. Several server processes run them from one database: a due
// follow-up is claimed with a row lock (FOR UPDATE SKIP LOCKED) in the statement that marks it publishing, so each
// claim goes to one process, before any network call; a lapsed claim is taken the same way before it is settled.

import type pg from 'pg';
import type { FollowUpView } from '../../../../shared/contract/evergreen';
import type { DueFollowUp, StoredPart } from '../../../core/followups/followupRepo';
import type { PublishedPart } from '../../../core/platforms/types';
import { parseStored, StringMapSchema } from '../../../core/stores/stored';
import type { FollowUpsStore } from '../../../core/stores/types';
import { at, ms, msOf, type Queryable, tx } from './pgDb';

/**
 * How long a process that took a lapsed claim has to settle it (the runner does so at once). Another process skips
 * it meanwhile, so a claim is settled once; if the process stops first, the claim lapses again after this.
 */
export const SETTLE_MS = 60_000;

interface DueRow {
  target_id: string;
  post_id: string;
  account_id: string;
  text: string;
  idempotency_key: string;
  attempts: number;
  options: string;
}

const DUE_RETURNING = `f.target_id, t.post_id, t.account_id, f.text, f.idempotency_key, f.attempts, p.options::text AS options`;

const toDue = (r: DueRow): DueFollowUp => ({
  targetId: r.target_id,
  postId: r.post_id,
  accountId: r.account_id,
  text: r.text,
  idempotencyKey: r.idempotency_key,
  attempts: r.attempts,
  options: r.options,
});

export class PgFollowUpsStore implements FollowUpsStore {
  constructor(private readonly q: Queryable) {}

  within(c: pg.PoolClient): PgFollowUpsStore {
    return new PgFollowUpsStore(c);
  }

  /**
   * Writes a follow-up for every published target whose post asks for a first comment and whose network takes
   * replies, due its delay after the target went out. Each gets its idempotency key now, before any network call;
   * a process planning the same target at the same moment keeps the first row.
   */
  async planPublished(platforms: readonly string[], newKey: () => string): Promise<number> {
    if (platforms.length === 0) return 0;
    return tx(this.q, async (c) => {
      const { rows } = await c.query<{ id: string; published_at: Date | null; text: string; delay: string | null }>(
        `SELECT t.id, t.published_at, p.options -> 'firstComment' ->> 'text' AS text,
                p.options -> 'firstComment' ->> 'delayMinutes' AS delay
         FROM targets t JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id
         WHERE t.status = 'published' AND p.options -> 'firstComment' ->> 'text' IS NOT NULL
           AND a.platform = ANY ($1::text[])
           AND NOT EXISTS (SELECT 1 FROM target_followups f WHERE f.target_id = t.id)
         ORDER BY t.position`,
        [[...platforms]],
      );
      if (rows.length > 0)
        await c.query(
          `INSERT INTO target_followups (target_id, text, idempotency_key, due_at, status)
           SELECT r.target_id, r.text, r.idempotency_key, r.due_at, 'waiting'
           FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS r (target_id, text, idempotency_key, due_at)
           ON CONFLICT (target_id) DO NOTHING`,
          [
            rows.map((r) => r.id),
            rows.map((r) => r.text),
            rows.map(() => newKey()),
            rows.map((r) => at((ms(r.published_at) ?? 0) + Number(r.delay ?? 0) * 60_000)),
          ],
        );
      return rows.length;
    });
  }

  /** The earliest time a waiting follow-up is due, or a claim lapses. */
  async nextDueAt(): Promise<number | null> {
    const { rows } = await this.q.query<{ at: Date | null }>(
      `SELECT min(CASE WHEN status = 'waiting' THEN due_at ELSE lease_until END) AS at FROM target_followups
       WHERE status IN ('waiting', 'publishing')`,
    );
    return ms(rows[0]?.at);
  }

  /** Claims due follow-ups (waiting → publishing, attempts + 1, a lease) in one statement, before any network call. */
  async claimDue(now: number, leaseMs: number, limit: number): Promise<DueFollowUp[]> {
    // A row another process is claiming is skipped; one it claimed since this statement began no longer matches.
    const { rows } = await this.q.query<DueRow & { due_at: Date }>(
      `WITH due AS (
         SELECT f.target_id FROM target_followups f JOIN targets t ON t.id = f.target_id JOIN accounts a ON a.id = t.account_id
         WHERE f.status = 'waiting' AND f.due_at <= $2 AND a.status = 'connected'
           -- The crisis brake holds first comments too.
           AND NOT EXISTS (SELECT 1 FROM pauses p WHERE p.scope = 'all' OR p.account_id = t.account_id)
         ORDER BY f.due_at LIMIT $3
         FOR UPDATE OF f SKIP LOCKED)
       UPDATE target_followups f SET status = 'publishing', attempts = f.attempts + 1, lease_until = $1
       FROM due, targets t, posts p
       WHERE f.target_id = due.target_id AND t.id = f.target_id AND p.id = t.post_id
       RETURNING ${DUE_RETURNING}, f.due_at`,
      [at(now + leaseMs), at(now), limit],
    );
    return rows.sort(byDue).map(toDue);
  }

  /**
   * Claims whose process stopped before recording an outcome: the reply may or may not be on the network. Each is
   * taken for SETTLE_MS (its lease moved on), so that of two processes looking at once only one settles it.
   */
  async lapsed(now: number): Promise<DueFollowUp[]> {
    const { rows } = await this.q.query<DueRow & { due_at: Date }>(
      `WITH gone AS (
         SELECT target_id FROM target_followups WHERE status = 'publishing' AND lease_until < $1
         FOR UPDATE SKIP LOCKED)
       UPDATE target_followups f SET lease_until = $2
       FROM gone, targets t, posts p
       WHERE f.target_id = gone.target_id AND t.id = f.target_id AND p.id = t.post_id
       RETURNING ${DUE_RETURNING}, f.due_at`,
      [at(now), at(now + SETTLE_MS)],
    );
    return rows.sort(byDue).map(toDue);
  }

  /** The published parts of the target the reply goes under, in order. */
  async partsOf(targetId: string): Promise<StoredPart[]> {
    const { rows } = await this.q.query<{
      part_index: number;
      idempotency_key: string;
      remote_id: string | null;
      remote_url: string | null;
      remote_ref: string | null;
    }>('SELECT part_index, idempotency_key, remote_id, remote_url, remote_ref FROM target_parts WHERE target_id = $1 ORDER BY part_index', [
      targetId,
    ]);
    return rows.map((r) => ({
      index: r.part_index,
      text: null,
      idempotencyKey: r.idempotency_key,
      done:
        r.remote_id === null
          ? null
          : {
              remoteId: r.remote_id,
              remoteUrl: r.remote_url,
              ...(r.remote_ref ? { ref: parseStored(StringMapSchema, r.remote_ref, 'part_reference', targetId) } : {}),
            },
    }));
  }

  /** Records the reply on the network as soon as the adapter reports it, before anything else can fail. */
  async recordPublished(targetId: string, part: PublishedPart, now: number): Promise<void> {
    await this.q.query(
      `UPDATE target_followups SET status = 'published', remote_id = $1, remote_url = $2, published_at = $3, lease_until = NULL,
         last_error = NULL WHERE target_id = $4`,
      [part.remoteId, part.remoteUrl, at(now), targetId],
    );
  }

  /**
   * Back to waiting (retry at `dueAt`), or failed/unconfirmed with the reason; a published follow-up never changes.
   * `refundAttempt` gives the claim's attempt back when nothing was tried (a spending cap, checked before sending).
   */
  async finish(
    targetId: string,
    status: 'waiting' | 'failed' | 'unconfirmed',
    reason: string,
    dueAt: number | null,
    options: { refundAttempt?: boolean } = {},
  ): Promise<void> {
    await this.q.query(
      `UPDATE target_followups SET status = $1, last_error = $2, due_at = coalesce($3, due_at), lease_until = NULL,
         attempts = attempts - $4
       WHERE target_id = $5 AND status = 'publishing'`,
      [status, reason, at(dueAt), options.refundAttempt ? 1 : 0, targetId],
    );
  }

  async ofPost(postId: string): Promise<FollowUpView[]> {
    const { rows } = await this.q.query<{
      target_id: string;
      account_id: string;
      status: FollowUpView['status'];
      due_at: Date;
      attempts: number;
      remote_url: string | null;
      last_error: string | null;
    }>(
      `SELECT f.target_id, t.account_id, f.status, f.due_at, f.attempts, f.remote_url, f.last_error
       FROM target_followups f JOIN targets t ON t.id = f.target_id WHERE t.post_id = $1 ORDER BY t.position`,
      [postId],
    );
    return rows.map((r) => ({
      targetId: r.target_id,
      accountId: r.account_id,
      status: r.status,
      dueAt: msOf(r.due_at),
      attempts: r.attempts,
      remoteUrl: r.remote_url,
      lastError: r.last_error,
    }));
  }
}

/** Earliest due first; the target id breaks ties, so the order is the same on every run. */
function byDue(a: { due_at: Date; target_id: string }, b: { due_at: Date; target_id: string }): number {
  return msOf(a.due_at) - msOf(b.due_at) || (a.target_id < b.target_id ? -1 : a.target_id > b.target_id ? 1 : 0);
}
