// The scheduler's knobs and timings, and the engine parts attached to it.

import type { CrisisBrake } from './pause';
import type { BudgetTable } from './rateBudgets';
import type { RecurringPosts } from './recurring';

/** Knobs with safe defaults, fixed when the scheduler is built; tests and benchmarks pass their own (`SchedulerDeps.tuning`). */
export interface SchedulerTuning {
  /** Publishes in flight at once, across all accounts. */
  readonly concurrency: number;
  /** Deadline of one publish attempt; shorter than the claim lease, so a live claim never looks abandoned. */
  readonly publishDeadlineMs: number;
  /** Publishing budgets in place of the adapters' own `publishBudget` (`{}`: none); absent, the adapters' apply. */
  readonly budgets?: BudgetTable;
  /** Longest single sleep: the queue is re-read at least this often even if nothing woke us. */
  readonly maxWaitMs: number;
  /** Called as each pass of the loop starts (the idle wake-up benchmark counts them); does nothing by default. */
  readonly onPass: () => void;
  /**
   * At least this long from the start of one pass to the start of the next; a wake sooner runs its pass then, with
   * every other wake of the meantime. 0 (the default): a wake runs a pass at once. A server that many people edit at
   * once sets it, so that a burst of changes costs one pass and not one each.
   */
  readonly minPassGapMs: number;
}

/** The crisis brake, recurring series, the grace window and other upkeep, attached by the engine feature. */
export interface EngineParts {
  readonly brake: CrisisBrake;
  readonly recurring: RecurringPosts;
  readonly graceMs: () => number;
  /** Pause state or attention counts may have changed. */
  readonly onEngineChanged: () => void;
  /** Extra upkeep on each pass while holding the lease (backups). */
  readonly upkeep?: (now: number) => Promise<void>;
}

export const MAX_WAIT_MS = 60_000;
export const LEASE_TTL_MS = 3 * MAX_WAIT_MS;
export const LEASE_RENEW_MS = 20_000;
/** How often a process waiting for another's lease checks it (a read, and a signal-0 probe of a local holder). */
export const HELD_ELSEWHERE_RECHECK_MS = 5_000;
/** How long a claimed target may stay in `publishing` before it is considered abandoned. */
export const PUBLISH_LEASE_MS = 2 * 60_000;
export const DEFAULT_GRACE_MS = 15 * 60_000;
export const DEFAULT_TUNING: SchedulerTuning = {
  concurrency: 8,
  publishDeadlineMs: 100_000,
  maxWaitMs: MAX_WAIT_MS,
  onPass: () => {},
  minPassGapMs: 0,
};
