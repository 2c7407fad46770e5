// The publishing state machine's calls: the only way to change a target's status (the transitions of TRANSITIONS).
// Domain values in and out; the seam a PostgreSQL implementation fills. The SQLite one is sqliteTransitions.ts.

import type { TargetStatus } from '../../../shared/domain';
import type { Actor } from '../repos/events';
import { TRANSITIONS } from './transitions';
import type { AbandonedClaim, AttemptOutcome, ClaimedRow, Decision, HoldKind } from './types';

/** Which decisions apply to a target in each state. */
export const DECIDABLE: Readonly<Record<Decision['kind'], readonly TargetStatus[]>> = {
  'publish-now': TRANSITIONS.publishNow.from,
  'mark-published': TRANSITIONS.markPublished.from,
  reschedule: TRANSITIONS.reschedule.from,
  discard: TRANSITIONS.discard.from,
};

/** A new target of a post, with the key its first attempt will carry. */
export interface NewTarget {
  readonly id: string;
  readonly accountId: string;
  readonly textOverride: string | null;
  readonly idempotencyKey: string;
}

/** The line a change of a whole post writes to its history. */
export interface PostEvent {
  readonly actor: Actor;
  readonly kind: string;
  readonly detail: string | null;
}

/**
 * The only writer of targets.status. Domain values in and out; each call is one transaction (a call made inside
 * another store call joins that call's transaction) that writes the status, the history event and the post's
 * summary together. The SQLite implementation is SqliteTransitions.
 */
export interface TargetTransitions {
  /** create: the targets of a new post (draft, or scheduled at `dueAt`). */
  create(postId: string, targets: readonly NewTarget[], dueAt: number | null, now: number, event: PostEvent): void;
  /** edit: targets kept are updated, new ones created (draft, or scheduled at `dueAt`); published and cancelled stay. */
  edit(postId: string, targets: readonly NewTarget[], dueAt: number | null, now: number, event: PostEvent): void;
  /** cancel: every target that has not started or ended. */
  cancel(postId: string, now: number, actor: Actor): void;
  /** claim: null when the target is not due, already claimed, paused, or `holder` does not hold the publishing lease. */
  claim(targetId: string, now: number, leaseMs: number, holder: string | null): ClaimedRow | null;
  /** takeOver: null when another scheduler got there first or `holder` does not hold the publishing lease. */
  takeOver(claim: AbandonedClaim, now: number, leaseMs: number, holder: string): ClaimedRow | null;
  /**
   * finish (and confirm): only a target still in `publishing` (and, with a holder, claimed by it) changes, except that a
   * confirmed publication always wins. False when nothing changed.
   */
  finish(targetId: string, outcome: AttemptOutcome, now: number, holder: string | null, actor: Actor): boolean;
  /** holdWhilePaused: due targets under a pause (`until`: its planned end). Returns the posts changed. */
  holdWhilePaused(now: number, pause: { accountId: string | null; reason: string; until: number | null }): string[];
  hold(targetId: string, kind: HoldKind, reason: string, now: number, actor: Actor): boolean;
  /** holdForPreflight: returns the targets actually held; the event says `kind` for the post. */
  holdForPreflight(postId: string, targetIds: readonly string[], reason: string, now: number, event: PostEvent): string[];
  /** releasePreflight: each target back in the queue at its own time. */
  releasePreflight(postId: string, targets: readonly { targetId: string; dueAt: number }[], now: number, event: PostEvent): void;
  /** markMissed: returns the posts changed. */
  markMissed(now: number, graceMs: number): string[];
  /** reanchor: the post's waiting targets to its series' next occurrence `at`. */
  reanchor(postId: string, at: number, now: number, detail: string): void;
  /** publishNow, markPublished, reschedule, discard: returns the targets whose state allowed it. */
  decide(targetIds: readonly string[], decision: Decision, now: number, actor: Actor): string[];
  /** handoffPublished: false when the target is already published or on the wire. */
  handoffPublished(
    targetId: string,
    published: { remoteId: string; remoteUrl: string | null },
    now: number,
    event: { kind: string; detail: string },
  ): boolean;
  /** handoffVanished: false when the target had already left `scheduled`. */
  handoffVanished(
    targetId: string,
    status: 'cancelled' | 'unconfirmed',
    reason: string,
    now: number,
    event: { kind: string; detail: string },
  ): boolean;
  /** Recomputes the posts' summaries after their targets were removed (an account removed). */
  refreshPosts(postIds: readonly string[], now: number): void;
}
