// The publishing transitions on PostgreSQL: the only SQL of the server that writes targets.status. Each guard comes
// from TRANSITIONS, each call is one transaction writing the status, the history line and the post's summary.
//
// Several server processes publish from one database, so two rules the single SQLite writer did not need:
// - A claim locks its row (FOR UPDATE SKIP LOCKED) and re-checks status, due time, pauses and approval in the same
//   statement: a target is claimed once however many processes try. A named holder must be live in
//   scheduler_processes (migration 0005): that replaces SQLite's one publishing lease.
// - Locks are taken targets first, then their posts (a post's summary is recomputed after its row is locked, so
//   it sees every committed change of its targets), and several posts in id order, so two transactions never wait
//   on each other in a circle.

import type pg from 'pg';
import { summarisePostStatus, type TargetStatus } from '../../../../shared/domain';
import { type ClaimDbRow, DECISION_EVENTS, type Owner, toClaimed } from '../../../core/publishing/sqliteTransitions';
import { DECIDABLE, type NewTarget, type PostEvent } from '../../../core/publishing/store';
import { statesOf } from '../../../core/publishing/transitions';
import type { AbandonedClaim, AttemptOutcome, ClaimedRow, Decision, HoldKind } from '../../../core/publishing/types';
import type { Actor } from '../../../core/repos/events';
import type { TransitionsStore } from '../../../core/stores/types';
import { appendEvent, at, msOf, type Queryable, tx } from './pgDb';

/** A target may start unless publishing is paused for everyone or for its account (a user's "publish now" overrides). */
export const notPaused = (t: string) =>
  `(${t}.force_publish OR NOT EXISTS (SELECT 1 FROM pauses p WHERE p.scope = 'all' OR p.account_id = ${t}.account_id))`;

/**
 * The approval workflow (migration 0004): a target whose post is blocked (in review, changes requested, not
 * submitted, not enough approvals) is never claimed, not even by "publish now". It stays scheduled; once approved it
 * is claimed like any due target, and if the approval comes after its time plus the grace window, markMissed
 * (which does not look at approvals) makes it missed like any late target.
 */
export const mayPublish = (t: string) => `kairos_publish_block(${t}.post_id) IS NULL`;

/** `holder` ($n) is a live server process (or null: a claim outside the scheduler, as SQLite allows). */
const holderLive = (n: number, now: number) =>
  `($${n}::text IS NULL OR EXISTS (SELECT 1 FROM scheduler_processes sp WHERE sp.holder = $${n}::text AND sp.expires_at > $${now}))`;

/** Claimable now: $2 = now, $3 = holder. */
const claimable = (t: string) =>
  `${t}.status IN (${statesOf('claim')}) AND ${t}.due_at <= $2 AND ${t}.handoff_id IS NULL AND ${notPaused(t)} AND ${mayPublish(t)}
   AND ${holderLive(3, 2)}`;

/**
 * An abandoned claim this holder may take over: still claimed by `previous` ($4), whose process is no longer live
 * or whose claim lease ran out; $2 = now, $3 = the new holder (live).
 */
const takeable = (t: string) =>
  `${t}.status IN (${statesOf('takeOver')}) AND coalesce(${t}.claimed_by, '') = $4
   AND (${t}.lease_until IS NULL OR ${t}.lease_until < $2
     OR NOT EXISTS (SELECT 1 FROM scheduler_processes sp WHERE sp.holder = ${t}.claimed_by AND sp.expires_at > $2))
   AND EXISTS (SELECT 1 FROM scheduler_processes me WHERE me.holder = $3 AND me.expires_at > $2)`;

const CLAIM_RETURNING = 'RETURNING t.id, t.post_id, t.account_id, t.text_override, t.idempotency_key, t.attempts';

/** The posts whose summaries a transaction must recompute before it commits (in id order: see the top). */
class Touched {
  readonly #ids = new Set<string>();
  add(postId: string): void {
    this.#ids.add(postId);
  }
  async refresh(c: pg.PoolClient, now: number): Promise<void> {
    for (const id of [...this.#ids].sort()) await refreshPost(c, id, now);
  }
}

/**
 * The post's summary status from its targets, read after its row is locked. `lockedHere`: this transaction has
 * already locked the row (it wrote the post), so it is not asked for again.
 */
async function refreshPost(c: pg.PoolClient, postId: string, now: number, lockedHere = false): Promise<void> {
  if (!lockedHere) {
    const locked = await c.query('SELECT 1 FROM posts WHERE id = $1 FOR UPDATE', [postId]);
    if (locked.rowCount === 0) return;
  }
  const r = await c.query<{ status: TargetStatus }>('SELECT status FROM targets WHERE post_id = $1', [postId]);
  await c.query('UPDATE posts SET status = $1, updated_at = $2 WHERE id = $3', [
    summarisePostStatus(r.rows.map((x) => x.status)),
    at(now),
    postId,
  ]);
}

export class PgTransitionsStore implements TransitionsStore {
  constructor(private readonly q: Queryable) {}

  /** The same transitions inside the caller's transaction (a pre-flight hold, a series re-anchoring). */
  within(c: pg.PoolClient): PgTransitionsStore {
    return new PgTransitionsStore(c);
  }

  #log(
    c: pg.PoolClient,
    now: number,
    actor: Actor,
    kind: string,
    owner: { post_id: string; account_id: string },
    targetId: string,
    detail: string | null,
  ) {
    return appendEvent(c, { at: now, actor, kind, postId: owner.post_id, targetId, accountId: owner.account_id, detail });
  }

  async #owner(c: Queryable, targetId: string): Promise<Owner | undefined> {
    return (await c.query<Owner>('SELECT post_id, account_id, status FROM targets WHERE id = $1', [targetId])).rows[0];
  }

  async #insert(c: pg.PoolClient, postId: string, t: NewTarget, dueAt: number | null): Promise<void> {
    // intended_at starts equal to due_at: it is when the target was meant to go out, for the grace window.
    await c.query(
      `INSERT INTO targets (id, post_id, account_id, status, text_override, due_at, idempotency_key, intended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $6)`,
      [t.id, postId, t.accountId, dueAt === null ? 'draft' : 'scheduled', t.textOverride, at(dueAt), t.idempotencyKey],
    );
  }

  create(postId: string, targets: readonly NewTarget[], dueAt: number | null, now: number, event: PostEvent): Promise<void> {
    return tx(this.q, async (c) => {
      for (const t of targets) await this.#insert(c, postId, t, dueAt);
      await refreshPost(c, postId, now);
      await appendEvent(c, { at: now, postId, ...event });
    });
  }

  edit(postId: string, targets: readonly NewTarget[], dueAt: number | null, now: number, event: PostEvent): Promise<void> {
    return tx(this.q, async (c) => {
      const existing = (
        await c.query<{ id: string; account_id: string }>(
          'SELECT id, account_id FROM targets WHERE post_id = $1 ORDER BY position FOR UPDATE',
          [postId],
        )
      ).rows;
      await this.editLocked(c, postId, existing, targets, dueAt, now, event, false);
    });
  }

  /**
   * edit() inside a transaction that has already locked the post's targets (`existing`, still there) and, when
   * `postLocked`, the post's row: the posts store's update, which wrote the post itself first.
   */
  async editLocked(
    c: pg.PoolClient,
    postId: string,
    existing: readonly { id: string; account_id: string }[],
    targets: readonly NewTarget[],
    dueAt: number | null,
    now: number,
    event: PostEvent,
    postLocked: boolean,
  ): Promise<void> {
    const status: TargetStatus = dueAt === null ? 'draft' : 'scheduled';
    for (const t of targets) {
      const old = existing.find((e) => e.account_id === t.accountId);
      if (!old) {
        await this.#insert(c, postId, t, dueAt);
        continue;
      }
      // A new time is a new decision: earlier holds, waits and "publish now" no longer apply.
      await c.query(
        `UPDATE targets SET text_override = $1, status = $2, due_at = $3, intended_at = $3, last_error = NULL, hold_kind = NULL,
           wait_kind = NULL, force_publish = false WHERE id = $4 AND status IN (${statesOf('edit')})`,
        [t.textOverride, status, at(dueAt), old.id],
      );
    }
    await refreshPost(c, postId, now, postLocked);
    await appendEvent(c, { at: now, postId, ...event });
  }

  cancel(postId: string, now: number, actor: Actor): Promise<void> {
    return tx(this.q, async (c) => {
      await c.query(`UPDATE targets SET status = 'cancelled', due_at = NULL WHERE post_id = $1 AND status IN (${statesOf('cancel')})`, [
        postId,
      ]);
      await refreshPost(c, postId, now);
      await appendEvent(c, { at: now, actor, kind: 'cancelled', postId });
    });
  }

  async claim(targetId: string, now: number, leaseMs: number, holder: string | null): Promise<ClaimedRow | null> {
    return (await this.claimMany([targetId], now, leaseMs, holder))[0] ?? null;
  }

  /**
   * Claims several targets in one transaction; returns those it got, in the order asked. A target another process
   * is claiming (its row locked) is skipped, not waited for: that process gets it or leaves it due.
   */
  claimMany(targetIds: readonly string[], now: number, leaseMs: number, holder: string | null): Promise<ClaimedRow[]> {
    return tx(this.q, async (c) => {
      const claimed: ClaimDbRow[] = [];
      const touched = new Touched();
      for (const id of targetIds) {
        const r = await c.query<ClaimDbRow>(
          `UPDATE targets AS t SET status = 'publishing', attempts = t.attempts + 1, lease_until = $4, claimed_by = $3,
             claimed_at = $2, wait_kind = NULL, hold_kind = NULL
           WHERE t.id = (SELECT x.id FROM targets x WHERE x.id = $1 AND ${claimable('x')} FOR UPDATE SKIP LOCKED)
             AND ${claimable('t')}
           ${CLAIM_RETURNING}`,
          [id, at(now), holder, at(now + leaseMs)],
        );
        const row = r.rows[0];
        if (!row) continue;
        claimed.push(row);
        touched.add(row.post_id);
        await this.#log(c, now, 'scheduler', 'publishing', row, row.id, `attempt ${row.attempts}`);
      }
      await touched.refresh(c, now);
      return claimed.map(toClaimed);
    });
  }

  takeOver(a: AbandonedClaim, now: number, leaseMs: number, holder: string): Promise<ClaimedRow | null> {
    return tx(this.q, async (c) => {
      // Two processes recovering the same claim: the one that locks the row moves it; the other finds it locked or
      // already claimed by someone else, and gets null.
      const r = await c.query<ClaimDbRow>(
        `UPDATE targets AS t SET lease_until = $5, claimed_by = $3, claimed_at = $2
         WHERE t.id = (SELECT x.id FROM targets x WHERE x.id = $1 AND ${takeable('x')} FOR UPDATE SKIP LOCKED)
           AND ${takeable('t')}
         ${CLAIM_RETURNING}`,
        [a.targetId, at(now), holder, a.claimedBy ?? '', at(now + leaseMs)],
      );
      const row = r.rows[0];
      if (!row) return null;
      await this.#log(
        c,
        now,
        'scheduler',
        'recovering',
        row,
        row.id,
        'Kairos stopped while publishing this; checking what happened before doing anything else.',
      );
      return toClaimed(row);
    });
  }

  finish(targetId: string, outcome: AttemptOutcome, now: number, holder: string | null, actor: Actor): Promise<boolean> {
    return tx(this.q, async (c) => {
      const published = outcome.status === 'published';
      const due = outcome.status === 'retrying' ? outcome.nextAt : 'dueAt' in outcome ? (outcome.dueAt ?? null) : null;
      const r = await c.query<{ post_id: string; account_id: string }>(
        `UPDATE targets SET status = $2::text, due_at = $3, lease_until = NULL, remote_id = coalesce($4, remote_id),
           remote_url = coalesce($5, remote_url), last_error = $6, published_at = coalesce($7, published_at),
           wait_kind = $8, force_publish = CASE WHEN $2::text IN ('scheduled', 'retrying') THEN force_publish ELSE false END,
           hold_kind = $9
         WHERE id = $1 AND (
           (status IN (${statesOf('finish')}) AND $2::text IN (${statesOf('finish', 'to')})
             AND ($10::text IS NULL OR coalesce(claimed_by, '') = $10::text OR $2::text = 'published'))
           OR (status IN (${statesOf('confirm')}) AND $2::text IN (${statesOf('confirm', 'to')})))
         RETURNING post_id, account_id`,
        [
          targetId,
          outcome.status,
          at(due),
          published ? outcome.remoteId : null,
          published ? outcome.remoteUrl : null,
          published ? null : outcome.reason,
          published ? at(now) : null,
          !published && 'waitKind' in outcome ? (outcome.waitKind ?? null) : null,
          outcome.status === 'held' ? outcome.holdKind : null,
          holder,
        ],
      );
      const owner = r.rows[0];
      if (!owner) return false;
      await refreshPost(c, owner.post_id, now);
      const detail = published
        ? (outcome.remoteUrl ?? outcome.remoteId)
        : outcome.status === 'retrying'
          ? `${outcome.reason} (next attempt ${new Date(outcome.nextAt).toISOString()})`
          : outcome.reason;
      await this.#log(c, now, actor, outcome.status, owner, targetId, detail);
      return true;
    });
  }

  holdWhilePaused(now: number, pause: { accountId: string | null; reason: string; until: number | null }): Promise<string[]> {
    return tx(this.q, async (c) => {
      const cutoff = pause.until === null ? now : Math.min(now, pause.until);
      // A row another process is claiming is left to it: its claim re-checks the pause itself.
      const rows = (
        await c.query<{ id: string; post_id: string; account_id: string; due_at: Date }>(
          `SELECT id, post_id, account_id, due_at FROM targets WHERE status IN (${statesOf('holdWhilePaused')}) AND due_at <= $1
             AND NOT force_publish AND handoff_id IS NULL AND ($2::text IS NULL OR account_id = $2::text)
           ORDER BY position FOR UPDATE SKIP LOCKED`,
          [at(cutoff), pause.accountId],
        )
      ).rows;
      const kind: HoldKind = pause.accountId === null ? 'pause' : 'account_pause';
      const scope = pause.accountId === null ? 'Publishing is paused' : 'Publishing is paused for this account';
      const touched = new Touched();
      for (const r of rows) {
        const reason = `${scope} (${pause.reason}). It came due at ${new Date(msOf(r.due_at)).toISOString()}; publish it now, pick a new time, or discard it.`;
        await c.query(
          `UPDATE targets SET status = 'held', hold_kind = $1, last_error = $2, wait_kind = NULL WHERE id = $3 AND status IN (${statesOf('holdWhilePaused')})`,
          [kind, reason, r.id],
        );
        touched.add(r.post_id);
        await this.#log(c, now, 'scheduler', 'held', r, r.id, reason);
      }
      await touched.refresh(c, now);
      return [...new Set(rows.map((r) => r.post_id))];
    });
  }

  hold(targetId: string, kind: HoldKind, reason: string, now: number, actor: Actor): Promise<boolean> {
    return tx(this.q, async (c) => {
      const r = await c.query<{ post_id: string; account_id: string }>(
        `UPDATE targets SET status = 'held', hold_kind = $1, last_error = $2, wait_kind = NULL, force_publish = false
         WHERE id = $3 AND status IN (${statesOf('hold')}) RETURNING post_id, account_id`,
        [kind, reason, targetId],
      );
      const owner = r.rows[0];
      if (!owner) return false;
      await refreshPost(c, owner.post_id, now);
      await this.#log(c, now, actor, 'held', owner, targetId, reason);
      return true;
    });
  }

  holdForPreflight(postId: string, targetIds: readonly string[], reason: string, now: number, event: PostEvent): Promise<string[]> {
    return tx(this.q, async (c) => {
      const held: string[] = [];
      for (const id of targetIds) {
        // hold_kind tells a pre-flight hold from a pause, so resuming does not release it.
        const r = await c.query(
          `UPDATE targets SET status = 'held', hold_kind = 'preflight', last_error = $1 WHERE id = $2 AND status IN (${statesOf('holdForPreflight')})`,
          [reason, id],
        );
        if ((r.rowCount ?? 0) > 0) held.push(id);
      }
      if (held.length) await refreshPost(c, postId, now);
      await appendEvent(c, { at: now, postId, ...event });
      return held;
    });
  }

  releasePreflight(postId: string, targets: readonly { targetId: string; dueAt: number }[], now: number, event: PostEvent): Promise<void> {
    return tx(this.q, async (c) => {
      for (const t of targets) {
        await c.query(
          `UPDATE targets SET status = 'scheduled', hold_kind = NULL, due_at = $1, last_error = NULL
           WHERE id = $2 AND status IN (${statesOf('releasePreflight')}) AND hold_kind = 'preflight'`,
          [at(t.dueAt), t.targetId],
        );
      }
      await refreshPost(c, postId, now);
      await appendEvent(c, { at: now, postId, ...event });
    });
  }

  markMissed(now: number, graceMs: number): Promise<string[]> {
    return tx(this.q, async (c) => {
      const cutoff = at(now - graceMs);
      // Approvals are not looked at here: a post approved too late is as missed as one Kairos could not send.
      const rows = (
        await c.query<{
          id: string;
          post_id: string;
          account_id: string;
          late_since: Date;
          wait_kind: string | null;
          account_status: string;
        }>(
          `SELECT t.id, t.post_id, t.account_id, coalesce(t.intended_at, t.due_at) AS late_since, t.wait_kind, a.status AS account_status
           FROM targets t JOIN accounts a ON a.id = t.account_id
           WHERE NOT t.force_publish AND t.handoff_id IS NULL AND t.status IN (${statesOf('markMissed')}) AND (
             t.due_at < $1 OR (t.status = 'retrying' AND t.wait_kind = 'network' AND coalesce(t.intended_at, t.due_at) < $1))
           ORDER BY t.position FOR UPDATE OF t SKIP LOCKED`,
          [cutoff],
        )
      ).rows;
      const minutes = Math.round(graceMs / 60_000);
      const touched = new Touched();
      for (const r of rows) {
        const why =
          r.account_status !== 'connected'
            ? 'its account needed attention'
            : r.wait_kind === 'network'
              ? 'the network could not be reached'
              : 'Kairos was closed, asleep or offline';
        const reason = `It was due at ${new Date(msOf(r.late_since)).toISOString()} and could not go out within the ${minutes}-minute grace window (${why}). Publish it now, pick a new time, or discard it.`;
        await c.query(
          `UPDATE targets SET status = 'missed', last_error = $1, wait_kind = NULL WHERE id = $2 AND status IN (${statesOf('markMissed')})`,
          [reason, r.id],
        );
        touched.add(r.post_id);
        await this.#log(c, now, 'scheduler', 'missed', r, r.id, reason);
      }
      await touched.refresh(c, now);
      return [...new Set(rows.map((r) => r.post_id))];
    });
  }

  reanchor(postId: string, occurrence: number, now: number, detail: string): Promise<void> {
    return tx(this.q, async (c) => {
      await c.query(
        `UPDATE targets SET status = 'scheduled', due_at = $1, intended_at = $1, wait_kind = NULL, last_error = NULL
         WHERE post_id = $2 AND status IN (${statesOf('reanchor')})`,
        [at(occurrence), postId],
      );
      await refreshPost(c, postId, now);
      await appendEvent(c, { at: now, actor: 'scheduler', kind: 're-anchored', postId, detail });
    });
  }

  decide(targetIds: readonly string[], d: Decision, now: number, actor: Actor): Promise<string[]> {
    return tx(this.q, async (c) => {
      // Every row first, in id order, so two decisions over the same targets do not wait on each other in a circle.
      await c.query('SELECT 1 FROM targets WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [targetIds]);
      const applied: string[] = [];
      const touched = new Touched();
      for (const id of targetIds) {
        const owner = await this.#owner(c, id);
        if (!owner || !DECIDABLE[d.kind].includes(owner.status)) continue;
        let detail: string | null = null;
        if (d.kind === 'publish-now') {
          await c.query(
            `UPDATE targets SET status = 'scheduled', due_at = $1, intended_at = $1, force_publish = true, hold_kind = NULL,
               wait_kind = NULL, last_error = NULL WHERE id = $2 AND status IN (${statesOf('publishNow')})`,
            [at(now), id],
          );
        } else if (d.kind === 'mark-published') {
          await c.query(
            `UPDATE targets SET status = 'published', remote_url = coalesce($1, remote_url), published_at = $2, due_at = NULL,
               hold_kind = NULL, wait_kind = NULL, last_error = NULL, force_publish = false WHERE id = $3 AND status IN (${statesOf('markPublished')})`,
            [d.url, at(now), id],
          );
          detail = d.url;
        } else if (d.kind === 'reschedule') {
          await c.query(
            `UPDATE targets SET status = 'scheduled', due_at = $1, intended_at = $1, force_publish = false, hold_kind = NULL,
               wait_kind = NULL, last_error = NULL WHERE id = $2 AND status IN (${statesOf('reschedule')})`,
            [at(d.at), id],
          );
          detail = new Date(d.at).toISOString();
        } else {
          await c.query(
            `UPDATE targets SET status = 'cancelled', due_at = NULL, force_publish = false, hold_kind = NULL, wait_kind = NULL
             WHERE id = $1 AND status IN (${statesOf('discard')})`,
            [id],
          );
        }
        touched.add(owner.post_id);
        await this.#log(c, now, actor, DECISION_EVENTS[d.kind], owner, id, detail);
        applied.push(id);
      }
      await touched.refresh(c, now);
      return applied;
    });
  }

  handoffPublished(
    targetId: string,
    published: { remoteId: string; remoteUrl: string | null },
    now: number,
    event: { kind: string; detail: string },
  ): Promise<boolean> {
    return tx(this.q, async (c) => {
      const r = await c.query<{ post_id: string; account_id: string }>(
        `UPDATE targets SET status = 'published', remote_id = $1, remote_url = $2, published_at = $3, last_error = NULL,
           handoff_id = NULL, handoff_at = NULL, due_at = NULL, lease_until = NULL, wait_kind = NULL
         WHERE id = $4 AND status IN (${statesOf('handoffPublished')}) RETURNING post_id, account_id`,
        [published.remoteId, published.remoteUrl, at(now), targetId],
      );
      const owner = r.rows[0];
      if (!owner) return false;
      // The server's status is the first part of the target, so a later look at its parts finds it published.
      await c.query(
        `INSERT INTO target_parts (target_id, part_index, idempotency_key, remote_id, remote_url, published_at)
         SELECT id, 0, idempotency_key, $1, $2, $3 FROM targets WHERE id = $4
         ON CONFLICT (target_id, part_index) DO UPDATE SET remote_id = excluded.remote_id, remote_url = excluded.remote_url,
           published_at = excluded.published_at`,
        [published.remoteId, published.remoteUrl, at(now), targetId],
      );
      await refreshPost(c, owner.post_id, now);
      await this.#log(c, now, 'system', event.kind, owner, targetId, event.detail);
      return true;
    });
  }

  handoffVanished(
    targetId: string,
    status: 'cancelled' | 'unconfirmed',
    reason: string,
    now: number,
    event: { kind: string; detail: string },
  ): Promise<boolean> {
    return tx(this.q, async (c) => {
      const r = await c.query<{ post_id: string; account_id: string }>(
        `UPDATE targets SET status = $1::text, last_error = $2, due_at = NULL, wait_kind = NULL
         WHERE id = $3 AND status IN (${statesOf('handoffVanished')}) AND $1::text IN (${statesOf('handoffVanished', 'to')})
         RETURNING post_id, account_id`,
        [status, reason, targetId],
      );
      const owner = r.rows[0];
      if (!owner) return false;
      await refreshPost(c, owner.post_id, now);
      await this.#log(c, now, 'system', event.kind, owner, targetId, event.detail);
      return true;
    });
  }

  refreshPosts(postIds: readonly string[], now: number): Promise<void> {
    return tx(this.q, async (c) => {
      const touched = new Touched();
      for (const id of postIds) touched.add(id);
      await touched.refresh(c, now);
    });
  }
}
