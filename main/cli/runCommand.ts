// kairos run: the headless publisher, as a long-running service (or one pass with --once), logging every outcome.

import { join } from 'node:path';
import type { Backend } from '../core/backend';
import { fail } from '../core/errors';
import { countOutcomes, outcomeLine, outcomeSummary, safeText, withoutSecrets } from '../core/logs/outcomeLines';
import { RotatingLog } from '../core/logs/rotatingLog';
import { isSystemError } from '../core/parse';
import type { SchedulerOutcomeEvent } from '../core/repos/events';
import { allowOnly, type ParsedArgs } from './args';
import { iso } from './format';
import { logScheduledReports } from './reportCommand';
import { untilStopped } from './stopSignals';

export interface RunIO {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks the service to stop; SIGINT/SIGTERM when absent. */
  readonly stopSignal?: Promise<void>;
}

/** Where `run` writes one line per outcome, beside the database. */
export function publishingLogPath(dataDir: string): string {
  return join(dataDir, 'logs', 'publishing.log');
}

function outcomeJson(e: SchedulerOutcomeEvent): Record<string, unknown> {
  return {
    at: new Date(e.at).toISOString(),
    outcome: e.kind === 'scheduled' ? 'waiting-for-login' : e.kind,
    postId: e.postId,
    accountId: e.accountId,
    account: e.accountName === null ? null : safeText(e.accountName),
    ...(e.kind === 'published' ? { link: e.detail } : { reason: e.detail === null ? null : withoutSecrets(e.detail) }),
  };
}

/** Follows the event log from now on: every outcome the scheduler writes becomes a line on stdout and in the log file. */
class OutcomeFollower {
  #cursor = 0;
  /** Reads one after another, so two reads never print the same outcome twice. */
  #chain: Promise<void> = Promise.resolve();
  /** The error code of the last failed log write, until a write succeeds. */
  #logProblem: string | null = null;
  readonly seen: SchedulerOutcomeEvent[] = [];

  constructor(
    private readonly b: Backend,
    private readonly log: RotatingLog,
    private readonly print: ((e: SchedulerOutcomeEvent) => void) | null,
    private readonly warn: (line: string) => void,
  ) {}

  /** A follower of what comes after the outcomes already recorded. */
  static async after(...args: ConstructorParameters<typeof OutcomeFollower>): Promise<OutcomeFollower> {
    const f = new OutcomeFollower(...args);
    await f.skipToLatest();
    return f;
  }

  #next(step: () => Promise<void>): Promise<void> {
    this.#chain = this.#chain.then(step);
    return this.#chain;
  }

  /** While another process publishes, its outcomes are its own log's lines, not ours. */
  skipToLatest(): Promise<void> {
    return this.#next(async () => {
      this.#cursor = await this.b.outcomes.latestId();
    });
  }

  flush(): Promise<void> {
    return this.#next(() => this.#flushNow());
  }

  async #flushNow(): Promise<void> {
    for (;;) {
      const batch = await this.b.outcomes.schedulerOutcomesAfter(this.#cursor);
      if (batch.length === 0) return;
      for (const e of batch) {
        this.#cursor = e.id;
        this.seen.push(e);
        const line = outcomeLine(e);
        try {
          this.log.write(line);
          this.#logProblem = null;
        } catch (e) {
          // A log that cannot be written (disk full) must not stop publishing; stdout still has the line, and standard
          // error says why the log has not, once until the log takes lines again.
          if (!isSystemError(e)) throw e;
          if (this.#logProblem !== e.code) this.warn(`Kairos could not write to its log (${e.code}: ${e.message}); publishing goes on.`);
          this.#logProblem = e.code;
        }
        this.print?.(e);
      }
    }
  }
}

async function runOnce(b: Backend, args: ParsedArgs, io: RunIO, log: RotatingLog): Promise<number> {
  const follower = await OutcomeFollower.after(b, log, args.json ? null : (e) => io.out(outcomeLine(e)), io.err);
  if (!(await b.scheduler.start())) {
    throw fail('another_publisher', { holder: (await b.scheduler.status()).holder ?? null });
  }
  await b.scheduler.idle();
  await follower.flush();
  const counts = countOutcomes(follower.seen);
  // Targets already due but blocked (an account waiting for its login) are in the counts, not "next".
  const next = await b.scheduler.queue.nextDueAfter(Date.now());
  io.out(
    args.json
      ? JSON.stringify({ counts, outcomes: follower.seen.map(outcomeJson), nextDueAt: iso(next) })
      : `${outcomeSummary(counts)} Next post due: ${next ? new Date(next).toISOString() : 'none'}.`,
  );
  return counts.failed > 0 ? 1 : 0;
}

async function runService(b: Backend, args: ParsedArgs, io: RunIO, log: RotatingLog): Promise<number> {
  const stop = untilStopped(io, 'Whatever was on the wire is settled when Kairos starts again.');
  let follow: () => Promise<void> = async () => {};
  // One follow at a time: a second waits for the first, so the "other stopped" line and outcomes print once.
  let following: Promise<void> = Promise.resolve();
  const followSoon = () => {
    following = following
      .then(() => follow())
      .catch((e) => io.err(`Kairos could not read what the scheduler did: ${(e as Error).message}`));
  };
  // The scheduler's timers are unref'd (they must never keep a closing app alive); this service's life is its own.
  // The same timer reads new outcomes each second, so a pass that emits no change event (a take-over) is logged too.
  const keepAlive = setInterval(followSoon, 1_000);
  try {
    const follower = await OutcomeFollower.after(
      b,
      log,
      (e) => io.out(args.json ? JSON.stringify(outcomeJson(e)) : outcomeLine(e)),
      io.err,
    );
    // Set from the scheduler's first answer below: true while another process holds the lease.
    let waiting = false;
    follow = async () => {
      const heldElsewhere = (await b.scheduler.status()).heldElsewhere;
      if (waiting && !heldElsewhere && !args.json) io.out('The other Kairos stopped; this one now publishes for this database.');
      waiting = heldElsewhere;
      if (heldElsewhere) await follower.skipToLatest();
      else await follower.flush();
    };
    const unsubscribe = b.subscribe((event) => {
      if (event.type === 'posts.changed') followSoon();
    });
    const got = await b.scheduler.start();
    waiting = !got;
    // A long-running scheduler needs to notice when the network goes and comes back.
    b.connectivity.start();
    const stopReportLines = logScheduledReports(b, io);
    if (args.json)
      io.out(
        JSON.stringify({ running: true, dataDir: b.dataDir, log: log.path, heldBy: got ? null : (await b.scheduler.status()).holder }),
      );
    else {
      io.out(`Kairos scheduler running for ${b.dataDir} (log: ${log.path}). Stop it with Ctrl+C or SIGTERM.`);
      if (!got)
        io.out(
          `${(await b.scheduler.status()).holder ?? 'Another Kairos process'} is publishing for this database; this one takes over when it stops.`,
        );
    }
    await stop.stopped;
    const inFlight = (await b.scheduler.queue.counts()).publishing;
    if (!args.json) io.out(inFlight ? `Stopping after ${inFlight} post(s) in flight are recorded…` : 'Stopping…');
    // Drains what is in flight, records it, and gives up the lease.
    await b.scheduler.stop();
    await following;
    await follower.flush();
    unsubscribe();
    stopReportLines();
    if (!args.json) io.out('Stopped.');
    return 0;
  } finally {
    clearInterval(keepAlive);
    stop.dispose();
  }
}

/** kairos run [--once] */
export async function commandRun(b: Backend, args: ParsedArgs, io: RunIO): Promise<number> {
  allowOnly(args, ['once']);
  const log = new RotatingLog(publishingLogPath(b.dataDir));
  return args.options.has('once') ? runOnce(b, args, io, log) : runService(b, args, io, log);
}
