// What a failed attempt means for the target: retry (and when), wait for the account or network, fail, or ask the user.

import type { AccountStatus } from '../../../shared/domain';
import type { AccountContext, PlatformAdapter, PublishRequest } from '../platforms/types';
import { PlatformError } from '../platforms/types';
import type { AttemptOutcome, ClaimedTarget } from '../publishing/types';
import { type BackoffPolicy, backoffDelay, NETWORK_BACKOFF, rateLimitDelay } from './backoff';

/**
 * How long a stored idempotency key protects a retry. Mastodon keeps Idempotency-Key for an hour; a retry after
 * that could create a second post, so past this window an unknown outcome is checked or left to the user.
 */
export const IDEMPOTENT_RETRY_WINDOW_MS = 50 * 60_000;

export interface FailureVerdict {
  readonly outcome: AttemptOutcome;
  /** Set when the account itself needs the user (credentials refused, destination gone). */
  readonly account?: { readonly status: AccountStatus; readonly reason: string };
  /** The failure says we are offline. */
  readonly offline?: boolean;
}

export function publishRequestOf(t: ClaimedTarget): PublishRequest {
  return {
    postId: t.postId,
    targetId: t.targetId,
    text: t.text,
    idempotencyKey: t.idempotencyKey,
    attempt: t.attempt,
    options: t.options,
    parts: t.parts,
    scheduledAt: t.scheduledAt,
  };
}

/** The published outcome when every part is already on the network (the crash came after the last part). */
export function allPartsDone(t: ClaimedTarget): AttemptOutcome | null {
  if (t.parts.length === 0 || t.parts.some((p) => p.done === null)) return null;
  const first = t.parts[0]?.done;
  return first ? { status: 'published', remoteId: first.remoteId, remoteUrl: first.remoteUrl } : null;
}

/**
 * Settles an unknown outcome by asking the network: each part not recorded as done is looked up by its key or in
 * the account's recent posts. Found parts are recorded. Returns published, "surely absent" (safe to send), or
 * throws when the network cannot tell.
 */
export async function lookUpUnknownOutcome(
  t: ClaimedTarget,
  adapter: PlatformAdapter,
  ctx: AccountContext<unknown>,
): Promise<AttemptOutcome | 'absent'> {
  if (!adapter.findPublished) throw new Error('This network offers no way to check.');
  const request = publishRequestOf(t);
  let first = t.parts[0]?.done ?? null;
  for (const part of t.parts) {
    if (part.done) continue;
    const found = await adapter.findPublished(request, part, ctx);
    // Parts go out in order, so the first one missing means none after it went out either.
    if (!found) return 'absent';
    await ctx.recordPart(part.index, found);
    if (part.index === 0) first = found;
  }
  return first ? { status: 'published', remoteId: first.remoteId, remoteUrl: first.remoteUrl } : 'absent';
}

export interface FailureEnv {
  readonly now: number;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  readonly platformName: string;
}

const asUnconfirmed = (why: string): AttemptOutcome => ({
  status: 'unconfirmed',
  reason: `${why} Check the account, then mark it as published or publish it again.`,
});

/**
 * Decides what an unknown outcome (the request went out, the answer did not come back) leads to: a retry with the
 * same key where that cannot duplicate, a lookup where the network allows one, otherwise `unconfirmed`.
 */
export async function settleUnknownOutcome(
  t: ClaimedTarget,
  adapter: PlatformAdapter,
  ctx: AccountContext<unknown>,
  env: FailureEnv & { readonly message: string; readonly claimedAgoMs: number },
): Promise<AttemptOutcome> {
  const done = allPartsDone(t);
  if (done) return done;
  const giveUp = t.attempt >= env.backoff.maxAttempts;
  if (adapter.idempotentRetry && env.claimedAgoMs <= IDEMPOTENT_RETRY_WINDOW_MS && !giveUp) {
    return {
      status: 'retrying',
      nextAt: env.now + backoffDelay(t.attempt, env.backoff, env.random()),
      reason: `${env.message} Retrying with the same idempotency key, which cannot create a second post.`,
      waitKind: 'server',
    };
  }
  if (adapter.findPublished) {
    try {
      const found = await lookUpUnknownOutcome(t, adapter, ctx);
      if (found !== 'absent') return found;
      return {
        status: 'retrying',
        nextAt: env.now + backoffDelay(1, env.backoff, env.random()),
        reason: `${env.message} ${env.platformName} shows no such post, so it is safe to send again.`,
        waitKind: 'server',
      };
    } catch (e) {
      return asUnconfirmed(`${env.message} Kairos could not check ${env.platformName} (${(e as Error).message}).`);
    }
  }
  return asUnconfirmed(`${env.message} ${env.platformName} offers no way to check whether it arrived.`);
}

/** Turns an adapter's failure into the target's next state. */
export async function judgeFailure(
  e: unknown,
  t: ClaimedTarget,
  adapter: PlatformAdapter,
  ctx: AccountContext<unknown>,
  env: FailureEnv,
): Promise<FailureVerdict> {
  const pe = e instanceof PlatformError ? e : null;
  const message = pe?.message ?? `Unexpected error while publishing: ${(e as Error)?.message ?? String(e)}.`;
  const { now } = env;
  switch (pe?.kind) {
    case 'rate_limited': {
      const wait = rateLimitDelay(pe.options.retryAfterMs, t.attempt, env.backoff, env.random());
      return { outcome: { status: 'retrying', nextAt: now + wait, reason: message, waitKind: 'rate_limit' } };
    }
    case 'network': {
      // Waiting for the network is not a failure of the post: no attempt limit, the grace window decides.
      const wait = backoffDelay(t.attempt, NETWORK_BACKOFF, env.random());
      return {
        outcome: { status: 'retrying', nextAt: now + wait, reason: `Waiting for the network. ${message}`, waitKind: 'network' },
        offline: true,
      };
    }
    case 'transient': {
      if (t.attempt >= env.backoff.maxAttempts) {
        return {
          outcome: {
            status: 'failed',
            reason: `Gave up after ${t.attempt} attempts. ${message} Publish it again when the service is back.`,
          },
        };
      }
      const wait = backoffDelay(t.attempt, env.backoff, env.random());
      return { outcome: { status: 'retrying', nextAt: now + wait, reason: message, waitKind: 'server' } };
    }
    case 'auth':
    case 'gone':
      // Never retried: the account waits for the user, its posts wait with it, other accounts carry on.
      return {
        outcome: { status: 'scheduled', reason: message, dueAt: t.scheduledAt ?? now, waitKind: 'account' },
        account: { status: pe.kind === 'auth' ? 'needs_relogin' : 'needs_attention', reason: message },
      };
    case 'invalid':
      return { outcome: { status: 'failed', reason: message } };
    case 'over_budget':
      // Never dropped and never sent over the cap: it waits in Attention until the user raises the cap or moves it.
      return { outcome: { status: 'held', reason: message, dueAt: t.scheduledAt ?? now, holdKind: 'budget' } };
    default:
      // unknown_outcome, or an error we cannot classify: it may have been sent. Never resend blindly.
      return { outcome: await settleUnknownOutcome(t, adapter, ctx, { ...env, message, claimedAgoMs: 0 }) };
  }
}
