// The publishing queue's states that wait for people: holds, missed posts, network waits and the user's decisions.

import type { TargetStatus } from '../../../shared/domain';
import type { Db } from '../db/database';
import type { Actor, EventLog } from './events';

/** Why a target is held. Pauses put targets on hold; a pre-flight check or the user may too. */
export type HoldKind = 'pause' | 'account_pause' | 'preflight' | 'user' | 'budget';

export type Decision =
  | { readonly kind: 'publish-now' }
  | { readonly kind: 'mark-published'; readonly url: string | null }
  | { readonly kind: 'reschedule'; readonly at: number }
  | { readonly kind: 'discard' };

/** Which decisions apply to a target in each state. */
export const DECIDABLE: Readonly<Record<Decision['kind'], readonly TargetStatus[]>> = {
  'publish-now': ['held', 'missed', 'unconfirmed', 'failed', 'scheduled', 'retrying'],
  'mark-published': ['held', 'missed', 'unconfirmed', 'failed'],
  reschedule: ['held', 'missed', 'unconfirmed', 'failed', 'scheduled', 'retrying'],
  discard: ['held', 'missed', 'unconfirmed', 'failed', 'scheduled', 'retrying', 'draft'],
};

export class AttentionQueue {
  readonly #owner;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly refreshStatus: (postId: string, now: number) => void,
  ) {
    this.#owner = db.prepare<[string], { post_id: string; account_id: string; status: TargetStatus }>(
      'SELECT post_id, account_id, status FROM targets WHERE id = ?',
    );
  }

  #write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  #log(now: number, actor: Actor, kind: string, owner: { post_id: string; account_id: string }, targetId: string, detail: string | null) {
    this.events.append({ at: now, actor, kind, postId: owner.post_id, targetId, accountId: owner.account_id, detail });
  }

  /**
   * Puts due targets on hold while publishing is paused for everyone or for one account, so nothing fires
   * when the pause ends: they wait for the user's review. `until` is the pause's automatic end, if any.
   */
  holdDueWhilePaused(now: number, pause: { accountId: string | null; reason: string; until: number | null }): string[] {
    return this.#write(() => {
      const cutoff = pause.until === null ? now : Math.min(now, pause.until);
      const rows = this.db
        .prepare<(string | number)[], { id: string; post_id: string; account_id: string; due_at: number }>(
          `SELECT id, post_id, account_id, due_at FROM targets WHERE status IN ('scheduled', 'retrying') AND due_at <= ?
             AND force_publish = 0 AND handoff_id IS NULL ${pause.accountId === null ? '' : 'AND account_id = ?'}`,
        )
        .all(...(pause.accountId === null ? [cutoff] : [cutoff, pause.accountId]));
      const kind: HoldKind = pause.accountId === null ? 'pause' : 'account_pause';
      const scope = pause.accountId === null ? 'Publishing is paused' : 'Publishing is paused for this account';
      for (const r of rows) {
        const reason = `${scope} (${pause.reason}). It came due at ${new Date(r.due_at).toISOString()}; publish it now, pick a new time, or discard it.`;
        this.db
          .prepare("UPDATE targets SET status = 'held', hold_kind = ?, last_error = ?, wait_kind = NULL WHERE id = ?")
          .run(kind, reason, r.id);
        this.refreshStatus(r.post_id, now);
        this.#log(now, 'scheduler', 'held', r, r.id, reason);
      }
      return [...new Set(rows.map((r) => r.post_id))];
    });
  }

  /** Holds one target for a reason (pre-flight problems, the user's own hold). */
  hold(targetId: string, kind: HoldKind, reason: string, now: number, actor: Actor): boolean {
    return this.#write(() => {
      const owner = this.#owner.get(targetId);
      if (!owner || !['scheduled', 'retrying', 'missed', 'held'].includes(owner.status)) return false;
      this.db
        .prepare("UPDATE targets SET status = 'held', hold_kind = ?, last_error = ?, wait_kind = NULL, force_publish = 0 WHERE id = ?")
        .run(kind, reason, targetId);
      this.refreshStatus(owner.post_id, now);
      this.#log(now, actor, 'held', owner, targetId, reason);
      return true;
    });
  }

  /**
   * Targets that came due more than the grace window ago without going out (the app was closed, asleep or
   * offline, or the account needed attention) become `missed` and wait for the user. Network waits count
   * from when the post was meant to go out, since their retry time keeps moving.
   */
  markMissed(now: number, graceMs: number): string[] {
    return this.#write(() => {
      const cutoff = now - graceMs;
      const rows = this.db
        .prepare<
          [number, number],
          { id: string; post_id: string; account_id: string; late_since: number; wait_kind: string | null; account_status: string }
        >(
          `SELECT t.id, t.post_id, t.account_id, coalesce(t.intended_at, t.due_at) AS late_since, t.wait_kind, a.status AS account_status
           FROM targets t JOIN accounts a ON a.id = t.account_id
           WHERE t.force_publish = 0 AND t.handoff_id IS NULL AND (
             (t.status IN ('scheduled', 'retrying') AND t.due_at < ?)
             OR (t.status = 'retrying' AND t.wait_kind = 'network' AND coalesce(t.intended_at, t.due_at) < ?))`,
        )
        .all(cutoff, cutoff);
      const minutes = Math.round(graceMs / 60_000);
      for (const r of rows) {
        const why =
          r.account_status !== 'connected'
            ? 'its account needed attention'
            : r.wait_kind === 'network'
              ? 'the network could not be reached'
              : 'Kairos was closed, asleep or offline';
        const reason = `It was due at ${new Date(r.late_since).toISOString()} and could not go out within the ${minutes}-minute grace window (${why}). Publish it now, pick a new time, or discard it.`;
        this.db.prepare("UPDATE targets SET status = 'missed', last_error = ?, wait_kind = NULL WHERE id = ?").run(reason, r.id);
        this.refreshStatus(r.post_id, now);
        this.#log(now, 'scheduler', 'missed', r, r.id, reason);
      }
      return [...new Set(rows.map((r) => r.post_id))];
    });
  }

  /** Network is back: everything waiting for it is due now. */
  networkReturned(now: number): string[] {
    return this.#write(() =>
      this.db
        .prepare<[number], { post_id: string }>(
          "UPDATE targets SET due_at = ? WHERE status = 'retrying' AND wait_kind = 'network' RETURNING post_id",
        )
        .all(now)
        .map((r) => r.post_id),
    );
  }

  /** Applies the user's decision to targets; returns the ids it applied to (those whose state allows it). */
  decide(targetIds: readonly string[], d: Decision, now: number, actor: Actor): string[] {
    return this.#write(() => {
      const applied: string[] = [];
      for (const id of targetIds) {
        const owner = this.#owner.get(id);
        if (!owner || !DECIDABLE[d.kind].includes(owner.status)) continue;
        let detail: string | null = null;
        if (d.kind === 'publish-now') {
          this.db
            .prepare(
              `UPDATE targets SET status = 'scheduled', due_at = ?, intended_at = ?, force_publish = 1, hold_kind = NULL,
                 wait_kind = NULL, last_error = NULL WHERE id = ?`,
            )
            .run(now, now, id);
        } else if (d.kind === 'mark-published') {
          this.db
            .prepare(
              `UPDATE targets SET status = 'published', remote_url = coalesce(?, remote_url), published_at = ?, due_at = NULL,
                 hold_kind = NULL, wait_kind = NULL, last_error = NULL, force_publish = 0 WHERE id = ?`,
            )
            .run(d.url, now, id);
          detail = d.url;
        } else if (d.kind === 'reschedule') {
          this.db
            .prepare(
              `UPDATE targets SET status = 'scheduled', due_at = ?, intended_at = ?, force_publish = 0, hold_kind = NULL,
                 wait_kind = NULL, last_error = NULL WHERE id = ?`,
            )
            .run(d.at, d.at, id);
          detail = new Date(d.at).toISOString();
        } else {
          this.db
            .prepare(
              "UPDATE targets SET status = 'cancelled', due_at = NULL, force_publish = 0, hold_kind = NULL, wait_kind = NULL WHERE id = ?",
            )
            .run(id);
        }
        const kinds = {
          'publish-now': 'decided: publish now',
          'mark-published': 'marked as published',
          reschedule: 'rescheduled',
          discard: 'discarded',
        };
        this.refreshStatus(owner.post_id, now);
        this.#log(now, actor, kinds[d.kind], owner, id, detail);
        applied.push(id);
      }
      return applied;
    });
  }
}
