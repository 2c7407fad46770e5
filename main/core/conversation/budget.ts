// How often Kairos may ask each network for signals: a per-account request budget, and backoff after errors.

import { type Problem, problem, wordsFor } from '../../../shared/contract/problems';
import type { PlatformId } from '../../../shared/domain';
import { type ConversationBudget, PlatformError, type PlatformRegistry } from '../platforms/types';
import { type BackoffPolicy, backoffDelay } from '../scheduler/backoff';

/**
 * For a network whose adapter declares no `conversationBudget`: 30 requests per 5 minutes per account, a small share
 * of any public API's limit. Each network's own share is declared by its adapter (main/platforms/<id>/adapter.ts).
 */
export const DEFAULT_CONVERSATION_BUDGET: ConversationBudget = { capacity: 30, windowMs: 5 * 60_000 };

/** The conversation budgets the given adapters declare, by platform id. */
export function conversationBudgetsOf(platforms: PlatformRegistry): Partial<Record<PlatformId, ConversationBudget>> {
  const rules: Partial<Record<PlatformId, ConversationBudget>> = {};
  for (const [id, adapter] of platforms) if (adapter.conversationBudget) rules[id] = adapter.conversationBudget;
  return rules;
}

export const SIGNAL_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 30 * 60_000, maxAttempts: Number.POSITIVE_INFINITY };

interface Bucket {
  tokens: number;
  at: number;
}

interface Trouble {
  failures: number;
  until: number;
  problem: Problem;
  /** The network itself asked us to wait; an explicit refresh does not override that. */
  rateLimited: boolean;
}

export class SignalBudget {
  readonly #buckets = new Map<string, Bucket>();
  readonly #trouble = new Map<string, Trouble>();

  constructor(
    private readonly rules: Readonly<Partial<Record<PlatformId, ConversationBudget>>>,
    private readonly random: () => number = Math.random,
  ) {}

  #bucket(accountId: string, platform: PlatformId, now: number): Bucket {
    const rule = this.rules[platform] ?? DEFAULT_CONVERSATION_BUDGET;
    const b = this.#buckets.get(accountId) ?? { tokens: rule.capacity, at: now };
    // Tokens come back steadily over the window rather than all at once.
    const refill = ((now - b.at) * rule.capacity) / rule.windowMs;
    b.tokens = Math.min(rule.capacity, b.tokens + Math.max(0, refill));
    b.at = now;
    this.#buckets.set(accountId, b);
    return b;
  }

  /** Takes one request from the account's budget; false when it is spent (or the network is backing off). */
  tryTake(accountId: string, platform: PlatformId, now: number): boolean {
    if (this.waitUntil(accountId, now) !== null) return false;
    const b = this.#bucket(accountId, platform, now);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** When the account may be asked again, or null when it may be asked now. */
  waitUntil(accountId: string, now: number): number | null {
    const t = this.#trouble.get(accountId);
    return t && t.until > now ? t.until : null;
  }

  lastError(accountId: string): string | null {
    const p = this.lastProblem(accountId);
    return p === null ? null : wordsFor(p);
  }

  /** The same, from the catalog, for pages to word. */
  lastProblem(accountId: string): Problem | null {
    return this.#trouble.get(accountId)?.problem ?? null;
  }

  /** Backs off after a failure: the network's Retry-After when it gave one, growing delays otherwise. */
  recordFailure(accountId: string, error: unknown, now: number): string {
    const prev = this.#trouble.get(accountId);
    const failures = (prev?.failures ?? 0) + 1;
    const pe = error instanceof PlatformError ? error : null;
    let wait: number;
    if (pe?.kind === 'rate_limited') wait = pe.options.retryAfterMs ?? 60_000;
    else if (pe?.kind === 'auth' || pe?.kind === 'gone') wait = SIGNAL_BACKOFF.capMs;
    else wait = backoffDelay(failures, SIGNAL_BACKOFF, 0.5 + this.random() / 2);
    const p = pe
      ? problem('platform_said', { reason: pe.message })
      : problem('conversation_unreadable', { detail: (error as Error).message });
    this.#trouble.set(accountId, { failures, until: now + wait, problem: p, rateLimited: pe?.kind === 'rate_limited' });
    return wordsFor(p);
  }

  recordSuccess(accountId: string): void {
    this.#trouble.delete(accountId);
  }

  /** Forgets errors, for an explicit refresh by the user; a network's own Retry-After still holds. */
  forgiveErrors(accountId: string, now: number): void {
    const t = this.#trouble.get(accountId);
    if (t && !t.rateLimited) this.#trouble.set(accountId, { ...t, until: now });
  }
}
