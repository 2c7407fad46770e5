// Retry timing: full-jitter exponential backoff with a cap.

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  readonly maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 15_000, capMs: 30 * 60_000, maxAttempts: 6 };

/** Delay before the next attempt after `attempt` failed attempts; `random` is in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1_000, Math.floor(random * exp));
}
