// The scheduler: bounded waits that re-read the queue, a claim before every network call, one post per account at a time.

import { type Problem, problem as problemOf, type SchedulerStatus, wordsFor } from '../../../shared/contract';
import type { Clock, TimerHandle } from '../clock';
import { isCorruption, storageProblemOf } from '../db/database';
import { logSurvived } from '../logs/survived';
import type { MediaStore } from '../media/mediaStore';
import type { PlatformRegistry } from '../platforms/types';
import type { AttemptOutcome, ClaimedTarget } from '../publishing/types';
import type { SecretStore } from '../secrets/secretStore';
import type { AccountsStore, LeaseStore, PostsStore, QueueStore } from '../stores/types';
import { type FoundAccount, findAccountContext, runAttempt } from './attempt';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';
import type { HandoffController } from './pause';
import { budgetsOf, RateBudgets } from './rateBudgets';
import { recoverAbandoned } from './recovery';
import {
  DEFAULT_GRACE_MS,
  DEFAULT_TUNING,
  type EngineParts,
  HELD_ELSEWHERE_RECHECK_MS,
  LEASE_RENEW_MS,
  LEASE_TTL_MS,
  PUBLISH_LEASE_MS,
  type SchedulerTuning,
} from './tuning';

export { DEFAULT_GRACE_MS, DEFAULT_TUNING, type EngineParts, MAX_WAIT_MS, PUBLISH_LEASE_MS, type SchedulerTuning } from './tuning';

/** Work a feature does on each pass while this process holds the publishing lease (first comments, evergreen queues). */
export interface PassTask {
  run(now: number): Promise<void> | void;
  /** When the task next has something to do, so the scheduler wakes for it; null when nothing waits. */
  nextAt(now: number): number | null;
}

export interface SchedulerDeps {
  readonly posts: PostsStore;
  readonly accounts: AccountsStore;
  readonly platforms: PlatformRegistry;
  readonly secrets: SecretStore;
  readonly mediaStore: MediaStore;
  readonly clock: Clock;
  readonly lease: LeaseStore;
  readonly onPostsChanged: (postIds: readonly string[]) => void;
  readonly onAccountsChanged: () => void;
  readonly onStatus: (status: SchedulerStatus) => void;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  /** Calls back when another process commits to the database (a post added from the CLI), so we wake for it. */
  readonly watchExternalChanges?: (onChange: () => void) => { stop(): void };
  /** Knobs that differ from DEFAULT_TUNING (tests and benchmarks); fixed for this scheduler's life. */
  readonly tuning?: Partial<SchedulerTuning>;
}

export class Scheduler {
  #timer: TimerHandle | null = null;
  /** When the armed timer fires (null while none is armed). */
  #timerAt: number | null = null;
  /** When the last pass started (minPassGapMs counts from it). */
  #lastPassAt = Number.NEGATIVE_INFINITY;
  #running = false;
  #heldElsewhere = false;
  #busy: Promise<void> | null = null;
  #again = false;
  #lastError: Problem | null = null;
  /** Set when the database is damaged: nothing more is claimed until it is restored. */
  #halted: Problem | null = null;
  /** The last storage failure (disk full, read-only, damaged) in words, until a pass succeeds. */
  #storageError: Problem | null = null;
  #online = true;
  #leaseRenewedAt = Number.NEGATIVE_INFINITY;
  #budgetWakeAt: number | null = null;
  readonly #tuning: SchedulerTuning;
  readonly #budgets: RateBudgets;
  #engine: EngineParts | null = null;
  #handoff: HandoffController | null = null;
  #externalWatch: { stop(): void } | null = null;
  readonly #inFlight = new Map<string, Promise<void>>();
  /** When the last pass looked for due targets: anything due after it has not been seen yet. */
  #lookedForDueAt: number | null = null;
  readonly #passTasks: PassTask[] = [];
  /** Outcomes known in memory that the database refused (disk full): written as soon as it accepts them. */
  readonly #unrecorded = new Map<string, AttemptOutcome>();
  readonly #backoff: BackoffPolicy;
  readonly #random: () => number;
  readonly queue: QueueStore;

  constructor(private readonly d: SchedulerDeps) {
    this.#backoff = d.backoff ?? DEFAULT_BACKOFF;
    this.#random = d.random ?? Math.random;
    this.#tuning = { ...DEFAULT_TUNING, ...d.tuning };
    this.#budgets = new RateBudgets(this.#tuning.budgets ?? budgetsOf(d.platforms, (a) => a.publishBudget));
    this.queue = d.posts.queue;
  }

  /** Attaches the crisis brake, recurring series and upkeep (done by the engine feature when the backend starts). */
  attachEngine(parts: EngineParts): void {
    this.#engine = parts;
    parts.brake.setHandoffController(this.#handoff);
  }

  get engine(): EngineParts | null {
    return this.#engine;
  }

  /** Adds a feature's pass task; it runs after publishing, so it never makes a post late. */
  addPassTask(task: PassTask): void {
    this.#passTasks.push(task);
  }

  /** Lets the hand-off feature pull network-scheduled posts back when publishing is paused. */
  setHandoffController(controller: HandoffController | null): void {
    // Kept here too, so the order in which features start does not matter.
    this.#handoff = controller;
    this.#engine?.brake.setHandoffController(controller);
  }

  get holder(): string {
    return this.d.lease.holder;
  }

  /** False after a network error until a publish succeeds or the shell reports the network is back. */
  get online(): boolean {
    return this.#online;
  }

  /** Whether this process publishes now: started, holding the lease, not halted (status().running, without a read). */
  get running(): boolean {
    return this.#running && !this.#heldElsewhere && this.#halted === null;
  }

  /** A storage problem in words (damaged, disk full, read-only), or null. */
  get storageError(): string | null {
    const p = this.storageErrorProblem;
    return p === null ? null : wordsFor(p);
  }

  /** The same storage problem from the catalog, for pages to word. */
  get storageErrorProblem(): Problem | null {
    return this.#halted ?? this.#storageError;
  }

  async status(): Promise<SchedulerStatus> {
    const running = this.running;
    const heldElsewhere = this.#heldElsewhere;
    const lastError = this.#halted ?? this.#lastError;
    return {
      running,
      heldElsewhere,
      holder: heldElsewhere ? await this.d.lease.describeHolder() : null,
      nextDueAt: await this.d.posts.nextDueAt(),
      lastError: lastError ? wordsFor(lastError as Problem) : null,
      lastErrorProblem: lastError,
    };
  }

  /** Tells the shells the status; a store that cannot answer (closing, damaged) is reported by the next pass. */
  #announce(): void {
    this.status().then(
      (status) => this.d.onStatus(status),
      (e) => logSurvived('the scheduler status could not be read', e),
    );
  }

  /** Starts the loop. Resolves false when another process holds the publishing lease (we keep checking). */
  async start(): Promise<boolean> {
    this.#running = true;
    let got = false;
    try {
      got = await this.d.lease.acquire(this.d.clock.now(), LEASE_TTL_MS);
    } catch (e) {
      this.#fail(e);
    }
    this.#heldElsewhere = !got;
    this.#externalWatch ??= this.d.watchExternalChanges?.(() => this.wake()) ?? null;
    this.#announce();
    this.wake();
    return got;
  }

  /** Re-reads the queue now: after a change to it, on resume from sleep, screen unlock, network return. */
  wake(): void {
    if (!this.#running) return;
    if (this.#busy) {
      this.#timer?.cancel();
      this.#timer = null;
      this.#timerAt = null;
      this.#again = true;
      return;
    }
    // Too soon after the last pass: one pass at the end of the gap answers this wake and every other until then.
    // (A clock set back since then does not make it wait.)
    const now = this.d.clock.now();
    const gapEndsAt = this.#lastPassAt + this.#tuning.minPassGapMs;
    if (now < gapEndsAt && now >= this.#lastPassAt) {
      if (this.#timerAt === null || this.#timerAt > gapEndsAt) this.#arm(gapEndsAt);
      return;
    }
    this.#timer?.cancel();
    this.#timer = null;
    this.#timerAt = null;
    this.#lastPassAt = now;
    // The pass, then when to wake next (null: at once); the timer is set once the pass has fully ended.
    let wakeAt: number | null | undefined;
    this.#busy = this.#pass()
      .then((at) => {
        wakeAt = at;
      })
      .finally(() => {
        this.#busy = null;
        if (this.#again || wakeAt === null) {
          this.#again = false;
          this.wake();
        } else {
          this.#arm(wakeAt ?? this.d.clock.now() + this.#tuning.maxWaitMs);
        }
      });
  }

  /** One pass, then when the next one is due: null when something came due while it ran. */
  async #pass(): Promise<number | null> {
    await this.#tick();
    if (await this.#cameDueDuringPass()) return null;
    try {
      return await this.#nextWakeAt();
    } catch (e) {
      this.#fail(e);
      return this.d.clock.now() + this.#tuning.maxWaitMs;
    }
  }

  /** A target whose time came after this pass looked for due work (while later steps ran) must not wait for the next wake. */
  async #cameDueDuringPass(): Promise<boolean> {
    const since = this.#lookedForDueAt;
    if (since === null || !this.#running || this.#heldElsewhere || this.#halted) return false;
    try {
      const due = await this.queue.nextDueAfter(since);
      return due !== null && due <= this.d.clock.now();
    } catch (e) {
      this.#fail(e);
      return false;
    }
  }

  /** The shell's network monitor calls this; on return, everything waiting for the network is due at once. */
  async networkChanged(online: boolean): Promise<void> {
    const was = this.#online;
    this.#online = online;
    if (online) {
      try {
        const changed = await this.queue.networkReturned(this.d.clock.now());
        if (changed.length) this.d.onPostsChanged([...new Set(changed)]);
      } catch (e) {
        this.#fail(e);
      }
      this.wake();
    }
    if (was !== online) this.#engine?.onEngineChanged();
  }

  /** Targets waiting for the network (for the shell's "N posts waiting" badge). */
  async waitingForNetwork(): Promise<number> {
    return (await this.queue.counts()).waitingForNetwork;
  }

  #arm(at: number): void {
    if (!this.#running) return;
    const now = this.d.clock.now();
    this.#timer?.cancel();
    this.#timerAt = at;
    this.#timer = this.d.clock.setTimer(Math.max(0, at - now), () => {
      this.#timer = null;
      this.#timerAt = null;
      this.wake();
    });
  }

  /** When the next pass is due: the bounded wait, the next due target, a refilled budget, a pause's end, a task. */
  async #nextWakeAt(): Promise<number> {
    const now = this.d.clock.now();
    const candidates = [now + this.#tuning.maxWaitMs];
    // Waiting for another process's lease: look again soon, so a holder that died is replaced in seconds.
    if (this.#heldElsewhere) candidates.push(now + HELD_ELSEWHERE_RECHECK_MS);
    // Targets already due but blocked (account needs re-login, rate limit) are re-read on the bounded wait, not in a loop.
    const nextDue = await this.queue.nextDueAfter(now);
    if (nextDue !== null) candidates.push(nextDue);
    // A budget that has refilled while the last pass was finishing means "go again now", not "wait a minute".
    if (this.#budgetWakeAt !== null) candidates.push(Math.max(now, this.#budgetWakeAt));
    for (const p of (await this.#engine?.brake.pausesEndingAfter(now)) ?? []) candidates.push(p);
    for (const task of this.#passTasks) {
      try {
        const at = task.nextAt(now);
        // At least a second away, so a task that keeps failing cannot spin the loop.
        if (at !== null) candidates.push(Math.max(now + 1000, at));
      } catch (e) {
        this.#fail(e);
      }
    }
    return Math.min(...candidates);
  }

  async #tick(): Promise<void> {
    this.#tuning.onPass();
    this.#budgetWakeAt = null;
    if (this.#halted) return;
    const now = this.d.clock.now();
    const had = this.#heldElsewhere;
    try {
      this.#heldElsewhere = !(await this.d.lease.acquire(now, LEASE_TTL_MS));
      this.#leaseRenewedAt = now;
    } catch (e) {
      this.#fail(e);
      return;
    }
    if (had !== this.#heldElsewhere) this.#announce();
    if (this.#heldElsewhere) return;
    try {
      await this.#flushUnrecorded();
      await this.#upkeep();
      await this.#drain();
      for (const task of this.#passTasks) if (await this.#ensureLease()) await task.run(this.d.clock.now());
      // Backups and other slow upkeep come after publishing, so they never make a post late.
      await this.#engine?.upkeep?.(this.d.clock.now());
      if (this.#lastError && this.#unrecorded.size === 0) {
        this.#lastError = null;
        this.#storageError = null;
        this.#announce();
      }
    } catch (e) {
      this.#fail(e);
    }
    this.#engine?.onEngineChanged();
  }

  #fail(e: unknown): void {
    const problem = storageProblemOf(e);
    if (problem) this.#storageError = problem;
    if (isCorruption(e)) this.#halted = problem;
    this.#lastError = problem ?? problemOf('scheduler_retrying', { detail: (e as Error)?.message ?? String(e) });
    this.#announce();
  }

  #graceMs(): number {
    return this.#engine?.graceMs() ?? DEFAULT_GRACE_MS;
  }

  /** Recovery, pauses, recurring series and the grace window, in that order, before anything new is claimed. */
  async #upkeep(): Promise<void> {
    const changed = new Set<string>();
    const add = (ids: readonly string[]) => {
      for (const id of ids) changed.add(id);
    };
    if (!(await this.#ensureLease())) return;
    add(await this.recoverAbandoned());
    const now = this.d.clock.now();
    const engine = this.#engine;
    if (engine) {
      add((await engine.brake.maintain()).changedPosts);
      add(await engine.recurring.reanchorLate(now, this.#graceMs()));
      add(await engine.recurring.materialize(now));
    }
    add(await this.d.posts.transitions.markMissed(now, this.#graceMs()));
    if (changed.size) this.d.onPostsChanged([...changed]);
  }

  /** Settles claims left in `publishing` by a process that stopped (see recovery.ts); returns the posts changed. */
  async recoverAbandoned(): Promise<string[]> {
    return recoverAbandoned({
      queue: this.queue,
      clock: this.d.clock,
      holder: this.holder,
      leaseMs: PUBLISH_LEASE_MS,
      inFlight: new Set(this.#inFlight.keys()),
      contextFor: (t) => this.#contextFor(t),
    });
  }

  /** Renews the publishing lease when it is getting old (long drains, a clock that jumped); false if it was lost. */
  async #ensureLease(): Promise<boolean> {
    const now = this.d.clock.now();
    if (now - this.#leaseRenewedAt <= LEASE_RENEW_MS) return true;
    this.#leaseRenewedAt = now;
    if (await this.d.lease.acquire(now, LEASE_TTL_MS)) return true;
    this.#heldElsewhere = true;
    this.#announce();
    return false;
  }

  async #drain(): Promise<number> {
    let started = 0;
    for (;;) {
      if (!this.#running || this.#halted || !(await this.#ensureLease())) break;
      started += await this.#startDue();
      if (this.#inFlight.size === 0) break;
      await Promise.race(this.#inFlight.values());
    }
    await Promise.all(this.#inFlight.values());
    return started;
  }

  /** Claims and starts the head of each account's line, within the concurrency cap and the rate budgets. */
  async #startDue(): Promise<number> {
    const now = this.d.clock.now();
    const free = this.#tuning.concurrency - this.#inFlight.size;
    if (free <= 0) return 0;
    this.#lookedForDueAt = now;
    let budgetWake: number | null = null;
    // Due posts of accounts whose login this process cannot open are not claimed; each says why it waits.
    const explained = await this.queue.explainUnreadable(now, this.d.secrets.kind);
    if (explained.length) this.d.onPostsChanged(explained);
    const chosen: { targetId: string; platform: string; accountId: string }[] = [];
    for (const c of await this.queue.dueCandidates(now, Math.max(50, free * 4), this.d.secrets.kind)) {
      if (chosen.length >= free) break;
      const wait = this.#budgets.waitFor(c.platform, c.accountId, now);
      if (wait > 0) {
        budgetWake = Math.min(budgetWake ?? Number.POSITIVE_INFINITY, now + wait);
        continue;
      }
      // Spent now, so the next candidate of the same platform sees what is left.
      this.#budgets.take(c.platform, c.accountId, now);
      chosen.push(c);
    }
    this.#budgetWakeAt = budgetWake;
    if (chosen.length === 0) return 0;
    // One transaction for the whole batch: every claim is on disk before the first network call starts.
    const claimed = await this.queue.claimMany(
      chosen.map((c) => c.targetId),
      now,
      PUBLISH_LEASE_MS,
      this.holder,
    );
    for (const c of chosen) if (!claimed.some((t) => t.targetId === c.targetId)) this.#budgets.giveBack(c.platform, c.accountId, now);
    if (claimed.length) this.d.onPostsChanged([...new Set(claimed.map((t) => t.postId))]);
    for (const t of claimed) {
      const run = this.#publishOne(t).finally(() => this.#inFlight.delete(t.targetId));
      this.#inFlight.set(t.targetId, run);
    }
    return claimed.length;
  }

  #contextFor(t: ClaimedTarget): Promise<FoundAccount | null> {
    return findAccountContext(this.d, t);
  }

  #publishOne(t: ClaimedTarget): Promise<void> {
    return runAttempt(t, {
      accounts: this.d.accounts,
      clock: this.d.clock,
      random: this.#random,
      backoff: this.#backoff,
      deadlineMs: this.#tuning.publishDeadlineMs,
      contextFor: (x) => this.#contextFor(x),
      unreadableHere: async (accountId) => (await this.d.secrets.problemHere(accountId))?.message ?? null,
      record: (x, outcome) => this.#record(x, outcome),
      onAccountsChanged: () => this.d.onAccountsChanged(),
      onNetwork: (online) => {
        if (online === this.#online) return;
        this.#online = online;
        this.#engine?.onEngineChanged();
      },
      fail: (e) => this.#fail(e),
    });
  }

  /** Writes an outcome; if storage refuses, keeps it in memory and retries on the next pass. */
  async #record(t: ClaimedTarget, outcome: AttemptOutcome): Promise<void> {
    try {
      await this.queue.finish(t.targetId, outcome, this.d.clock.now(), this.holder);
    } catch (e) {
      this.#unrecorded.set(t.targetId, outcome);
      this.#fail(e);
    }
    this.d.onPostsChanged([t.postId]);
  }

  async #flushUnrecorded(): Promise<void> {
    for (const [targetId, outcome] of this.#unrecorded) {
      await this.queue.finish(targetId, outcome, this.d.clock.now(), this.holder);
      this.#unrecorded.delete(targetId);
    }
  }

  /** Stops the loop after what is in flight has been recorded, and gives up the lease. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#timer?.cancel();
    this.#timer = null;
    this.#timerAt = null;
    this.#externalWatch?.stop();
    this.#externalWatch = null;
    await this.#busy;
    try {
      await this.d.lease.release();
    } catch (e) {
      // A database that cannot be written keeps the lease until it expires; nothing else is lost.
      logSurvived('the publishing lease could not be released on stop; another process takes it when it expires', e);
    }
  }

  /** Resolves when the scheduler has nothing in flight (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#busy) await this.#busy;
  }

  /** Waits until neither the loop nor a hand-off pass is running (a pass may wake the loop, and the loop a pass). */
  async settled(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      await this.idle();
      await this.#handoff?.settled?.();
      if (!this.#busy) return;
    }
  }
}
