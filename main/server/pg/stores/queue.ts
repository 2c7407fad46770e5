// The scheduler's side of the publishing queue on PostgreSQL: what may start now, claims with their parts, abandoned
// claims, outcomes, counts. Every status change goes through PgTransitionsStore; a claim and its parts are one
// transaction.

import type pg from 'pg';
import { newIdempotencyKey } from '../../../core/ids';
import type { AbandonedClaim, AttemptOutcome, ClaimedRow, ClaimedTarget, PublishedPart, PublishPart } from '../../../core/publishing/types';
import type { Actor } from '../../../core/repos/events';
import type { StoredMedia } from '../../../core/repos/media';
import type { DueCandidate, QueueCounts } from '../../../core/repos/queue';
import { parseStored, StringMapSchema } from '../../../core/stores/stored';
import type { QueueStore } from '../../../core/stores/types';
import { at, ms, msOf, type Queryable, tx } from './pgDb';
import { type PostMediaOver, postMediaSql } from './postMedia';
import { checkOptions, checkStringList } from './postValues';
import { mayPublish, notPaused, PgTransitionsStore } from './transitions';

interface PostBits {
  text: string;
  parts: unknown;
  options: unknown;
  scheduled_at: Date | null;
}

interface PartRow {
  part_index: number;
  idempotency_key: string;
  remote_id: string | null;
  remote_url: string | null;
  remote_ref: string | null;
}

export class PgQueueStore implements QueueStore {
  readonly #transitions: PgTransitionsStore;

  constructor(
    private readonly q: Queryable,
    private readonly media: PostMediaOver = postMediaSql,
  ) {
    this.#transitions = new PgTransitionsStore(q);
  }

  /** The same queue inside the caller's transaction. */
  within(c: pg.PoolClient): PgQueueStore {
    return new PgQueueStore(c, this.media);
  }

  /**
   * The head of each account's line that may start now: due, connected, not paused, allowed by the approval
   * workflow (see mayPublish), nothing of that account in flight, no rate limit pending, and a saved login this
   * kind of process (`reader`) can open. Within an account the line is in the order posts were meant to go out.
   */
  async dueCandidates(now: number, limit: number, reader: string | null = null): Promise<DueCandidate[]> {
    const r = await this.q.query<{ id: string; account_id: string; platform: string; due_at: Date }>(
      `SELECT id, account_id, platform, due_at FROM (
         SELECT t.id, t.account_id, a.platform, t.due_at, t.position AS rid,
                row_number() OVER (PARTITION BY t.account_id ORDER BY coalesce(t.intended_at, t.due_at), t.position) AS rn
         FROM targets t JOIN accounts a ON a.id = t.account_id
         WHERE t.status IN ('scheduled', 'retrying') AND t.due_at <= $1 AND t.handoff_id IS NULL
           AND a.status = 'connected' AND ${notPaused('t')} AND ${mayPublish('t')}
           AND NOT EXISTS (SELECT 1 FROM credential_problems cp WHERE cp.account_id = t.account_id AND cp.reader = $3::text)
           AND NOT EXISTS (SELECT 1 FROM targets b WHERE b.status = 'publishing' AND b.account_id = t.account_id)
           AND NOT EXISTS (SELECT 1 FROM targets r WHERE r.status = 'retrying' AND r.wait_kind = 'rate_limit'
                             AND r.account_id = t.account_id AND r.due_at > $1)
       ) line WHERE rn = 1 ORDER BY due_at, rid LIMIT $2`,
      [at(now), limit, reader],
    );
    return r.rows.map((x) => ({ targetId: x.id, accountId: x.account_id, platform: x.platform, dueAt: msOf(x.due_at) }));
  }

  /**
   * Due targets of accounts whose saved login this kind of process (`reader`) cannot open: they are left for a
   * process that can, and say why they wait. Returns the posts whose note changed.
   */
  async explainUnreadable(now: number, reader: string): Promise<string[]> {
    const r = await this.q.query<{ post_id: string }>(
      `UPDATE targets AS t SET last_error = cp.message, wait_kind = 'account'
       FROM credential_problems cp
       WHERE cp.account_id = t.account_id AND cp.reader = $2 AND t.status IN ('scheduled', 'retrying')
         AND t.due_at <= $1 AND t.handoff_id IS NULL AND ${mayPublish('t')}
         AND (t.last_error IS DISTINCT FROM cp.message OR t.wait_kind IS DISTINCT FROM 'account')
       RETURNING t.post_id`,
      [at(now), reader],
    );
    return [...new Set(r.rows.map((x) => x.post_id))];
  }

  /** The next time something becomes due, strictly after now (targets already due but blocked do not count). */
  async nextDueAfter(now: number): Promise<number | null> {
    const r = await this.q.query<{ due: Date | null }>(
      "SELECT min(due_at) AS due FROM targets WHERE status IN ('scheduled', 'retrying') AND due_at > $1 AND handoff_id IS NULL",
      [at(now)],
    );
    return ms(r.rows[0]?.due);
  }

  /**
   * Claims one target (scheduled/retrying → publishing) before any network call: bumps the attempt, sets a lease,
   * records who claimed it. With a holder, only while that holder is a live server process.
   */
  async claim(targetId: string, now: number, leaseMs: number, holder: string | null): Promise<ClaimedTarget | null> {
    return (await this.claimMany([targetId], now, leaseMs, holder))[0] ?? null;
  }

  /** Claims several targets in one transaction; returns those it got. */
  claimMany(targetIds: readonly string[], now: number, leaseMs: number, holder: string | null): Promise<ClaimedTarget[]> {
    return tx(this.q, async (c) => {
      const rows = await this.#transitions.within(c).claimMany(targetIds, now, leaseMs, holder);
      const out: ClaimedTarget[] = [];
      for (const row of rows) out.push(await this.#claimedTarget(c, row));
      return out;
    });
  }

  /**
   * Publishing rows nobody live is working on: claimed by a process whose row in scheduler_processes expired (or
   * by none), or whose claim lease lapsed, this holder's own included.
   */
  async abandoned(now: number, _holder: string): Promise<AbandonedClaim[]> {
    const r = await this.q.query<{ id: string; post_id: string; account_id: string; claimed_by: string | null; claimed_at: Date | null }>(
      `SELECT t.id, t.post_id, t.account_id, t.claimed_by, t.claimed_at FROM targets t
       WHERE t.status = 'publishing' AND (t.lease_until IS NULL OR t.lease_until < $1
         OR NOT EXISTS (SELECT 1 FROM scheduler_processes sp WHERE sp.holder = t.claimed_by AND sp.expires_at > $1))
       ORDER BY t.position`,
      [at(now)],
    );
    return r.rows.map((x) => ({
      targetId: x.id,
      postId: x.post_id,
      accountId: x.account_id,
      claimedBy: x.claimed_by,
      claimedAt: ms(x.claimed_at),
    }));
  }

  /** Moves an abandoned claim to this holder so exactly one process settles it. Null when another got there first. */
  takeOver(a: AbandonedClaim, now: number, leaseMs: number, holder: string): Promise<ClaimedTarget | null> {
    return tx(this.q, async (c) => {
      const row = await this.#transitions.within(c).takeOver(a, now, leaseMs, holder);
      return row ? this.#claimedTarget(c, row) : null;
    });
  }

  async #claimedTarget(c: pg.PoolClient, row: ClaimedRow): Promise<ClaimedTarget> {
    const post = (await c.query<PostBits>('SELECT text, parts, options, scheduled_at FROM posts WHERE id = $1', [row.postId]))
      .rows[0] as PostBits;
    const texts = [row.textOverride ?? post.text, ...checkStringList(post.parts, 'post_thread', row.postId)];
    return {
      targetId: row.targetId,
      postId: row.postId,
      accountId: row.accountId,
      text: texts[0] as string,
      idempotencyKey: row.idempotencyKey,
      attempt: row.attempt,
      scheduledAt: ms(post.scheduled_at),
      options: checkOptions(post.options, row.postId),
      parts: await this.#partsForAttempt(c, row.targetId, row.idempotencyKey, texts, await this.media(c).ofPost(row.postId)),
    };
  }

  /**
   * Each part's idempotency key is stored before its first attempt (the first part uses the target's key),
   * and what is already published is returned so a thread resumes where it stopped.
   */
  async #partsForAttempt(
    c: pg.PoolClient,
    targetId: string,
    firstKey: string,
    texts: readonly string[],
    media: readonly StoredMedia[],
  ): Promise<PublishPart[]> {
    await c.query(
      `INSERT INTO target_parts (target_id, part_index, idempotency_key)
       SELECT $1, i - 1, k FROM unnest($2::text[]) WITH ORDINALITY AS keys (k, i)
       ON CONFLICT (target_id, part_index) DO NOTHING`,
      [targetId, texts.map((_t, i) => (i === 0 ? firstKey : newIdempotencyKey()))],
    );
    const rows = (
      await c.query<PartRow>(
        'SELECT part_index, idempotency_key, remote_id, remote_url, remote_ref FROM target_parts WHERE target_id = $1 ORDER BY part_index',
        [targetId],
      )
    ).rows;
    return texts.map((text, index) => {
      const r = rows.find((x) => x.part_index === index);
      return {
        index,
        text,
        idempotencyKey: r?.idempotency_key ?? firstKey,
        media: media.filter((m) => m.partIndex === index),
        done:
          r?.remote_id != null
            ? {
                remoteId: r.remote_id,
                remoteUrl: r.remote_url,
                ...(r.remote_ref ? { ref: parseStored(StringMapSchema, r.remote_ref, 'part_reference', targetId) } : {}),
              }
            : null,
      };
    });
  }

  /** Records one published part of a thread at once, so a failure later resumes after it. */
  async recordPart(targetId: string, index: number, part: PublishedPart, now: number): Promise<void> {
    await this.q.query(
      'UPDATE target_parts SET remote_id = $1, remote_url = $2, remote_ref = $3, published_at = $4 WHERE target_id = $5 AND part_index = $6',
      [part.remoteId, part.remoteUrl, part.ref ? JSON.stringify(part.ref) : null, at(now), targetId, index],
    );
  }

  /**
   * Records how an attempt ended. Only a target still in `publishing` (and, with a holder, claimed by it) changes,
   * except that a confirmed publication always wins.
   */
  finish(
    targetId: string,
    outcome: AttemptOutcome,
    now: number,
    holder: string | null = null,
    actor: Actor = 'scheduler',
  ): Promise<boolean> {
    return this.#transitions.finish(targetId, outcome, now, holder, actor);
  }

  /** Network is back: everything waiting for it is due now. */
  async networkReturned(now: number): Promise<string[]> {
    const r = await this.q.query<{ post_id: string }>(
      "UPDATE targets SET due_at = $1 WHERE status = 'retrying' AND wait_kind = 'network' RETURNING post_id",
      [at(now)],
    );
    return r.rows.map((x) => x.post_id);
  }

  async counts(): Promise<QueueCounts> {
    const r = await this.q.query<QueueCounts>(
      `SELECT count(*) FILTER (WHERE status = 'retrying' AND wait_kind = 'network')::int AS "waitingForNetwork",
         count(*) FILTER (WHERE status = 'publishing')::int AS publishing,
         count(*) FILTER (WHERE status = 'held')::int AS held,
         count(*) FILTER (WHERE status = 'held' AND hold_kind IN ('pause', 'account_pause'))::int AS "heldByPause",
         count(*) FILTER (WHERE status = 'missed')::int AS missed,
         count(*) FILTER (WHERE status = 'unconfirmed')::int AS unconfirmed,
         count(*) FILTER (WHERE status = 'failed')::int AS failed
       FROM targets WHERE status IN ('retrying', 'publishing', 'held', 'missed', 'unconfirmed', 'failed')`,
    );
    const c = r.rows[0] as QueueCounts;
    return {
      waitingForNetwork: c.waitingForNetwork,
      publishing: c.publishing,
      held: c.held,
      heldByPause: c.heldByPause,
      missed: c.missed,
      unconfirmed: c.unconfirmed,
      failed: c.failed,
    };
  }

  /** Targets handed to a network's own scheduler that have not fired yet (for pulling them back on pause). */
  async handedOff(accountId: string | null): Promise<{ targetId: string; postId: string; accountId: string; handoffId: string }[]> {
    const r = await this.q.query<{ id: string; post_id: string; account_id: string; handoff_id: string }>(
      `SELECT id, post_id, account_id, handoff_id FROM targets WHERE handoff_id IS NOT NULL AND status = 'scheduled'
         AND ($1::text IS NULL OR account_id = $1::text) ORDER BY position`,
      [accountId],
    );
    return r.rows.map((x) => ({ targetId: x.id, postId: x.post_id, accountId: x.account_id, handoffId: x.handoff_id }));
  }
}
