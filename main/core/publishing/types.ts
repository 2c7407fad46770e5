// The publishing state machine's words: what a claim hands the scheduler, how an attempt ends, why a target waits.

import type { PublishRequest } from '../platforms/types';

export type { PublishedPart, PublishPart } from '../platforms/types';

/** A target claimed for publishing: what the network call needs (a PublishRequest), plus its account. */
export interface ClaimedTarget extends PublishRequest {
  readonly accountId: string;
}

/** What a scheduled or retrying target is waiting for, so the UI can say it and count it. */
export type WaitKind = 'network' | 'server' | 'rate_limit' | 'account';

/** Why a target is held. Pauses put targets on hold; a pre-flight check, a spending cap or the user may too. */
export type HoldKind = 'pause' | 'account_pause' | 'preflight' | 'user' | 'budget';

export type AttemptOutcome =
  | { readonly status: 'published'; readonly remoteId: string; readonly remoteUrl: string | null }
  | { readonly status: 'retrying'; readonly nextAt: number; readonly reason: string; readonly waitKind?: WaitKind }
  | {
      readonly status: 'failed' | 'unconfirmed' | 'scheduled';
      readonly reason: string;
      readonly dueAt?: number | null;
      readonly waitKind?: WaitKind;
    }
  /** Waits for the user's decision, like a pause's hold (a spending cap reached). */
  | { readonly status: 'held'; readonly reason: string; readonly dueAt: number | null; readonly holdKind: 'budget' };

/** The user's answer to a target that waits for them. */
export type Decision =
  | { readonly kind: 'publish-now' }
  | { readonly kind: 'mark-published'; readonly url: string | null }
  | { readonly kind: 'reschedule'; readonly at: number }
  | { readonly kind: 'discard' };

/** A target left in `publishing` by a scheduler that is gone (or whose claim lapsed). */
export interface AbandonedClaim {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  readonly claimedBy: string | null;
  readonly claimedAt: number | null;
}

/** The target row a claim or a takeover moved, before the queue adds the post's parts and media to it. */
export interface ClaimedRow {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  readonly textOverride: string | null;
  readonly idempotencyKey: string;
  readonly attempt: number;
}
