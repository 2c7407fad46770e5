// Fetches signals from each account's network into the cache, politely: only what is stale, within budget, never ahead of publishing.

import type { ConversationAlert, SourceStatus } from '../../../shared/contract/conversation';
import { matchWatchTerms, mentionsTerm, perHour, sameTag, type WatchTerm } from '../../../shared/conversation';
import type { SignalPost, TrendItem } from '../../../shared/signals';
import type { Clock } from '../clock';
import { newId } from '../ids';
import { type AccountContextDeps, accountContextFor, whyNoContext } from '../platforms/accountContext';
import type { PlatformAdapter, PlatformRegistry } from '../platforms/types';
import type { StoredAccount } from '../repos/accounts';
import type { AccountsStore, SignalCacheStore, WatchlistStore } from '../stores/types';
import type { SignalBudget } from './budget';
import type { NewAlert } from './watchlist';

/** How old each kind of signal may get before the panel asks again. */
export const STALE_AFTER_MS = { trends: 15 * 60_000, mentions: 5 * 60_000, search: 10 * 60_000 } as const;
const MAX_ITEMS = 40;

export interface RefreshPlan {
  readonly accountIds: readonly string[];
  /** Normalised search terms. */
  readonly terms: readonly string[];
  readonly trends?: boolean;
  readonly mentions?: boolean;
  /** Ignore freshness (the user pressed Refresh, or a pre-flight check). */
  readonly force?: boolean;
  /** The user asked: try again now even after an error (a network's own Retry-After still holds). */
  readonly userAsked?: boolean;
  /** The post a pre-flight check is for: its own due time does not count as "publishing soon". */
  readonly forPostId?: string;
}

export interface RefresherDeps extends AccountContextDeps {
  readonly accounts: AccountsStore;
  readonly platforms: PlatformRegistry;
  readonly cache: SignalCacheStore;
  readonly budget: SignalBudget;
  readonly watchlist: WatchlistStore;
  readonly clock: Clock;
  /** True while a post for this account is due or publishing: publishing's requests come first. */
  readonly publishingSoon: (accountId: string, now: number, exceptPostId?: string) => Promise<boolean>;
  readonly onUpdated: (accountIds: readonly string[]) => void;
  readonly onAlert: (alert: ConversationAlert) => void;
}

export function supportsOf(adapter: PlatformAdapter | undefined): SourceStatus['supports'] {
  return {
    trends: typeof adapter?.fetchTrends === 'function',
    search: typeof adapter?.searchRecent === 'function',
    mentions: typeof adapter?.fetchMentions === 'function',
  };
}

const excerpt = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export class SignalRefresher {
  readonly #inflight = new Map<string, Promise<void>>();

  constructor(private readonly d: RefresherDeps) {}

  get busy(): boolean {
    return this.#inflight.size > 0;
  }

  /** Resolves when no refresh is running (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight.values()]);
  }

  /** Whether anything in the plan is old enough to fetch again (ignoring budgets). */
  async isStale(plan: RefreshPlan, now: number): Promise<boolean> {
    for (const id of plan.accountIds) {
      const account = await this.d.accounts.get(id);
      if (account && (await this.#staleParts(account, plan, now)).length > 0) return true;
    }
    return false;
  }

  async #staleParts(
    account: StoredAccount,
    plan: RefreshPlan,
    now: number,
  ): Promise<({ kind: 'trends' | 'mentions' } | { kind: 'search'; term: string })[]> {
    const { cache } = this.d;
    const supports = supportsOf(this.d.platforms.get(account.platform));
    // A forced refresh fetches everything the network supports: the cache need not be read.
    const old = async (fetchedAt: () => Promise<number | undefined>, maxAge: number) => {
      if (plan.force) return true;
      const at = await fetchedAt();
      return at === undefined || now - at >= maxAge;
    };
    const parts: ({ kind: 'trends' | 'mentions' } | { kind: 'search'; term: string })[] = [];
    if (
      plan.trends !== false &&
      supports.trends &&
      (await old(async () => (await cache.trends(account.id))?.fetchedAt, STALE_AFTER_MS.trends))
    )
      parts.push({ kind: 'trends' });
    if (
      plan.mentions !== false &&
      supports.mentions &&
      (await old(async () => (await cache.mentions(account.id))?.fetchedAt, STALE_AFTER_MS.mentions))
    )
      parts.push({ kind: 'mentions' });
    if (supports.search) {
      for (const term of plan.terms) {
        if (await old(async () => (await cache.search(account.id, term))?.fetchedAt, STALE_AFTER_MS.search))
          parts.push({ kind: 'search', term });
      }
    }
    return parts;
  }

  /** Refreshes each account in the plan; accounts side by side, one request at a time per account. Never throws. */
  async refresh(plan: RefreshPlan): Promise<void> {
    await Promise.all(
      plan.accountIds.map(async (accountId) => {
        // Wait for a refresh of the same account already running, then fetch only what is still stale.
        for (let running = this.#inflight.get(accountId); running; running = this.#inflight.get(accountId)) await running;
        const job = this.#refreshAccount(accountId, plan).finally(() => this.#inflight.delete(accountId));
        this.#inflight.set(accountId, job);
        await job;
      }),
    );
  }

  async #refreshAccount(accountId: string, plan: RefreshPlan): Promise<void> {
    const { accounts, platforms, budget, clock } = this.d;
    const account = await accounts.get(accountId);
    if (account?.status !== 'connected') return;
    const adapter = platforms.get(account.platform);
    if (!adapter) return;
    const now = clock.now();
    if (plan.userAsked) budget.forgiveErrors(accountId, now);
    const parts = await this.#staleParts(account, plan, now);
    if (parts.length === 0 || (await this.d.publishingSoon(accountId, now, plan.forPostId))) return;
    const ctx = await accountContextFor(this.d, account);
    if (!ctx) {
      budget.recordFailure(accountId, new Error(await whyNoContext(this.d, account)), now);
      return;
    }
    let changed = false;
    try {
      for (const part of parts) {
        if (!budget.tryTake(accountId, account.platform, clock.now())) break;
        if (part.kind === 'trends' && adapter.fetchTrends) {
          const items = (await adapter.fetchTrends(ctx)).slice(0, MAX_ITEMS);
          await this.d.cache.putTrends(accountId, items, clock.now());
          await this.#alertOnTrends(account, adapter, items);
        } else if (part.kind === 'mentions' && adapter.fetchMentions) {
          const items = (await adapter.fetchMentions(ctx)).slice(0, MAX_ITEMS);
          await this.d.cache.putMentions(accountId, items, clock.now());
          await this.#alertOnPosts(account, items, 'mention');
        } else if (part.kind === 'search' && adapter.searchRecent) {
          const found = await adapter.searchRecent({ terms: [part.term], limit: MAX_ITEMS }, ctx);
          const items = found.slice(0, MAX_ITEMS).map((p) => ({ ...p, term: part.term }));
          const at = clock.now();
          await this.d.cache.putSearch(
            accountId,
            part.term,
            items,
            perHour(
              items.map((p) => p.createdAt),
              at,
            ),
            at,
          );
          await this.#alertOnPosts(account, items, 'search');
        }
        changed = true;
      }
      // Only an answer clears an earlier error: a round cut short by the budget proves nothing.
      if (changed) budget.recordSuccess(accountId);
    } catch (e) {
      budget.recordFailure(accountId, e, clock.now());
      changed = true;
    }
    if (changed) this.d.onUpdated([accountId]);
  }

  /** Reads what is already cached against the watchlist (after a term was added), without asking any network. */
  async rescanCache(): Promise<void> {
    for (const account of await this.d.accounts.list()) {
      const adapter = this.d.platforms.get(account.platform);
      if (!adapter) continue;
      await this.#alertOnTrends(account, adapter, (await this.d.cache.trends(account.id))?.items ?? []);
      await this.#alertOnPosts(account, (await this.d.cache.mentions(account.id))?.items ?? [], 'mention');
      for (const { cached } of await this.d.cache.searches(account.id)) await this.#alertOnPosts(account, cached.items, 'search');
    }
  }

  async #raise(alert: NewAlert): Promise<void> {
    const raised = await this.d.watchlist.raise(alert, this.d.clock.now());
    if (raised) this.d.onAlert(raised);
  }

  async #alertOnTrends(account: StoredAccount, adapter: PlatformAdapter, items: readonly TrendItem[]): Promise<void> {
    if (items.length === 0) return;
    const watch = await this.d.watchlist.list();
    for (const item of items) {
      for (const w of watch.filter((w) => sameTag(item.name, w.term) || mentionsTerm(item.name, w.term))) {
        await this.#raise({
          id: newId('alr', this.d.clock.now()),
          kind: 'watch',
          dedupeKey: `trend:${account.id}:${item.name.toLowerCase()}:${w.id}`,
          watchTermId: w.id,
          term: w.term,
          severity: w.severity,
          source: 'trend',
          platform: account.platform,
          accountId: account.id,
          postId: null,
          text: `"${item.name}" is trending on ${adapter.displayName} (${account.handle}).`,
          url: item.url,
        });
      }
    }
  }

  async #alertOnPosts(account: StoredAccount, items: readonly SignalPost[], source: 'mention' | 'search'): Promise<void> {
    if (items.length === 0) return;
    const watch: WatchTerm[] = await this.d.watchlist.list();
    if (watch.length === 0) return;
    for (const item of items) {
      for (const w of matchWatchTerms(item.text, watch)) {
        await this.#raise({
          id: newId('alr', this.d.clock.now()),
          kind: 'watch',
          dedupeKey: `${source}:${account.id}:${item.id}:${w.id}`,
          watchTermId: w.id,
          term: w.term,
          severity: w.severity,
          source,
          platform: account.platform,
          accountId: account.id,
          postId: null,
          text: `${item.author}: ${excerpt(item.text)}`,
          url: item.url,
        });
      }
    }
  }

  /** How fresh an account's signals are and whether it is in trouble, for the panel. */
  async statusOf(account: StoredAccount, terms: readonly string[]): Promise<SourceStatus> {
    const { cache } = this.d;
    const adapter = this.d.platforms.get(account.platform);
    const supports = supportsOf(adapter);
    const times: number[] = [];
    const add = (t: number | undefined) => {
      if (t !== undefined) times.push(t);
    };
    if (supports.trends) add((await cache.trends(account.id))?.fetchedAt);
    if (supports.mentions) add((await cache.mentions(account.id))?.fetchedAt);
    if (supports.search) for (const t of terms) add((await cache.search(account.id, t))?.fetchedAt);
    const now = this.d.clock.now();
    const waitUntil = this.d.budget.waitUntil(account.id, now);
    return {
      accountId: account.id,
      platform: account.platform,
      label: `${account.name} (${adapter?.displayName ?? account.platform})`,
      supports,
      fetchedAt: times.length ? Math.min(...times) : null,
      error: this.d.budget.lastError(account.id),
      errorProblem: this.d.budget.lastProblem(account.id),
      waitUntil,
    };
  }
}
