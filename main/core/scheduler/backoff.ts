// Retry timing: full-jitter exponential backoff with a cap, and how long to honour a server's "try again later".

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** Attempts after which a temporary failure becomes `failed`. */
  readonly maxAttempts: number;
}

/** Server errors and timeouts: 15 s, 30 s, 1 min … up to 30 min, six attempts in all. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 15_000, capMs: 30 * 60_000, maxAttempts: 6 };

/** Waiting for the network: short and capped, since a network-return event also wakes the scheduler. */
export const NETWORK_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 60_000, maxAttempts: Number.POSITIVE_INFINITY };

/** No retry sooner than this, so a failing server is never hammered in a tight loop. */
export const MIN_RETRY_MS = 1_000;

/** The ceiling of the jitter window after `attempt` failed attempts (1 = the first failure). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, Math.min(60, Math.floor(attempt) - 1));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * Full jitter: a uniformly random delay between zero and the ceiling, so many clients failing together do not
 * retry together. `random` is in [0, 1). The result is within [min(MIN_RETRY_MS, cap), cap].
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const ceiling = backoffCeiling(attempt, policy);
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0;
  return Math.min(policy.capMs, Math.max(MIN_RETRY_MS, Math.floor(r * ceiling)));
}

/**
 * The wait after a rate limit: what the server asked for plus up to a second of jitter (so accounts limited
 * together do not return together), or backoff when it did not say.
 */
export function rateLimitDelay(retryAfterMs: number | undefined, attempt: number, policy: BackoffPolicy, random: number): number {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return backoffDelay(attempt, policy, random);
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0;
  return Math.max(MIN_RETRY_MS, Math.ceil(retryAfterMs) + Math.floor(r * 1_000));
}
