// Per-platform and per-account publishing budgets: token buckets that space out bursts before a server has to say 429.

import type { PlatformId } from '../../../shared/domain';

export interface BucketSpec {
  /** How many publishes may go at once after a quiet spell. */
  readonly burst: number;
  /** One more publish is allowed every this many milliseconds. */
  readonly refillMs: number;
}

export interface PlatformBudget {
  /** Applies to each account (webhook, Mastodon account, Bluesky DID) on its own. */
  readonly perAccount: BucketSpec | null;
  /** Applies to all accounts of the platform together (per-IP or per-app limits). */
  readonly perPlatform: BucketSpec | null;
}

export type BudgetTable = Readonly<Partial<Record<PlatformId | string, PlatformBudget>>>;

/**
 * Defaults stay under what each network documents or reports, counting one publish as one budget unit:
 * Discord webhooks report 5 requests per 2 s; Mastodon allows 300 requests per 5 min per account (a post with
 * media takes several, hence 1 per 2 s); Bluesky allows 5,000 points per hour per account, 3 per created record.
 * Servers still have the last word: a 429 pauses the account until its Retry-After.
 */
export const DEFAULT_BUDGETS: BudgetTable = {
  discord: { perAccount: { burst: 5, refillMs: 400 }, perPlatform: { burst: 50, refillMs: 20 } },
  mastodon: { perAccount: { burst: 10, refillMs: 2_000 }, perPlatform: null },
  bluesky: { perAccount: { burst: 20, refillMs: 2_200 }, perPlatform: { burst: 100, refillMs: 100 } },
  // Telegram lets a bot post about 20 messages a minute to one group or channel, and about 30 a second overall.
  telegram: { perAccount: { burst: 5, refillMs: 3_000 }, perPlatform: { burst: 30, refillMs: 34 } },
  nostr: { perAccount: { burst: 10, refillMs: 1_000 }, perPlatform: null },
  // LinkedIn allows a member 150 requests a day; a post with images takes several.
  linkedin: { perAccount: { burst: 5, refillMs: 10 * 60_000 }, perPlatform: null },
  // X allows 100 posts per 15 minutes per user; the app's daily cap is shared by its accounts.
  x: { perAccount: { burst: 10, refillMs: 9_000 }, perPlatform: { burst: 50, refillMs: 1_000 } },
};

class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.#tokens = spec.burst;
    this.#at = now;
  }

  #refill(now: number): void {
    if (now <= this.#at) return;
    this.#tokens = Math.min(this.spec.burst, this.#tokens + (now - this.#at) / this.spec.refillMs);
    this.#at = now;
  }

  /** Milliseconds until one token is available (0 = now). */
  waitFor(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) * this.spec.refillMs);
  }

  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }

  giveBack(): void {
    this.#tokens = Math.min(this.spec.burst, this.#tokens + 1);
  }
}

export class RateBudgets {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(private readonly table: BudgetTable = DEFAULT_BUDGETS) {}

  #bucketsFor(platform: string, accountId: string, now: number): TokenBucket[] {
    const budget = this.table[platform];
    if (!budget) return [];
    const out: TokenBucket[] = [];
    for (const [key, spec] of [
      [`platform:${platform}`, budget.perPlatform],
      [`account:${accountId}`, budget.perAccount],
    ] as const) {
      if (!spec) continue;
      let b = this.#buckets.get(key);
      if (!b) {
        b = new TokenBucket(spec, now);
        this.#buckets.set(key, b);
      }
      out.push(b);
    }
    return out;
  }

  /** Milliseconds until this account may publish again (0 = now). */
  waitFor(platform: string, accountId: string, now: number): number {
    return Math.max(0, ...this.#bucketsFor(platform, accountId, now).map((b) => b.waitFor(now)));
  }

  /** Spends one publish from the account's and the platform's budgets. */
  take(platform: string, accountId: string, now: number): void {
    for (const b of this.#bucketsFor(platform, accountId, now)) b.take(now);
  }

  /** Returns a publish that was budgeted but did not start (its claim went to someone else). */
  giveBack(platform: string, accountId: string, now: number): void {
    for (const b of this.#bucketsFor(platform, accountId, now)) b.giveBack();
  }
}
