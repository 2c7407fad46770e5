// The crisis brake: pause all publishing (or one account), hold what comes due, pull back hand-offs, review on resume.

import { type Problem, problem } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { Actor } from '../repos/events';
import type { PauseState } from '../repos/pause';
import type { PausesStore, QueueStore, TransitionsStore } from '../stores/types';

/** A target handed to a network's own scheduler (Mastodon scheduled statuses) that has not fired yet. */
export interface HandedOffTarget {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  /** The network's id for the scheduled post. */
  readonly handoffId: string;
}

/**
 * Implemented by the hand-off feature. On pause, Kairos asks it to cancel the network-side scheduled posts and
 * clear the targets' handoff_id/handoff_at, which puts them back in Kairos's own queue (where the pause holds them).
 * It must not throw for one target's failure: report it in `problems`, in words, and carry on with the rest.
 */
export interface HandoffController {
  pullBack(
    targets: readonly HandedOffTarget[],
    reason: string,
  ): Promise<{ readonly pulledBack: readonly string[]; readonly problems: readonly string[] }>;
  /** Resolves when no hand-off pass is running (what a pass records may give the scheduler work). */
  settled?(): Promise<void>;
}

export interface PauseResult {
  readonly pause: PauseState;
  /** Target ids taken back from a network's scheduler. */
  readonly pulledBack: readonly string[];
  /** What could not be pulled back (those posts may still go out from the network's side). */
  readonly problems: readonly Problem[];
}

export class CrisisBrake {
  #handoff: HandoffController | null = null;

  constructor(
    private readonly pauses: PausesStore,
    private readonly queue: QueueStore,
    private readonly transitions: TransitionsStore,
    private readonly clock: Clock,
  ) {}

  setHandoffController(controller: HandoffController | null): void {
    this.#handoff = controller;
  }

  async isPaused(accountId: string | null = null): Promise<boolean> {
    return (await this.pauses.get(null)) !== null || (accountId !== null && (await this.pauses.get(accountId)) !== null);
  }

  /** Pauses at once (the claim query checks the pause inside its transaction), then pulls hand-offs back. */
  async pause(p: { accountId: string | null; reason: string; resumeAt: number | null; actor: Actor }): Promise<PauseResult> {
    const now = this.clock.now();
    const pause = await this.pauses.pause({ ...p, now });
    const handed = await this.queue.handedOff(p.accountId);
    if (handed.length === 0 || !this.#handoff) {
      const problems = handed.length > 0 ? [problem('pull_back_impossible', { count: handed.length })] : [];
      return { pause, pulledBack: [], problems };
    }
    try {
      const r = await this.#handoff.pullBack(handed, p.reason);
      // The hand-off feature reports in its own words (the network's reasons among them): carried as they are.
      return { pause, pulledBack: r.pulledBack, problems: r.problems.map((reason) => problem('platform_said', { reason })) };
    } catch (e) {
      return { pause, pulledBack: [], problems: [problem('pull_back_failed', { detail: (e as Error).message })] };
    }
  }

  /** Ends a pause. Targets held by it stay held for the user's review; nothing fires in a burst. */
  resume(accountId: string | null, actor: Actor, why?: string): Promise<PauseState | null> {
    return this.pauses.resume(accountId, this.clock.now(), actor, why);
  }

  /** Planned ends of pauses still ahead, so the scheduler wakes for them. */
  async pausesEndingAfter(now: number): Promise<number[]> {
    return (await this.pauses.list()).map((p) => p.resumeAt).filter((t): t is number => t !== null && t > now);
  }

  /**
   * Run on every scheduler pass: holds what came due under each pause, and ends pauses whose time has come.
   * Holding first means posts that fell due before an automatic resume still wait for review.
   */
  async maintain(): Promise<{ changedPosts: string[]; resumed: PauseState[] }> {
    const now = this.clock.now();
    const changedPosts: string[] = [];
    const resumed: PauseState[] = [];
    for (const p of await this.pauses.list()) {
      changedPosts.push(...(await this.transitions.holdWhilePaused(now, { accountId: p.accountId, reason: p.reason, until: p.resumeAt })));
      if (p.resumeAt !== null && p.resumeAt <= now) {
        const r = await this.pauses.resume(p.accountId, now, 'system', 'The pause reached its planned end.');
        if (r) resumed.push(r);
      }
    }
    return { changedPosts, resumed };
  }
}
