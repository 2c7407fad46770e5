// The scheduler's side of the publishing queue: what may start now, claims with their parts, outcomes, counts.
// Every status change goes through the transitions (main/core/publishing/transitions.ts).

import type { PostOptions } from '../../../shared/domain';
import type { Db } from '../db/database';
import { newIdempotencyKey } from '../ids';
import { NOT_PAUSED } from '../publishing/sqliteTransitions';
import type { TargetTransitions } from '../publishing/store';
import type { AbandonedClaim, AttemptOutcome, ClaimedRow, ClaimedTarget, PublishedPart, PublishPart } from '../publishing/types';
import type { Actor } from './events';
import type { MediaRepo, StoredMedia } from './media';

/** A due target at the head of its account's line: the only one of that account that may start now. */
export interface DueCandidate {
  readonly targetId: string;
  readonly accountId: string;
  readonly platform: string;
  readonly dueAt: number;
}

export interface QueueCounts {
  readonly waitingForNetwork: number;
  readonly publishing: number;
  readonly held: number;
  readonly heldByPause: number;
  readonly missed: number;
  readonly unconfirmed: number;
  readonly failed: number;
}

interface PostBits {
  text: string;
  parts: string;
  options: string;
  scheduled_at: number | null;
}

export class PublishQueue {
  readonly #s;

  constructor(
    private readonly db: Db,
    private readonly media: MediaRepo,
    private readonly transitions: TargetTransitions,
  ) {
    this.#s = {
      candidates: db.prepare<
        { now: number; limit: number; reader: string | null },
        { id: string; account_id: string; platform: string; due_at: number }
      >(
        `SELECT id, account_id, platform, due_at FROM (
           SELECT t.id, t.account_id, a.platform, t.due_at, t.rowid AS rid,
                  row_number() OVER (PARTITION BY t.account_id ORDER BY coalesce(t.intended_at, t.due_at), t.rowid) AS rn
           FROM targets t JOIN accounts a ON a.id = t.account_id
           WHERE t.status IN ('scheduled', 'retrying') AND t.due_at <= @now AND t.handoff_id IS NULL
             AND a.status = 'connected' AND ${NOT_PAUSED}
             AND NOT EXISTS (SELECT 1 FROM credential_problems cp WHERE cp.account_id = t.account_id AND cp.reader = @reader)
             AND NOT EXISTS (SELECT 1 FROM targets b WHERE b.status = 'publishing' AND b.account_id = t.account_id)
             AND NOT EXISTS (SELECT 1 FROM targets r WHERE r.status = 'retrying' AND r.wait_kind = 'rate_limit'
                               AND r.account_id = t.account_id AND r.due_at > @now)
         ) WHERE rn = 1 ORDER BY due_at, rid LIMIT @limit`,
      ),
      nextDueAfter: db.prepare<[number], { due: number | null }>(
        "SELECT min(due_at) AS due FROM targets WHERE status IN ('scheduled', 'retrying') AND due_at > ? AND handoff_id IS NULL",
      ),
      explainUnreadable: db.prepare<{ now: number; reader: string }, { post_id: string }>(
        `UPDATE targets SET last_error = cp.message, wait_kind = 'account'
         FROM credential_problems cp
         WHERE cp.account_id = targets.account_id AND cp.reader = @reader AND targets.status IN ('scheduled', 'retrying')
           AND targets.due_at <= @now AND targets.handoff_id IS NULL
           AND (targets.last_error IS NOT cp.message OR targets.wait_kind IS NOT 'account')
         RETURNING targets.post_id`,
      ),
      postBits: db.prepare<[string], PostBits>('SELECT text, parts, options, scheduled_at FROM posts WHERE id = ?'),
      abandoned: db.prepare<
        { now: number; holder: string },
        { id: string; post_id: string; account_id: string; claimed_by: string | null; claimed_at: number | null }
      >(
        `SELECT id, post_id, account_id, claimed_by, claimed_at FROM targets
         WHERE status = 'publishing' AND (coalesce(claimed_by, '') != @holder OR lease_until IS NULL OR lease_until < @now)`,
      ),
      recordPart: db.prepare(
        'UPDATE target_parts SET remote_id = ?, remote_url = ?, remote_ref = ?, published_at = ? WHERE target_id = ? AND part_index = ?',
      ),
      ensurePart: db.prepare('INSERT OR IGNORE INTO target_parts (target_id, part_index, idempotency_key) VALUES (?, ?, ?)'),
      partsOf: db.prepare<
        [string],
        { part_index: number; idempotency_key: string; remote_id: string | null; remote_url: string | null; remote_ref: string | null }
      >('SELECT part_index, idempotency_key, remote_id, remote_url, remote_ref FROM target_parts WHERE target_id = ? ORDER BY part_index'),
      networkReturned: db.prepare<[number], { post_id: string }>(
        "UPDATE targets SET due_at = ? WHERE status = 'retrying' AND wait_kind = 'network' RETURNING post_id",
      ),
      counts: db.prepare<[], Record<string, number | null>>(
        `SELECT sum(status = 'retrying' AND wait_kind = 'network') AS waitingForNetwork, sum(status = 'publishing') AS publishing,
           sum(status = 'held') AS held, sum(status = 'held' AND hold_kind IN ('pause', 'account_pause')) AS heldByPause,
           sum(status = 'missed') AS missed, sum(status = 'unconfirmed') AS unconfirmed, sum(status = 'failed') AS failed
         FROM targets WHERE status IN ('retrying', 'publishing', 'held', 'missed', 'unconfirmed', 'failed')`,
      ),
    };
  }

  #write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * The head of each account's line that may start now: due, connected, not paused, nothing of that account in
   * flight, no rate limit pending, and a saved login this kind of process (`reader`) can open. Within an account the
   * line is in the order posts were meant to go out, so a post retried after a rate limit keeps its place ahead of
   * the ones behind it.
   */
  dueCandidates(now: number, limit: number, reader: string | null = null): DueCandidate[] {
    return this.#s.candidates
      .all({ now, limit, reader })
      .map((r) => ({ targetId: r.id, accountId: r.account_id, platform: r.platform, dueAt: r.due_at }));
  }

  /**
   * Due targets of accounts whose saved login this kind of process (`reader`) cannot open: they are left for a
   * process that can, and say why they wait. Returns the posts whose note changed.
   */
  explainUnreadable(now: number, reader: string): string[] {
    return [...new Set(this.#s.explainUnreadable.all({ now, reader }).map((r) => r.post_id))];
  }

  /** The next time something becomes due, strictly after now (targets already due but blocked do not count). */
  nextDueAfter(now: number): number | null {
    return this.#s.nextDueAfter.get(now)?.due ?? null;
  }

  /**
   * Claims one target (scheduled/retrying → publishing) before any network call: bumps the attempt, sets a lease,
   * records who claimed it. With a holder, only while that holder owns the publishing lease.
   */
  claim(targetId: string, now: number, leaseMs: number, holder: string | null): ClaimedTarget | null {
    return this.#write(() => {
      const row = this.transitions.claim(targetId, now, leaseMs, holder);
      return row ? this.#claimedTarget(row) : null;
    });
  }

  /** Claims several targets in one transaction (one disk sync for a whole burst); returns those it got. */
  claimMany(targetIds: readonly string[], now: number, leaseMs: number, holder: string | null): ClaimedTarget[] {
    return this.#write(() => targetIds.flatMap((id) => this.claim(id, now, leaseMs, holder) ?? []));
  }

  /** Publishing rows nobody live is working on: claimed by another holder, or by us with a lapsed lease. */
  abandoned(now: number, holder: string): AbandonedClaim[] {
    return this.#s.abandoned.all({ now, holder }).map((r) => ({
      targetId: r.id,
      postId: r.post_id,
      accountId: r.account_id,
      claimedBy: r.claimed_by,
      claimedAt: r.claimed_at,
    }));
  }

  /** Moves an abandoned claim to this holder so exactly one scheduler settles it. Null when another got there first. */
  takeOver(a: AbandonedClaim, now: number, leaseMs: number, holder: string): ClaimedTarget | null {
    return this.#write(() => {
      const row = this.transitions.takeOver(a, now, leaseMs, holder);
      return row ? this.#claimedTarget(row) : null;
    });
  }

  #claimedTarget(row: ClaimedRow): ClaimedTarget {
    const post = this.#s.postBits.get(row.postId) as PostBits;
    const texts = [row.textOverride ?? post.text, ...(JSON.parse(post.parts) as string[])];
    return {
      targetId: row.targetId,
      postId: row.postId,
      accountId: row.accountId,
      text: texts[0] as string,
      idempotencyKey: row.idempotencyKey,
      attempt: row.attempt,
      scheduledAt: post.scheduled_at,
      options: JSON.parse(post.options) as PostOptions,
      parts: this.#partsForAttempt(row.targetId, row.idempotencyKey, texts, this.media.ofPost(row.postId)),
    };
  }

  /**
   * Each part's idempotency key is stored before its first attempt (the first part uses the target's key),
   * and what is already published is returned so a thread resumes where it stopped.
   */
  #partsForAttempt(targetId: string, firstKey: string, texts: readonly string[], media: readonly StoredMedia[]): PublishPart[] {
    for (let i = 0; i < texts.length; i++) this.#s.ensurePart.run(targetId, i, i === 0 ? firstKey : newIdempotencyKey());
    const rows = this.#s.partsOf.all(targetId);
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
                ...(r.remote_ref ? { ref: JSON.parse(r.remote_ref) as Record<string, string> } : {}),
              }
            : null,
      };
    });
  }

  /** Records one published part of a thread at once, so a failure later resumes after it. */
  recordPart(targetId: string, index: number, part: PublishedPart, now: number): void {
    this.#s.recordPart.run(part.remoteId, part.remoteUrl, part.ref ? JSON.stringify(part.ref) : null, now, targetId, index);
  }

  /**
   * Records how an attempt ended. Only a target still in `publishing` (and, with a holder, claimed by it) changes,
   * except that a confirmed publication always wins: it is the truth even if the target was marked unconfirmed meanwhile.
   */
  finish(targetId: string, outcome: AttemptOutcome, now: number, holder: string | null = null, actor: Actor = 'scheduler'): boolean {
    return this.transitions.finish(targetId, outcome, now, holder, actor);
  }

  /** Network is back: everything waiting for it is due now. */
  networkReturned(now: number): string[] {
    return this.#write(() => this.#s.networkReturned.all(now).map((r) => r.post_id));
  }

  counts(): QueueCounts {
    const r = this.#s.counts.get() ?? {};
    const n = (k: string) => r[k] ?? 0;
    return {
      waitingForNetwork: n('waitingForNetwork'),
      publishing: n('publishing'),
      held: n('held'),
      heldByPause: n('heldByPause'),
      missed: n('missed'),
      unconfirmed: n('unconfirmed'),
      failed: n('failed'),
    };
  }

  /** Targets handed to a network's own scheduler that have not fired yet (for pulling them back on pause). */
  handedOff(accountId: string | null): { targetId: string; postId: string; accountId: string; handoffId: string }[] {
    return this.db
      .prepare<(string | number)[], { id: string; post_id: string; account_id: string; handoff_id: string }>(
        `SELECT id, post_id, account_id, handoff_id FROM targets WHERE handoff_id IS NOT NULL AND status = 'scheduled'
         ${accountId === null ? '' : 'AND account_id = ?'}`,
      )
      .all(...(accountId === null ? [] : [accountId]))
      .map((r) => ({ targetId: r.id, postId: r.post_id, accountId: r.account_id, handoffId: r.handoff_id }));
  }
}
