// Test helpers: a backend on a temp data folder with a fake clock, and a way to let time pass step by step.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Backend, createBackend } from '../core/backend';
import type { PlatformAdapter, PlatformRegistry } from '../core/platforms/types';
import type { SchedulerTuning } from '../core/scheduler/scheduler';
import { featuresWith } from '../features';
import { createDiscordAdapter } from '../platforms/discord/adapter';
import { FakeClock } from './fakeClock';

export const T0 = Date.UTC(2026, 5, 1, 8, 0);

export interface Harness {
  readonly backend: Backend;
  readonly clock: FakeClock;
  readonly dir: string;
  /** Reopens the backend on the same folder (an app restart), optionally with the scheduler off or other scheduler knobs. */
  restart(opts?: { runScheduler?: boolean; tuning?: Partial<SchedulerTuning> }): Promise<Backend>;
  close(): Promise<void>;
}

export function discordOnly(): PlatformRegistry {
  return new Map([['discord', createDiscordAdapter() as PlatformAdapter]]);
}

export async function startHarness(
  opts: {
    platforms?: PlatformRegistry;
    clock?: FakeClock;
    runScheduler?: boolean;
    random?: () => number;
    /** Scheduler knobs for this backend (a shorter publish deadline, other rate budgets). */
    tuning?: Partial<SchedulerTuning>;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-engine-'));
  const clock = opts.clock ?? new FakeClock(T0);
  const open = (runScheduler: boolean, tuning = opts.tuning) =>
    createBackend({
      dataDir: dir,
      features: featuresWith(opts.platforms ?? discordOnly()),
      clock,
      shell: 'cli',
      runScheduler,
      systemTimeZone: 'Europe/Rome',
      random: opts.random ?? (() => 0.5),
      ...(tuning ? { schedulerTuning: tuning } : {}),
    });
  let backend = await open(opts.runScheduler ?? true);
  const h: Harness = {
    get backend() {
      return backend;
    },
    clock,
    dir,
    async restart(o = {}) {
      await backend.close();
      backend = await open(o.runScheduler ?? true, o.tuning ?? opts.tuning);
      await backend.scheduler.idle();
      return backend;
    },
    async close() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await backend.scheduler.idle();
  return h;
}

/** Lets `ms` of fake time pass in steps, letting the scheduler finish its work after each step. */
export async function passTime(h: Pick<Harness, 'backend' | 'clock'>, ms: number, stepMs = 1_000): Promise<void> {
  await h.backend.scheduler.idle();
  for (let done = 0; done < ms; ) {
    const step = Math.min(stepMs, ms - done);
    h.clock.advance(step);
    done += step;
    await h.backend.scheduler.idle();
  }
}
