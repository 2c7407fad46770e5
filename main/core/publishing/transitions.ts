// Every change of a target's status, named, with the allowed from → to pairs: the one table of the publishing state
// machine (data; docs/PUBLISHING.md is generated from it). The calls that make them are TargetTransitions (store.ts).
// It imports nothing but the domain's states, so every layer may read it.

import type { TargetStatus } from '../../../shared/domain';

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

/** The SQL list of a transition's `from` (or `to`) states, e.g. `'scheduled', 'retrying'`: the guard of its SQL. */
export function statesOf(name: TransitionName, side: 'from' | 'to' = 'from'): string {
  const states: readonly TargetStatus[] = TRANSITIONS[name][side];
  return states.map((s) => `'${s}'`).join(', ');
}
