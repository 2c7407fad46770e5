// Crash recovery: targets left in `publishing` are settled by key, by lookup, or handed to the user; never re-sent blindly.

import type { Clock } from '../clock';
import type { AccountContext, PlatformAdapter } from '../platforms/types';
import type { AttemptOutcome, ClaimedTarget } from '../publishing/types';
import type { QueueStore } from '../stores/types';
import { allPartsDone, IDEMPOTENT_RETRY_WINDOW_MS, lookUpUnknownOutcome } from './outcomes';

export interface RecoveryDeps {
  readonly queue: QueueStore;
  readonly clock: Clock;
  readonly holder: string;
  readonly leaseMs: number;
  /** Claims this process is working on right now; never recovered from under it. */
  readonly inFlight: ReadonlySet<string>;
  /** The adapter and a context for the target's account, or null when either is gone. */
  readonly contextFor: (t: ClaimedTarget) => Promise<{ adapter: PlatformAdapter; ctx: AccountContext<unknown>; name: string } | null>;
}

/** The recovery rules for one abandoned claim, in order of preference. */
export async function recoveryOutcome(
  t: ClaimedTarget,
  claimedAt: number | null,
  found: { adapter: PlatformAdapter; ctx: AccountContext<unknown>; name: string } | null,
  now: number,
): Promise<AttemptOutcome> {
  const done = allPartsDone(t);
  if (done) return done;
  if (!found) {
    return {
      status: 'unconfirmed',
      reason:
        'Kairos stopped while publishing this, and its account is no longer connected, so it cannot check. Look at the account and decide.',
    };
  }
  const { adapter, ctx, name } = found;
  const age = claimedAt === null ? Number.POSITIVE_INFINITY : now - claimedAt;
  if (adapter.idempotentRetry && age <= IDEMPOTENT_RETRY_WINDOW_MS) {
    return {
      status: 'retrying',
      nextAt: now,
      reason: `Kairos stopped while publishing this; retrying with the same idempotency key, so ${name} cannot create a second post.`,
      waitKind: 'server',
    };
  }
  if (adapter.findPublished) {
    try {
      const r = await lookUpUnknownOutcome(t, adapter, ctx);
      if (r !== 'absent') return r;
      return {
        status: 'retrying',
        nextAt: now,
        reason: `Kairos stopped while publishing this; ${name} shows it did not arrive, so it is being sent now.`,
        waitKind: 'server',
      };
    } catch (e) {
      return {
        status: 'unconfirmed',
        reason: `Kairos stopped while publishing this and could not check ${name} (${(e as Error).message}). Check the account, then mark it as published or publish it again.`,
      };
    }
  }
  return {
    status: 'unconfirmed',
    reason: `Kairos stopped while publishing this; it may or may not have reached ${name}, which offers no way to check. Look at the channel, then mark it as published or publish it again.`,
  };
}

/**
 * Settles every abandoned claim. Each is first taken over in a transaction (so two schedulers never settle the
 * same one), then resolved by the rules in docs/PUBLISHING.md. Returns the post ids that changed.
 */
export async function recoverAbandoned(d: RecoveryDeps): Promise<string[]> {
  const changed = new Set<string>();
  for (const a of await d.queue.abandoned(d.clock.now(), d.holder)) {
    if (d.inFlight.has(a.targetId)) continue;
    const claimed = await d.queue.takeOver(a, d.clock.now(), d.leaseMs, d.holder);
    if (!claimed) continue;
    const outcome = await recoveryOutcome(claimed, a.claimedAt, await d.contextFor(claimed), d.clock.now());
    await d.queue.finish(claimed.targetId, outcome, d.clock.now(), d.holder);
    changed.add(claimed.postId);
  }
  return [...changed];
}
