// Properties of the parsers the retry logic trusts: Retry-After, rate-limit headers and backoff bounds.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRateLimit, parseResetValue, parseRetryAfter, retryAfterFromHeaders } from '../platforms/http';
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF, MIN_RETRY_MS, NETWORK_BACKOFF, rateLimitDelay } from './backoff';

const NOW = Date.UTC(2026, 5, 1, 8, 0, 0);
const seconds = fc.integer({ min: 0, max: 10_000_000 });
const instantToTheSecond = fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2090, 0, 1) / 1000 }).map((s) => s * 1000);

function asctime(ms: number): string {
  const d = new Date(ms);
  const [wd, , , , clock] = d.toUTCString().split(' ');
  const month = d.toUTCString().split(' ')[2];
  return `${wd?.slice(0, 3)} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${clock} ${d.getUTCFullYear()}`;
}

function rfc850(ms: number): string {
  const d = new Date(ms);
  const long = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()];
  const month = d.toUTCString().split(' ')[2];
  const clock = d.toUTCString().split(' ')[4];
  return `${long}, ${String(d.getUTCDate()).padStart(2, '0')}-${month}-${String(d.getUTCFullYear() % 100).padStart(2, '0')} ${clock} GMT`;
}

describe('Retry-After', () => {
  it('delay-seconds: exactly that many seconds', () => {
    fc.assert(
      fc.property(seconds, (n) => {
        expect(parseRetryAfter(String(n), NOW)).toBe(n * 1000);
      }),
    );
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
  });

  it('HTTP-date in all three forms: the time until then, never negative', () => {
    fc.assert(
      fc.property(instantToTheSecond, (at) => {
        const expected = Math.max(0, at - NOW);
        expect(parseRetryAfter(new Date(at).toUTCString(), NOW)).toBe(expected);
        expect(parseRetryAfter(asctime(at), NOW)).toBe(expected);
        expect(parseHttpDate(asctime(at))).toBe(at);
      }),
    );
    // Two-digit years: only check within the range every engine reads the same way.
    expect(parseHttpDate(rfc850(Date.UTC(1994, 10, 6, 8, 49, 37)))).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it('anything else is "not said" (null), never NaN or negative', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseRetryAfter(s, NOW);
        if (r !== null) {
          expect(Number.isFinite(r)).toBe(true);
          expect(r).toBeGreaterThanOrEqual(0);
        }
      }),
    );
    for (const bad of ['', '-5', 'soon', '1e3', '2026-06-01', 'Mon, 32 Foo 2026 00:00:00 GMT', 'Fri, 01 Jun 2026 10:00:00']) {
      expect(parseRetryAfter(bad, NOW)).toBeNull();
    }
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});

describe('rate-limit headers', () => {
  it('reset as an ISO date, epoch seconds, epoch milliseconds or a delay all mean the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 86_400 }), (delay) => {
        const at = NOW + delay * 1000;
        expect(parseResetValue(new Date(at).toISOString(), NOW)).toBe(at);
        expect(parseResetValue(String(at / 1000), NOW)).toBe(at);
        expect(parseResetValue(String(at), NOW)).toBe(at);
        expect(parseResetValue(String(delay), NOW)).toBe(at);
        expect(parseResetValue(new Date(at).toUTCString(), NOW)).toBe(at);
      }),
    );
    expect(parseResetValue('1470173023.123', NOW)).toBe(1_470_173_023_123);
    expect(parseResetValue('2026-06-01T10:00:00', NOW)).toBeNull(); // no zone: refused rather than guessed
  });

  it('reads Mastodon, Discord, Bluesky/IETF and structured forms', () => {
    const mastodon = new Headers({
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '2026-06-01T08:05:00.000Z',
    });
    expect(parseRateLimit(mastodon, NOW)).toEqual({ limit: 300, remaining: 0, resetAt: NOW + 300_000 });
    const discord = {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '1780300800.5',
      'x-ratelimit-reset-after': '1.5',
    };
    expect(parseRateLimit(discord, NOW)).toEqual({ limit: 5, remaining: 0, resetAt: NOW + 1_500 });
    const bluesky = new Headers({ 'ratelimit-limit': '5000', 'ratelimit-remaining': '12', 'ratelimit-reset': String(NOW / 1000 + 60) });
    expect(parseRateLimit(bluesky, NOW)).toEqual({ limit: 5000, remaining: 12, resetAt: NOW + 60_000 });
    const structured = new Headers({ RateLimit: '"default";r=0;t=30', 'RateLimit-Policy': '"default";q=100;w=60' });
    expect(parseRateLimit(structured, NOW)).toEqual({ limit: 100, remaining: 0, resetAt: NOW + 30_000 });
    expect(parseRateLimit(new Headers({ 'content-type': 'text/plain' }), NOW)).toBeNull();
  });

  it('never yields NaN, whatever the header says', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (limit, remaining, reset) => {
        const r = parseRateLimit({ 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': reset }, NOW);
        for (const v of [r?.limit, r?.remaining, r?.resetAt]) if (v !== null && v !== undefined) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });

  it('the wait to honour: Retry-After first, then an exhausted window until its reset', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '7', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60' }), NOW)).toBe(
      7_000,
    );
    expect(retryAfterFromHeaders(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '60' }), NOW)).toBe(60_000);
    expect(retryAfterFromHeaders(new Headers({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '60' }), NOW)).toBeNull();
  });
});

describe('backoff', () => {
  it('full jitter stays within [MIN_RETRY_MS, ceiling] and the ceiling never passes the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 500 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        for (const policy of [DEFAULT_BACKOFF, NETWORK_BACKOFF]) {
          const ceiling = backoffCeiling(attempt, policy);
          const d = backoffDelay(attempt, policy, random);
          expect(ceiling).toBeLessThanOrEqual(policy.capMs);
          expect(d).toBeGreaterThanOrEqual(MIN_RETRY_MS);
          expect(d).toBeLessThanOrEqual(Math.max(MIN_RETRY_MS, ceiling));
        }
      }),
    );
  });

  it('the ceiling doubles until the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffCeiling(a, DEFAULT_BACKOFF))).toEqual([
      15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000,
    ]);
  });

  it('a rate limit waits at least what the server asked, and at most a second more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (asked, random) => {
          const d = rateLimitDelay(asked, 1, DEFAULT_BACKOFF, random);
          expect(d).toBeGreaterThanOrEqual(Math.max(asked, MIN_RETRY_MS));
          expect(d).toBeLessThanOrEqual(Math.max(asked, MIN_RETRY_MS) + 1_000);
        },
      ),
    );
  });
});
