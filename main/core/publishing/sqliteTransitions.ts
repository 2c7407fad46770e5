// The publishing transitions in SQLite: the only SQL that writes targets.status. Each guard comes from TRANSITIONS.

import { summarisePostStatus, type TargetStatus } from '../../../shared/domain';
import type { Db } from '../db/database';
import type { Actor, EventLog } from '../repos/events';
import { DECIDABLE, type NewTarget, type PostEvent, type TargetTransitions } from './store';
import { statesOf } from './transitions';
import type { AbandonedClaim, AttemptOutcome, ClaimedRow, Decision, HoldKind } from './types';

/** Only the scheduler holding the database's publishing lease may claim; checked inside the claim's transaction. */
const HOLDS_LEASE = 'SELECT 1 AS ok FROM scheduler_lease WHERE id = 1 AND holder = ? AND expires_at > ?';

/** A target may start unless publishing is paused for everyone or for its account (a user's "publish now" overrides). */
export const NOT_PAUSED = `(t.force_publish = 1 OR NOT EXISTS (SELECT 1 FROM pauses p WHERE p.scope = 'all' OR p.account_id = t.account_id))`;

/** A claimed target's row, as both databases return it. */
export interface ClaimDbRow {
  id: string;
  post_id: string;
  account_id: string;
  text_override: string | null;
  idempotency_key: string;
  attempts: number;
}

export interface Owner {
  post_id: string;
  account_id: string;
  status: TargetStatus;
}

export const toClaimed = (r: ClaimDbRow): ClaimedRow => ({
  targetId: r.id,
  postId: r.post_id,
  accountId: r.account_id,
  textOverride: r.text_override,
  idempotencyKey: r.idempotency_key,
  attempt: r.attempts,
});

export const DECISION_EVENTS: Readonly<Record<Decision['kind'], string>> = {
  'publish-now': 'decided: publish now',
  'mark-published': 'marked as published',
  reschedule: 'rescheduled',
  discard: 'discarded',
};

export class SqliteTransitions implements TargetTransitions {
  readonly #s;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
  ) {
    this.#s = {
      holdsLease: db.prepare<[string, number], { ok: number }>(HOLDS_LEASE),
      owner: db.prepare<[string], Owner>('SELECT post_id, account_id, status FROM targets WHERE id = ?'),
      targetsOf: db.prepare<[string], { id: string; account_id: string }>(
        'SELECT id, account_id FROM targets WHERE post_id = ? ORDER BY rowid',
      ),
      statusesOf: db.prepare<[string], { status: TargetStatus }>('SELECT status FROM targets WHERE post_id = ?'),
      setPostStatus: db.prepare('UPDATE posts SET status = ?, updated_at = ? WHERE id = ?'),
      // intended_at starts equal to due_at: it is when the target was meant to go out, for the grace window.
      insert: db.prepare(
        `INSERT INTO targets (id, post_id, account_id, status, text_override, due_at, idempotency_key, intended_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // A new time is a new decision: earlier holds, waits and "publish now" no longer apply.
      edit: db.prepare(
        `UPDATE targets SET text_override = ?, status = ?, due_at = ?, intended_at = ?, last_error = NULL, hold_kind = NULL,
           wait_kind = NULL, force_publish = 0 WHERE id = ? AND status IN (${statesOf('edit')})`,
      ),
      cancel: db.prepare(`UPDATE targets SET status = 'cancelled', due_at = NULL WHERE post_id = ? AND status IN (${statesOf('cancel')})`),
      claim: db.prepare<{ id: string; now: number; lease: number; holder: string | null }, ClaimDbRow>(
        `UPDATE targets AS t SET status = 'publishing', attempts = attempts + 1, lease_until = @lease, claimed_by = @holder,
           claimed_at = @now, wait_kind = NULL, hold_kind = NULL
         WHERE t.id = @id AND t.status IN (${statesOf('claim')}) AND t.due_at <= @now AND t.handoff_id IS NULL AND ${NOT_PAUSED}
         RETURNING id, post_id, account_id, text_override, idempotency_key, attempts`,
      ),
      takeOver: db.prepare<{ id: string; now: number; lease: number; holder: string; previous: string }, ClaimDbRow>(
        `UPDATE targets SET lease_until = @lease, claimed_by = @holder, claimed_at = @now
         WHERE id = @id AND status IN (${statesOf('takeOver')}) AND coalesce(claimed_by, '') = @previous
         RETURNING id, post_id, account_id, text_override, idempotency_key, attempts`,
      ),
      finish: db.prepare(
        `UPDATE targets SET status = @status, due_at = @due, lease_until = NULL, remote_id = coalesce(@remoteId, remote_id),
           remote_url = coalesce(@remoteUrl, remote_url), last_error = @error, published_at = coalesce(@publishedAt, published_at),
           wait_kind = @wait, force_publish = CASE WHEN @status IN ('scheduled', 'retrying') THEN force_publish ELSE 0 END,
           hold_kind = @hold
         WHERE id = @id AND (
           (status IN (${statesOf('finish')}) AND @status IN (${statesOf('finish', 'to')})
             AND (@holder IS NULL OR coalesce(claimed_by, '') = @holder OR @status = 'published'))
           OR (status IN (${statesOf('confirm')}) AND @status IN (${statesOf('confirm', 'to')})))`,
      ),
      pausedDue: (accountScoped: boolean) =>
        db.prepare<(string | number)[], { id: string; post_id: string; account_id: string; due_at: number }>(
          `SELECT id, post_id, account_id, due_at FROM targets WHERE status IN (${statesOf('holdWhilePaused')}) AND due_at <= ?
             AND force_publish = 0 AND handoff_id IS NULL ${accountScoped ? 'AND account_id = ?' : ''}`,
        ),
      holdPaused: db.prepare(
        `UPDATE targets SET status = 'held', hold_kind = ?, last_error = ?, wait_kind = NULL WHERE id = ? AND status IN (${statesOf('holdWhilePaused')})`,
      ),
      hold: db.prepare(
        `UPDATE targets SET status = 'held', hold_kind = ?, last_error = ?, wait_kind = NULL, force_publish = 0
         WHERE id = ? AND status IN (${statesOf('hold')})`,
      ),
      // hold_kind tells a pre-flight hold from a pause, so resuming does not release it.
      holdPreflight: db.prepare(
        `UPDATE targets SET status = 'held', hold_kind = 'preflight', last_error = ? WHERE id = ? AND status IN (${statesOf('holdForPreflight')})`,
      ),
      releasePreflight: db.prepare(
        `UPDATE targets SET status = 'scheduled', hold_kind = NULL, due_at = ?, last_error = NULL
         WHERE id = ? AND status IN (${statesOf('releasePreflight')}) AND hold_kind = 'preflight'`,
      ),
      late: db.prepare<
        [number, number],
        { id: string; post_id: string; account_id: string; late_since: number; wait_kind: string | null; account_status: string }
      >(
        `SELECT t.id, t.post_id, t.account_id, coalesce(t.intended_at, t.due_at) AS late_since, t.wait_kind, a.status AS account_status
         FROM targets t JOIN accounts a ON a.id = t.account_id
         WHERE t.force_publish = 0 AND t.handoff_id IS NULL AND t.status IN (${statesOf('markMissed')}) AND (
           t.due_at < ? OR (t.status = 'retrying' AND t.wait_kind = 'network' AND coalesce(t.intended_at, t.due_at) < ?))`,
      ),
      miss: db.prepare(
        `UPDATE targets SET status = 'missed', last_error = ?, wait_kind = NULL WHERE id = ? AND status IN (${statesOf('markMissed')})`,
      ),
      reanchor: db.prepare(
        `UPDATE targets SET status = 'scheduled', due_at = ?, intended_at = ?, wait_kind = NULL, last_error = NULL
         WHERE post_id = ? AND status IN (${statesOf('reanchor')})`,
      ),
      publishNow: db.prepare(
        `UPDATE targets SET status = 'scheduled', due_at = ?, intended_at = ?, force_publish = 1, hold_kind = NULL,
           wait_kind = NULL, last_error = NULL WHERE id = ? AND status IN (${statesOf('publishNow')})`,
      ),
      markPublished: db.prepare(
        `UPDATE targets SET status = 'published', remote_url = coalesce(?, remote_url), published_at = ?, due_at = NULL,
           hold_kind = NULL, wait_kind = NULL, last_error = NULL, force_publish = 0 WHERE id = ? AND status IN (${statesOf('markPublished')})`,
      ),
      reschedule: db.prepare(
        `UPDATE targets SET status = 'scheduled', due_at = ?, intended_at = ?, force_publish = 0, hold_kind = NULL,
           wait_kind = NULL, last_error = NULL WHERE id = ? AND status IN (${statesOf('reschedule')})`,
      ),
      discard: db.prepare(
        `UPDATE targets SET status = 'cancelled', due_at = NULL, force_publish = 0, hold_kind = NULL, wait_kind = NULL
         WHERE id = ? AND status IN (${statesOf('discard')})`,
      ),
      handoffPublished: db.prepare(
        `UPDATE targets SET status = 'published', remote_id = ?, remote_url = ?, published_at = ?, last_error = NULL,
           handoff_id = NULL, handoff_at = NULL, due_at = NULL, lease_until = NULL, wait_kind = NULL
         WHERE id = ? AND status IN (${statesOf('handoffPublished')})`,
      ),
      // The server's status is the first part of the target, so a later look at its parts finds it published.
      firstPart: db.prepare(
        `INSERT INTO target_parts (target_id, part_index, idempotency_key, remote_id, remote_url, published_at)
         SELECT id, 0, idempotency_key, ?, ?, ? FROM targets WHERE id = ?
         ON CONFLICT (target_id, part_index) DO UPDATE SET remote_id = excluded.remote_id, remote_url = excluded.remote_url,
           published_at = excluded.published_at`,
      ),
      handoffVanished: db.prepare(
        `UPDATE targets SET status = ?, last_error = ?, due_at = NULL, wait_kind = NULL
         WHERE id = ? AND status IN (${statesOf('handoffVanished')}) AND ? IN (${statesOf('handoffVanished', 'to')})`,
      ),
    };
  }

  #write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** The post's summary status; its marks (its targets' accounts and states) follow by trigger (migrations 0007, 0012). */
  #refresh(postId: string, now: number): void {
    const statuses = this.#s.statusesOf.all(postId).map((r) => r.status);
    this.#s.setPostStatus.run(summarisePostStatus(statuses), now, postId);
  }

  #log(now: number, actor: Actor, kind: string, owner: { post_id: string; account_id: string }, targetId: string, detail: string | null) {
    this.events.append({ at: now, actor, kind, postId: owner.post_id, targetId, accountId: owner.account_id, detail });
  }

  #insert(postId: string, t: NewTarget, dueAt: number | null): void {
    this.#s.insert.run(t.id, postId, t.accountId, dueAt === null ? 'draft' : 'scheduled', t.textOverride, dueAt, t.idempotencyKey, dueAt);
  }

  create(postId: string, targets: readonly NewTarget[], dueAt: number | null, now: number, event: PostEvent): void {
    this.#write(() => {
      for (const t of targets) this.#insert(postId, t, dueAt);
      this.#refresh(postId, now);
      this.events.append({ at: now, postId, ...event });
    });
  }

  edit(postId: string, targets: readonly NewTarget[], dueAt: number | null, now: number, event: PostEvent): void {
    this.#write(() => {
      const existing = this.#s.targetsOf.all(postId);
      const status: TargetStatus = dueAt === null ? 'draft' : 'scheduled';
      for (const t of targets) {
        const old = existing.find((e) => e.account_id === t.accountId);
        if (old) this.#s.edit.run(t.textOverride, status, dueAt, dueAt, old.id);
        else this.#insert(postId, t, dueAt);
      }
      this.#refresh(postId, now);
      this.events.append({ at: now, postId, ...event });
    });
  }

  cancel(postId: string, now: number, actor: Actor): void {
    this.#write(() => {
      this.#s.cancel.run(postId);
      this.#refresh(postId, now);
      this.events.append({ at: now, actor, kind: 'cancelled', postId });
    });
  }

  claim(targetId: string, now: number, leaseMs: number, holder: string | null): ClaimedRow | null {
    return this.#write(() => {
      if (holder !== null && !this.#s.holdsLease.get(holder, now)) return null;
      const row = this.#s.claim.get({ id: targetId, now, lease: now + leaseMs, holder });
      if (!row) return null;
      this.#refresh(row.post_id, now);
      this.#log(now, 'scheduler', 'publishing', row, row.id, `attempt ${row.attempts}`);
      return toClaimed(row);
    });
  }

  takeOver(a: AbandonedClaim, now: number, leaseMs: number, holder: string): ClaimedRow | null {
    return this.#write(() => {
      if (!this.#s.holdsLease.get(holder, now)) return null;
      const row = this.#s.takeOver.get({ id: a.targetId, now, lease: now + leaseMs, holder, previous: a.claimedBy ?? '' });
      if (!row) return null;
      this.#log(
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

  finish(targetId: string, outcome: AttemptOutcome, now: number, holder: string | null, actor: Actor): boolean {
    return this.#write(() => {
      const published = outcome.status === 'published';
      const res = this.#s.finish.run({
        id: targetId,
        status: outcome.status,
        due: outcome.status === 'retrying' ? outcome.nextAt : 'dueAt' in outcome ? (outcome.dueAt ?? null) : null,
        remoteId: published ? outcome.remoteId : null,
        remoteUrl: published ? outcome.remoteUrl : null,
        error: published ? null : outcome.reason,
        publishedAt: published ? now : null,
        wait: !published && 'waitKind' in outcome ? (outcome.waitKind ?? null) : null,
        hold: outcome.status === 'held' ? outcome.holdKind : null,
        holder,
      });
      if (res.changes === 0) return false;
      const owner = this.#s.owner.get(targetId);
      if (owner) {
        this.#refresh(owner.post_id, now);
        const detail = published
          ? (outcome.remoteUrl ?? outcome.remoteId)
          : outcome.status === 'retrying'
            ? `${outcome.reason} (next attempt ${new Date(outcome.nextAt).toISOString()})`
            : outcome.reason;
        this.#log(now, actor, outcome.status, owner, targetId, detail);
      }
      return true;
    });
  }

  holdWhilePaused(now: number, pause: { accountId: string | null; reason: string; until: number | null }): string[] {
    return this.#write(() => {
      const cutoff = pause.until === null ? now : Math.min(now, pause.until);
      const rows = this.#s.pausedDue(pause.accountId !== null).all(...(pause.accountId === null ? [cutoff] : [cutoff, pause.accountId]));
      const kind: HoldKind = pause.accountId === null ? 'pause' : 'account_pause';
      const scope = pause.accountId === null ? 'Publishing is paused' : 'Publishing is paused for this account';
      for (const r of rows) {
        const reason = `${scope} (${pause.reason}). It came due at ${new Date(r.due_at).toISOString()}; publish it now, pick a new time, or discard it.`;
        this.#s.holdPaused.run(kind, reason, r.id);
        this.#refresh(r.post_id, now);
        this.#log(now, 'scheduler', 'held', r, r.id, reason);
      }
      return [...new Set(rows.map((r) => r.post_id))];
    });
  }

  hold(targetId: string, kind: HoldKind, reason: string, now: number, actor: Actor): boolean {
    return this.#write(() => {
      const owner = this.#s.owner.get(targetId);
      if (!owner || this.#s.hold.run(kind, reason, targetId).changes === 0) return false;
      this.#refresh(owner.post_id, now);
      this.#log(now, actor, 'held', owner, targetId, reason);
      return true;
    });
  }

  holdForPreflight(postId: string, targetIds: readonly string[], reason: string, now: number, event: PostEvent): string[] {
    return this.#write(() => {
      const held = targetIds.filter((id) => this.#s.holdPreflight.run(reason, id).changes > 0);
      if (held.length) this.#refresh(postId, now);
      this.events.append({ at: now, postId, ...event });
      return held;
    });
  }

  releasePreflight(postId: string, targets: readonly { targetId: string; dueAt: number }[], now: number, event: PostEvent): void {
    this.#write(() => {
      for (const t of targets) this.#s.releasePreflight.run(t.dueAt, t.targetId);
      this.#refresh(postId, now);
      this.events.append({ at: now, postId, ...event });
    });
  }

  markMissed(now: number, graceMs: number): string[] {
    return this.#write(() => {
      const cutoff = now - graceMs;
      const rows = this.#s.late.all(cutoff, cutoff);
      const minutes = Math.round(graceMs / 60_000);
      for (const r of rows) {
        const why =
          r.account_status !== 'connected'
            ? 'its account needed attention'
            : r.wait_kind === 'network'
              ? 'the network could not be reached'
              : 'Kairos was closed, asleep or offline';
        const reason = `It was due at ${new Date(r.late_since).toISOString()} and could not go out within the ${minutes}-minute grace window (${why}). Publish it now, pick a new time, or discard it.`;
        this.#s.miss.run(reason, r.id);
        this.#refresh(r.post_id, now);
        this.#log(now, 'scheduler', 'missed', r, r.id, reason);
      }
      return [...new Set(rows.map((r) => r.post_id))];
    });
  }

  reanchor(postId: string, at: number, now: number, detail: string): void {
    this.#write(() => {
      this.#s.reanchor.run(at, at, postId);
      this.#refresh(postId, now);
      this.events.append({ at: now, actor: 'scheduler', kind: 're-anchored', postId, detail });
    });
  }

  decide(targetIds: readonly string[], d: Decision, now: number, actor: Actor): string[] {
    return this.#write(() => {
      const applied: string[] = [];
      for (const id of targetIds) {
        const owner = this.#s.owner.get(id);
        if (!owner || !DECIDABLE[d.kind].includes(owner.status)) continue;
        let detail: string | null = null;
        if (d.kind === 'publish-now') {
          this.#s.publishNow.run(now, now, id);
        } else if (d.kind === 'mark-published') {
          this.#s.markPublished.run(d.url, now, id);
          detail = d.url;
        } else if (d.kind === 'reschedule') {
          this.#s.reschedule.run(d.at, d.at, id);
          detail = new Date(d.at).toISOString();
        } else {
          this.#s.discard.run(id);
        }
        this.#refresh(owner.post_id, now);
        this.#log(now, actor, DECISION_EVENTS[d.kind], owner, id, detail);
        applied.push(id);
      }
      return applied;
    });
  }

  handoffPublished(
    targetId: string,
    published: { remoteId: string; remoteUrl: string | null },
    now: number,
    event: { kind: string; detail: string },
  ): boolean {
    return this.#write(() => {
      const owner = this.#s.owner.get(targetId);
      if (!owner || this.#s.handoffPublished.run(published.remoteId, published.remoteUrl, now, targetId).changes === 0) return false;
      this.#s.firstPart.run(published.remoteId, published.remoteUrl, now, targetId);
      this.#refresh(owner.post_id, now);
      this.#log(now, 'system', event.kind, owner, targetId, event.detail);
      return true;
    });
  }

  handoffVanished(
    targetId: string,
    status: 'cancelled' | 'unconfirmed',
    reason: string,
    now: number,
    event: { kind: string; detail: string },
  ): boolean {
    return this.#write(() => {
      const owner = this.#s.owner.get(targetId);
      if (!owner || this.#s.handoffVanished.run(status, reason, targetId, status).changes === 0) return false;
      this.#refresh(owner.post_id, now);
      this.#log(now, 'system', event.kind, owner, targetId, event.detail);
      return true;
    });
  }

  refreshPosts(postIds: readonly string[], now: number): void {
    this.#write(() => {
      for (const id of postIds) this.#refresh(id, now);
    });
  }
}
