// Runs hand-off in the background: at start-up, after changes, periodically, and on demand; also pulls posts back for the crisis brake.

import type { PostMetrics } from '../../../../shared/signals';
import type { TimerHandle } from '../../../core/clock';
import type { BackendContext } from '../../../core/context';
import { configOf } from '../config';
import { DEFAULT_MEDIA_TIMING, type MediaTiming } from '../media';
import { fetchMetrics } from '../signals';
import { AccessCache } from './access';
import { type HandoffMetricsStore, type HandoffStore, handoffStores } from './stores';
import { type HandoffSummary, SyncPass } from './syncPass';

/** Local checks are cheap (SQL only); the network is used only when something changed. */
const TICK_MS = 60_000;
/** Without any account that hands off, check rarely (a new account is picked up at the next tick). */
const IDLE_TICK_MS = 10 * 60_000;
const RECONCILE_EVERY_MS = 10 * 60_000;
/** A handed-off post is looked for this long after its time (the server's queue may lag a little). */
const AFTER_FIRE_MS = 60_000;
const METRICS_EVERY_MS = 30 * 60_000;
const METRICS_WINDOW_MS = 48 * 3_600_000;
/** Posts change in bursts (a team editing a calendar): one pass looks at the burst, not one pass per change. */
const AFTER_CHANGES_MS = 1_000;

export interface PullBackResult {
  readonly summary: HandoffSummary;
  readonly pulledBackIds: readonly string[];
}

export class HandoffController {
  readonly repo: HandoffStore;
  readonly metrics: HandoffMetricsStore;
  #timer: TimerHandle | null = null;
  /** When the armed timer fires (null while none is armed, or its tick is running). */
  #armedAt: number | null = null;
  #stopped = false;
  #queue: Promise<unknown> = Promise.resolve();
  #nextReconcile = Number.NEGATIVE_INFINITY;
  #nextMetrics = Number.NEGATIVE_INFINITY;
  lastError: string | null = null;

  constructor(
    private readonly ctx: BackendContext,
    private readonly timing: MediaTiming = DEFAULT_MEDIA_TIMING,
  ) {
    const stores = ctx.stores.extension(handoffStores);
    this.repo = stores.handoffs;
    this.metrics = stores.metrics;
  }

  /** The first pass runs as soon as the shell has started; a process that does not publish (one-shot CLI) never acts. */
  start(): void {
    this.#arm(0);
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = null;
    this.#armedAt = null;
  }

  /** Posts changed (created, edited, moved, cancelled): look again within a second. */
  postsChanged(): void {
    if (!this.#stopped) this.#armWithin(AFTER_CHANGES_MS);
  }

  #arm(ms: number): void {
    this.#timer?.cancel();
    this.#armedAt = this.ctx.clock.now() + ms;
    this.#timer = this.ctx.clock.setTimer(ms, () => {
      this.#armedAt = null;
      void this.#tick();
    });
  }

  /** Arms the timer unless it already fires within `ms` (a change during a tick is not forgotten by its end). */
  #armWithin(ms: number): void {
    if (this.#armedAt !== null && this.#armedAt <= this.ctx.clock.now() + ms) return;
    this.#arm(ms);
  }

  async #tick(): Promise<void> {
    if (this.#stopped) return;
    try {
      if (!this.ctx.stores.isOpen()) return this.stop();
      // Only the process that holds the publishing lease hands off, so two Kairos windows never both do.
      if (this.ctx.scheduler.running) await this.sync();
      if (!this.#stopped && this.ctx.stores.isOpen()) this.#armWithin(await this.#nextDelay());
    } catch (e) {
      // A database closed under a pass (the app quitting) ends the loop; anything else is retried at the next tick.
      this.lastError = (e as Error).message;
      if (this.ctx.stores.isOpen() && !this.#stopped) this.#armWithin(TICK_MS);
      else this.stop();
    }
  }

  async #nextDelay(): Promise<number> {
    const now = this.ctx.clock.now();
    const handingOff = (await this.ctx.accounts.list()).some((a) => a.platform === 'mastodon' && configOf(a).handoff.enabled);
    let next = handingOff ? TICK_MS : IDLE_TICK_MS;
    for (const r of await this.repo.rows()) {
      if (r.state === 'scheduled' && r.remoteAt !== null) next = Math.min(next, Math.max(1_000, r.remoteAt + AFTER_FIRE_MS - now));
    }
    return next;
  }

  /** Resolves once no pass is queued or running. */
  async settled(): Promise<void> {
    for (let q = this.#queue; ; q = this.#queue) {
      await q;
      if (q === this.#queue) return;
    }
  }

  /** One full pass; passes never overlap. `reconcile` forces comparing with the servers' lists now. */
  sync(options: { reconcile?: boolean } = {}): Promise<HandoffSummary> {
    const run = this.#queue.then(() => this.#syncOnce(options.reconcile === true));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #syncOnce(forceReconcile: boolean): Promise<HandoffSummary> {
    const now = this.ctx.clock.now();
    const access = new AccessCache(this.ctx);
    const pass = new SyncPass(this.ctx, this.repo, access, this.timing);
    for (const row of await this.repo.rows()) await pass.maintain(row);
    const reconcileAll = forceReconcile || now >= this.#nextReconcile;
    const handedOff = new Set((await this.repo.rows()).filter((r) => r.state === 'scheduled'));
    for (const r of handedOff) {
      // A copy whose time has come is looked for right away, not at the next periodic check.
      if (reconcileAll || (r.remoteAt !== null && r.remoteAt <= now)) pass.reconcileAccounts.add(r.accountId);
    }
    for (const accountId of pass.reconcileAccounts) await pass.reconcile(accountId);
    if (reconcileAll) this.#nextReconcile = now + RECONCILE_EVERY_MS;
    await pass.handOver();
    if (now >= this.#nextMetrics) {
      this.#nextMetrics = now + METRICS_EVERY_MS;
      await this.refreshMetrics({ since: now - METRICS_WINDOW_MS }).catch((e: unknown) => pass.summary.errors.push((e as Error).message));
    }
    this.#finish(pass);
    this.lastError = pass.summary.errors[0] ?? null;
    return pass.summary;
  }

  #finish(pass: SyncPass): void {
    if (pass.changedPosts.size) this.ctx.emit({ type: 'posts.changed', postIds: [...pass.changedPosts] });
    // A post given back is Kairos's to publish; one the server published may be followed up (evergreen, first comments).
    if (pass.released || pass.summary.published > 0) this.ctx.scheduler.wake();
  }

  /**
   * Takes handed-off posts back from the servers so that Kairos alone decides when they go out (the crisis
   * brake, a paused account). All of them when `targetIds` is omitted; `accountId` limits it to one account.
   */
  pullBack(filter: { targetIds?: readonly string[]; accountId?: string }, reason: string): Promise<PullBackResult> {
    const run = this.#queue.then(async () => {
      const now = this.ctx.clock.now();
      const access = new AccessCache(this.ctx);
      const pass = new SyncPass(this.ctx, this.repo, access, this.timing);
      const wanted = filter.targetIds ? new Set(filter.targetIds) : null;
      for (const row of await this.repo.rows()) {
        if (row.state !== 'scheduled' || (wanted && !wanted.has(row.targetId))) continue;
        if (filter.accountId && row.accountId !== filter.accountId) continue;
        const a = await access.get(row.accountId);
        if (!a) {
          const name = (await this.ctx.accounts.get(row.accountId))?.name ?? 'A removed account';
          pass.summary.errors.push(
            `${name}: a post scheduled on its server could not be taken back (log in again in Accounts, or delete it there).`,
          );
          continue;
        }
        try {
          await pass.takeBack(a, row, await this.repo.snapshot(row.targetId), reason);
        } catch (e) {
          pass.summary.errors.push(await access.fail(a, e, now));
        }
      }
      for (const accountId of pass.reconcileAccounts) await pass.reconcile(accountId);
      this.#finish(pass);
      return { summary: pass.summary, pulledBackIds: pass.pulledBackIds };
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Fetches favourites, boosts and replies for published Mastodon posts and stores them with the time. */
  async refreshMetrics(filter: { postId?: string; since?: number }): Promise<PostMetrics[]> {
    const targets = await this.metrics.published(filter);
    const access = new AccessCache(this.ctx);
    const byAccount = new Map<string, typeof targets>();
    for (const t of targets) byAccount.set(t.accountId, [...(byAccount.get(t.accountId) ?? []), t]);
    const errors: string[] = [];
    for (const [accountId, refs] of byAccount) {
      const a = await access.get(accountId);
      if (!a) continue;
      try {
        const numbers = await fetchMetrics(refs, a.actx);
        await this.metrics.save(numbers, new Map(refs.map((r) => [r.targetId, r.remoteId])), this.ctx.clock.now());
      } catch (e) {
        errors.push(await access.fail(a, e, this.ctx.clock.now()));
      }
    }
    if (errors.length && errors.length === byAccount.size) throw new Error(errors.join(' '));
    return this.metrics.of(targets.map((t) => t.targetId));
  }
}
