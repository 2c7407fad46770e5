// A real backend with its scheduler running on a fake clock, for platform suites that publish through it.

import type { Backend } from '../core/backend';
import { FakeClock } from './fakeClock';
import { tempBackend } from './tempBackend';

export interface ScheduledBackend {
  readonly backend: Backend;
  readonly clock: FakeClock;
  /** Closes the backend and removes its folder. */
  close(): Promise<void>;
  /** Moves the clock on, then waits until the scheduler has handled what came due (and what that started). */
  advance(ms: number): Promise<void>;
}

/** Rome as the computer's zone and a random source fixed at 0, so dates and retry delays are the same on every run. */
export async function scheduledBackend(prefix: string, startAt: number): Promise<ScheduledBackend> {
  const clock = new FakeClock(startAt);
  const { backend, close } = await tempBackend({ prefix, clock, runScheduler: true, random: () => 0 });
  return {
    backend,
    clock,
    close,
    async advance(ms) {
      clock.advance(ms);
      await backend.scheduler.idle();
      await backend.scheduler.idle();
    },
  };
}
