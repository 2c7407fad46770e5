// Takes the planned snapshots of published posts (+1 h, +24 h, +7 d, +30 d), replies and daily followers, within each network's budget.

import { type Problem, problem, wordsFor } from '../../../shared/contract';
import type { Clock, TimerHandle } from '../clock';
import { logSurvived } from '../logs/survived';
import { type AccountContextDeps, accountContextFor } from '../platforms/accountContext';
import { type PlatformAdapter, PlatformError, type PlatformRegistry, type PostSnapshot } from '../platforms/types';
import type { StoredAccount } from '../repos/accounts';
import { type BudgetTable, budgetsOf, RateBudgets } from '../scheduler/rateBudgets';
import type { MetricsStore } from '../stores/types';
import type { FollowedTarget } from './metricsRepo';
import { dueMilestone, type Milestone, nextMilestoneAt } from './milestones';
import { sourceOf } from './sources';

const MIN_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;
/** Without anything planned, look again this often (followers are read once a day). */
const IDLE_MS = 60 * 60_000;
/** Pokes come in bursts (a team editing a calendar): one pass after the burst, not one per poke. */
const AFTER_POKE_MS = 1_000;

const said = (accountId: string, p: Problem, retryAt: number | null): AccountProblem => ({
  accountId,
  message: wordsFor(p),
  problem: p,
  retryAt,
});

export interface CollectorDeps extends AccountContextDeps {
  readonly platforms: PlatformRegistry;
  readonly repo: MetricsStore;
  readonly clock: Clock;
  /** Only the instance that holds the publishing lease collects on its own. */
  readonly isLeader: () => boolean;
  readonly onCollected: (postIds: readonly string[]) => void;
  /** Reading budgets in place of the adapters' own `metricsBudget`. */
  readonly budgets?: BudgetTable;
}

export interface AccountProblem {
  readonly accountId: string;
  /** The problem's English words (the catalog's), for the CLI and scripts. */
  readonly message: string;
  /** The problem from the catalog, for pages to word. */
  readonly problem: Problem;
  /** When the collector tries this account again. */
  readonly retryAt: number | null;
}

export interface CollectSummary {
  readonly snapshots: number;
  readonly deleted: number;
  readonly replies: number;
  readonly followers: number;
  /** Snapshots that were due but could not be taken now; they stay due and are taken on a later pass. */
  readonly pending: number;
  readonly problems: readonly AccountProblem[];
}

interface Work {
  readonly target: FollowedTarget;
  readonly milestone: Milestone;
}

export class MetricsCollector {
  readonly #budgets: RateBudgets;
  readonly #backoff = new Map<string, { until: number; failures: number; problem: Problem }>();
  /** Accounts whose network refuses to give their replies (X without search), with its words. */
  readonly #refusals = new Map<string, Problem>();
  #timer: TimerHandle | null = null;
  /** When the armed timer fires (null while none is armed, or its tick is running). */
  #armedAt: number | null = null;
  #stopped = false;
  #running: Promise<void> | null = null;

  constructor(private readonly d: CollectorDeps) {
    // Each network declares its reading budget (kept well under its limit, so publishing and the panel keep most of it).
    this.#budgets = new RateBudgets(d.budgets ?? budgetsOf(d.platforms, (a) => a.metricsBudget));
  }

  start(): void {
    this.#stopped = false;
    this.#arm(0);
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = null;
    this.#armedAt = null;
  }

  /** Something was published or the network came back: look again within a second. */
  poke(): void {
    if (!this.#stopped && this.#timer !== null) this.#armWithin(AFTER_POKE_MS);
  }

  problems(): AccountProblem[] {
    return [
      ...[...this.#backoff].map(([accountId, b]) => said(accountId, b.problem, b.until)),
      ...[...this.#refusals].filter(([id]) => !this.#backoff.has(id)).map(([accountId, p]) => said(accountId, p, null)),
    ];
  }

  /**
   * One pass. With `targetIds` (the user asked for fresh numbers) those posts get a 'manual' snapshot now,
   * whatever is planned; without, every planned snapshot that is due is taken, plus today's follower counts.
   */
  collect(request: { targetIds?: readonly string[] } = {}): Promise<CollectSummary> {
    const previous = this.#running ?? Promise.resolve();
    const run = previous.then(() => this.#collect(request));
    // The queue only orders passes; the caller sees this pass's failure, the next pass does not inherit it.
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#running = settled;
    void settled.then(() => {
      if (this.#running === settled) this.#running = null;
    });
    return run;
  }

  async #collect(request: { targetIds?: readonly string[] }): Promise<CollectSummary> {
    const now = this.d.clock.now();
    const manual = request.targetIds !== undefined;
    const work: Work[] = manual
      ? (await Promise.all((request.targetIds ?? []).map((id) => this.d.repo.target(id)))).flatMap((t) =>
          t && !t.deleted ? [{ target: t, milestone: 'manual' as const }] : [],
        )
      : (await this.d.repo.followed(now)).flatMap((t) => {
          const m = t.deleted ? null : dueMilestone(t.publishedAt, t.taken, now);
          return m ? [{ target: t, milestone: m }] : [];
        });
    const byAccount = new Map<string, Work[]>();
    for (const w of work) {
      const list = byAccount.get(w.target.accountId);
      if (list) list.push(w);
      else byAccount.set(w.target.accountId, [w]);
    }
    const totals = { snapshots: 0, deleted: 0, replies: 0, followers: 0, pending: 0 };
    const problems: AccountProblem[] = [];
    const changedPosts = new Set<string>();
    const accounts = await this.d.accounts.list();
    for (const account of accounts) {
      const items = byAccount.get(account.id) ?? [];
      const adapter = this.d.platforms.get(account.platform);
      if (!adapter?.snapshotPosts) continue;
      const wantsFollowers = !manual && !!adapter.fetchAccountNumbers && !(await this.d.repo.hasFollowersOn(account.id, now));
      if (items.length === 0 && !wantsFollowers) continue;
      const held = this.#backoff.get(account.id);
      if (held && held.until > now && !manual) {
        totals.pending += items.length;
        problems.push(said(account.id, held.problem, held.until));
        continue;
      }
      try {
        const r = await this.#collectAccount(account, adapter, items, wantsFollowers, now);
        totals.snapshots += r.snapshots;
        totals.deleted += r.deleted;
        totals.replies += r.replies;
        totals.followers += r.followers;
        totals.pending += r.pending;
        for (const id of r.posts) changedPosts.add(id);
        if (r.repliesRefused !== null)
          this.#refusals.set(account.id, problem('metrics_replies_refused', { account: account.name, reason: r.repliesRefused }));
        else if (r.replies > 0) this.#refusals.delete(account.id);
        if (r.pending === 0) this.#backoff.delete(account.id);
        else if (!this.#backoff.has(account.id))
          this.#backoff.set(account.id, {
            until: now + MIN_BACKOFF_MS,
            failures: 0,
            problem: problem('metrics_not_readable_yet', { account: account.name }),
          });
      } catch (e) {
        const problem = this.#failed(account, e, now);
        totals.pending += items.length;
        problems.push(problem);
      }
    }
    // A refusal lasts (an access tier): every pass the user starts says it again.
    for (const [accountId, p] of this.#refusals)
      if (!problems.some((x) => x.accountId === accountId)) problems.push(said(accountId, p, null));
    if (changedPosts.size > 0) this.d.onCollected([...changedPosts]);
    return { ...totals, problems };
  }

  async #collectAccount(account: StoredAccount, adapter: PlatformAdapter, items: readonly Work[], wantsFollowers: boolean, now: number) {
    const ctx = await accountContextFor(this.d, account);
    if (!ctx) throw new PlatformError('auth', `Kairos cannot open the sign-in of ${account.name}. Reconnect it in Accounts.`);
    const source = sourceOf(account.platform);
    const out = {
      snapshots: 0,
      deleted: 0,
      replies: 0,
      followers: 0,
      pending: 0,
      posts: new Set<string>(),
      repliesRefused: null as string | null,
    };
    // Each network says how many posts one call reads (Bluesky 25, X 100, a Nostr account's relays many); one when it does not.
    const batch = adapter.snapshotBatchSize ?? 1;
    for (let i = 0; i < items.length; i += batch) {
      const chunk = items.slice(i, i + batch);
      if (!this.#spend(account, now)) {
        out.pending += items.length - i;
        this.#wait(account, now);
        break;
      }
      const snaps = await adapter.snapshotPosts?.(
        chunk.map((w) => ({ targetId: w.target.targetId, remoteId: w.target.remoteId, ref: { uri: w.target.remoteId } })),
        ctx,
      );
      const byTarget = new Map((snaps ?? []).map((s) => [s.targetId, s]));
      const taken: { snapshot: PostSnapshot; milestone: Milestone }[] = [];
      for (const w of chunk) {
        const s = byTarget.get(w.target.targetId);
        if (!s) {
          out.pending++;
          continue;
        }
        taken.push({ snapshot: s, milestone: w.milestone });
        out.posts.add(w.target.postId);
        if (s.state === 'deleted') out.deleted++;
        else out.snapshots++;
      }
      await this.d.repo.saveSnapshots(taken, source, this.d.clock.now());
      for (const t of taken) {
        if (t.snapshot.state !== 'counted' || t.snapshot.replies === 0 || !adapter.fetchReplies) continue;
        const w = chunk.find((x) => x.target.targetId === t.snapshot.targetId) as Work;
        if (out.repliesRefused !== null || !this.#spend(account, now)) break;
        try {
          const replies = await adapter.fetchReplies({ targetId: w.target.targetId, remoteId: w.target.remoteId }, ctx);
          await this.d.repo.saveAudience(account.id, 'reply', w.target.targetId, replies, this.d.clock.now());
          out.replies += replies.length;
        } catch (e) {
          // The network will not give replies to this account at all: keep the counts, say why there is no text.
          if (!(e instanceof PlatformError && e.kind === 'invalid')) throw e;
          out.repliesRefused = e.message;
        }
      }
    }
    if (wantsFollowers && adapter.fetchAccountNumbers && this.#spend(account, now)) {
      await this.d.repo.saveFollowers(account.id, await adapter.fetchAccountNumbers(ctx), source, this.d.clock.now());
      out.followers++;
    }
    return out;
  }

  #spend(account: StoredAccount, now: number): boolean {
    if (this.#budgets.waitFor(account.platform, account.id, now) > 0) return false;
    this.#budgets.take(account.platform, account.id, now);
    return true;
  }

  #wait(account: StoredAccount, now: number): void {
    const wait = Math.max(1_000, this.#budgets.waitFor(account.platform, account.id, now));
    this.#backoff.set(account.id, { until: now + wait, failures: 0, problem: problem('metrics_spacing_out', {}) });
  }

  #failed(account: StoredAccount, e: unknown, now: number): AccountProblem {
    const previous = this.#backoff.get(account.id);
    const failures = (previous?.failures ?? 0) + 1;
    const error = e instanceof PlatformError ? e : new PlatformError('transient', (e as Error).message);
    const wait =
      error.kind === 'auth' || error.kind === 'gone'
        ? MAX_BACKOFF_MS
        : (error.options.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (failures - 1)));
    const p = problem('metrics_failed', { account: account.name, reason: error.message });
    this.#backoff.set(account.id, { until: now + wait, failures, problem: p });
    return said(account.id, p, now + wait);
  }

  #arm(ms: number): void {
    this.#timer?.cancel();
    this.#armedAt = this.d.clock.now() + ms;
    this.#timer = this.d.clock.setTimer(ms, () => {
      this.#armedAt = null;
      void this.#tick();
    });
  }

  /** Arms the timer unless it already fires within `ms` (a poke during a tick is not forgotten by its end). */
  #armWithin(ms: number): void {
    if (this.#armedAt !== null && this.#armedAt <= this.d.clock.now() + ms) return;
    this.#arm(ms);
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return;
    let delay = IDLE_MS;
    try {
      if (this.d.isLeader()) await this.collect();
      delay = await this.#nextDelay();
    } catch (e) {
      // A pass that failed as a whole is tried again at the next tick; the database closing under it is expected.
      if (!this.#stopped) logSurvived('a pass of the metrics collector failed', e);
    }
    if (!this.#stopped) this.#armWithin(delay);
  }

  async #nextDelay(): Promise<number> {
    const now = this.d.clock.now();
    let next = now + IDLE_MS;
    for (const t of await this.d.repo.followed(now)) {
      if (t.deleted) continue;
      const at = nextMilestoneAt(t.publishedAt, t.taken, now);
      if (at !== null) next = Math.min(next, at);
    }
    for (const b of this.#backoff.values()) if (b.until > now) next = Math.min(next, b.until);
    return Math.max(1_000, next - now);
  }
}
