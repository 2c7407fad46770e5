// The signal budget: requests per window per account, steady refill, and backoff that honours Retry-After.

import { describe, expect, it } from 'vitest';
import { PlatformError } from '../platforms/types';
import { SignalBudget } from './budget';

const rules = {
  mastodon: { capacity: 3, windowMs: 300_000 },
  bluesky: { capacity: 2, windowMs: 300_000 },
  discord: { capacity: 0, windowMs: 300_000 },
  telegram: { capacity: 0, windowMs: 300_000 },
  nostr: { capacity: 3, windowMs: 300_000 },
  linkedin: { capacity: 0, windowMs: 300_000 },
  x: { capacity: 0, windowMs: 300_000 },
};

describe('signal budget', () => {
  it('gives each account its own budget and refills it steadily', () => {
    const b = new SignalBudget(rules, () => 0);
    expect([1, 2, 3, 4].map(() => b.tryTake('a', 'mastodon', 0))).toEqual([true, true, true, false]);
    expect(b.tryTake('b', 'mastodon', 0)).toBe(true);
    // One request comes back every 100 s (3 per 300 s).
    expect(b.tryTake('a', 'mastodon', 99_999)).toBe(false);
    expect(b.tryTake('a', 'mastodon', 100_000)).toBe(true);
    expect(b.tryTake('d', 'discord', 0)).toBe(false);
  });

  it('backs off after errors with growing waits and forgets them after an answer', () => {
    // random 0 → the lower half of the jitter window: 30 s ceiling × 0.5 = 15 s, then 30 s for the second failure.
    const b = new SignalBudget(rules, () => 0);
    const message = b.recordFailure('a', new PlatformError('network', 'Mastodon could not be reached.'), 0);
    expect(message).toBe('Mastodon could not be reached.');
    expect(b.waitUntil('a', 0)).toBe(15_000);
    expect(b.tryTake('a', 'mastodon', 14_999)).toBe(false);
    b.recordFailure('a', new PlatformError('transient', 'Mastodon did not answer in time.'), 15_000);
    expect(b.waitUntil('a', 15_000)).toBe(45_000);
    expect(b.lastError('a')).toBe('Mastodon did not answer in time.');
    b.recordSuccess('a');
    expect(b.waitUntil('a', 15_000)).toBeNull();
    expect(b.lastError('a')).toBeNull();
  });

  it('waits exactly as long as Retry-After says, even when the user asks', () => {
    const b = new SignalBudget(rules, () => 0);
    b.recordFailure('a', new PlatformError('rate_limited', 'Slow down.', { retryAfterMs: 90_000 }), 1_000);
    b.forgiveErrors('a', 2_000);
    expect(b.waitUntil('a', 2_000)).toBe(91_000);
    b.recordFailure('b', new PlatformError('network', 'Unreachable.'), 1_000);
    b.forgiveErrors('b', 2_000);
    expect(b.waitUntil('b', 2_000)).toBeNull();
  });

  it('waits the longest for refused credentials, and words unknown errors itself', () => {
    const b = new SignalBudget(rules, () => 0);
    b.recordFailure('a', new PlatformError('auth', 'Mastodon refused the access token. Reconnect the account.'), 0);
    expect(b.waitUntil('a', 0)).toBe(30 * 60_000);
    expect(b.recordFailure('b', new Error('socket hang up'), 0)).toBe(
      "Kairos could not read this network's conversation (socket hang up). It will try again.",
    );
  });
});
