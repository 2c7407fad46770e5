// Every change of a target's status, named: the allowed from → to pairs (data, checked against docs/PUBLISHING.md)
// and the one interface that makes them. Each call is one transaction: status, history event and the post's summary.

import type { TargetStatus } from '../../../shared/domain';
import type { Actor } from '../repos/events';
import type { AbandonedClaim, AttemptOutcome, ClaimedRow, Decision, HoldKind } from './types';

export interface TransitionRule {
  /** The states a target may be in for this transition; empty for one that creates the target. */
  readonly from: readonly TargetStatus[];
  readonly to: readonly TargetStatus[];
  /** When it happens, in words (the table in docs/PUBLISHING.md). */
  readonly when: string;
}

/** Every state a target can leave by being edited or cancelled: all but `publishing` and the two final ones. */
const NOT_STARTED_OR_FINAL = ['draft', 'scheduled', 'retrying', 'failed', 'unconfirmed', 'missed', 'held'] as const;
const WAITING = ['scheduled', 'retrying'] as const;
const NEEDS_DECISION = ['held', 'missed', 'unconfirmed', 'failed'] as const;

/**
 * The publishing state machine. The SQL of each transition takes its guard from `from`, so a pair that is not
 * here cannot be written; docs/PUBLISHING.md's diagram and table are generated from it (transitionsDoc.ts).
 */
export const TRANSITIONS = {
  create: { from: [], to: ['draft', 'scheduled'], when: 'A post is written: each account gets a target, scheduled when it has a time.' },
  edit: {
    from: NOT_STARTED_OR_FINAL,
    to: ['draft', 'scheduled'],
    when: 'The post is edited or given a new time: earlier holds, waits and "publish now" no longer apply.',
  },
  cancel: { from: NOT_STARTED_OR_FINAL, to: ['cancelled'], when: 'The post is cancelled; what went out or is on the wire stays.' },
  claim: {
    from: WAITING,
    to: ['publishing'],
    when: "Due and first in its account's line: claimed in a transaction by the lease holder, before any network call, unless paused.",
  },
  takeOver: {
    from: ['publishing'],
    to: ['publishing'],
    when: 'Recovery: the claim of a scheduler that is gone moves to this one, so exactly one settles it.',
  },
  finish: {
    from: ['publishing'],
    to: ['published', 'retrying', 'failed', 'unconfirmed', 'scheduled', 'held'],
    when: 'An attempt ended: published; retrying (429, 5xx, network, idempotent retry); failed; unconfirmed; scheduled again when the account needs a new login; held at a spending cap.',
  },
  confirm: { from: ['unconfirmed'], to: ['published'], when: 'A confirmation that it went out wins over "unconfirmed".' },
  holdWhilePaused: { from: WAITING, to: ['held'], when: 'It came due while publishing is paused, for everyone or for its account.' },
  hold: { from: [...WAITING, 'missed', 'held'], to: ['held'], when: 'Held by the user, or for pre-flight problems (`engine.hold`).' },
  holdForPreflight: { from: WAITING, to: ['held'], when: 'The pre-flight check found a reason to wait.' },
  releasePreflight: { from: ['held'], to: ['scheduled'], when: 'The answer to a pre-flight hold is "send anyway".' },
  markMissed: { from: WAITING, to: ['missed'], when: 'It could not go out within the grace window.' },
  reanchor: { from: WAITING, to: ['scheduled'], when: "A late occurrence of a recurring series moves to the series' next one." },
  publishNow: { from: [...NEEDS_DECISION, ...WAITING], to: ['scheduled'], when: 'Decision: publish now (due at once, past any pause).' },
  markPublished: { from: NEEDS_DECISION, to: ['published'], when: 'Decision: mark as published (the user saw it on the network).' },
  reschedule: { from: [...NEEDS_DECISION, ...WAITING], to: ['scheduled'], when: 'Decision: a new time.' },
  discard: { from: [...NEEDS_DECISION, ...WAITING, 'draft'], to: ['cancelled'], when: 'Decision: discard.' },
  holdAfterRestore: {
    from: WAITING,
    to: ['held'],
    when: 'A backup was restored: what came due since it was taken may have gone out, so it waits for the user.',
  },
  handoffPublished: {
    from: [...NOT_STARTED_OR_FINAL, 'cancelled'],
    to: ['published'],
    when: "A Mastodon server's own scheduler published a handed-off post (even one cancelled or paused too late: it went out).",
  },
  handoffVanished: {
    from: ['scheduled'],
    to: ['cancelled', 'unconfirmed'],
    when: 'A handed-off copy disappeared from the server: deleted there before its time, or not found after it.',
  },
} as const satisfies Record<string, TransitionRule>;

export type TransitionName = keyof typeof TRANSITIONS;

/** Whether a named transition allows moving a target from one state to another. */
export function allows(name: TransitionName, from: TargetStatus | null, to: TargetStatus): boolean {
  const rule: TransitionRule = TRANSITIONS[name];
  return (from === null ? rule.from.length === 0 : rule.from.includes(from)) && rule.to.includes(to);
}

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
