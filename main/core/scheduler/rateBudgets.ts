// Per-platform and per-account request budgets (publishing, reading numbers): token buckets that space out bursts
// before a server has to say 429.

import type { BucketSpec, PlatformAdapter, PlatformRegistry, RequestBudget } from '../platforms/types';

/** Budgets by platform id; a platform without an entry is not budgeted. */
export type BudgetTable = Readonly<Partial<Record<string, RequestBudget>>>;

/**
 * One kind of budget (publishing, reading numbers) as the given adapters declare it. Each network's values and their
 * reasons are in its adapter (main/platforms/<id>/adapter.ts); a network that declares none is not budgeted.
 */
export function budgetsOf(platforms: PlatformRegistry, declared: (adapter: PlatformAdapter) => RequestBudget | undefined): BudgetTable {
  const table: Record<string, RequestBudget> = {};
  for (const [id, adapter] of platforms) {
    const budget = declared(adapter);
    if (budget) table[id] = budget;
  }
  return table;
}

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

  constructor(private readonly table: BudgetTable) {}

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
