// The OnlineMonitor: whether Kairos can reach the networks, from real requests, a light probe and the OS's hint.

import type { ConnectivityState, ConnectivityStatus } from '../../../shared/contract/app';
import type { Clock, TimerHandle } from '../clock';
import { logSurvived } from '../logs/survived';
import type { ProbeFn } from './probe';
import { onRequestOutcome } from './requestOutcomes';

export interface ProbePolicy {
  /** Deadline of one probe request. */
  readonly timeoutMs: number;
  /** While online, how often to check when no real request has said anything. */
  readonly onlineRecheckMs: number;
  /** While offline, the first wait before probing again; it doubles after each failed probe. */
  readonly offlineFirstMs: number;
  readonly offlineMaxMs: number;
}

export const DEFAULT_PROBE_POLICY: ProbePolicy = {
  timeoutMs: 5_000,
  onlineRecheckMs: 10 * 60_000,
  offlineFirstMs: 5_000,
  offlineMaxMs: 2 * 60_000,
};

export interface OnlineMonitorDeps {
  readonly clock: Clock;
  readonly probe: ProbeFn;
  /** The servers of the platforms in use, read at each probe (accounts come and go). */
  readonly origins: () => readonly string[] | Promise<readonly string[]>;
  /**
   * Posts due and not yet out, counted only while offline. status() answers at once from the last count, which is
   * read again when Kairos goes offline, at each probe while offline, and when posts change.
   */
  readonly waitingCount: () => number | Promise<number>;
  /**
   * Called when Kairos goes offline (false) and when it comes back (true): the scheduler holds network work
   * meanwhile and, on return, sends what waited at once.
   */
  readonly onNetworkChange: (online: boolean) => void;
  /** Called whenever what status() reports changes. */
  readonly onChange: (status: ConnectivityStatus) => void;
  readonly policy?: Partial<ProbePolicy>;
}

export class OnlineMonitor {
  readonly #policy: ProbePolicy;
  #state: ConnectivityState = 'unknown';
  #since: number | null = null;
  #hint: boolean | null = null;
  #running = false;
  #stopped = false;
  #timer: TimerHandle | null = null;
  #probing: Promise<ConnectivityState> | null = null;
  #failedProbes = 0;
  #announcedWaiting = 0;
  /** The last waiting count read; what status() reports while offline. */
  #waiting = 0;
  #counting: Promise<void> | null = null;
  #countAgain = false;
  #stopListening: (() => void) | null = null;

  constructor(private readonly d: OnlineMonitorDeps) {
    this.#policy = { ...DEFAULT_PROBE_POLICY, ...d.policy };
  }

  get state(): ConnectivityState {
    return this.#state;
  }

  isOffline(): boolean {
    return this.#state === 'offline';
  }

  status(): ConnectivityStatus {
    return {
      state: this.#state,
      online: this.#state !== 'offline',
      since: this.#since,
      waitingForNetwork: this.#state === 'offline' ? this.#waiting : 0,
    };
  }

  /** Starts listening to real requests and probing; the first probe is due at once. */
  start(): void {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    this.#stopListening = onRequestOutcome((o) => this.reportRequest(o.reached));
    this.#arm(0);
  }

  /** Stops for good (the backend is closing): no more probes, events or wake-ups. */
  stop(): void {
    this.#running = false;
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = null;
    this.#stopListening?.();
    this.#stopListening = null;
  }

  /** What a real request to a platform showed. An answer proves we are online; a failure is only a reason to look. */
  reportRequest(reached: boolean): void {
    if (!this.#running) return;
    if (reached) {
      this.#set('online');
      this.#arm(this.#policy.onlineRecheckMs);
      return;
    }
    // One server refusing a connection may be that server's problem: probe them all before saying offline.
    if (this.#state !== 'offline') void this.checkNow();
  }

  /**
   * The operating system's view (Electron's net.isOnline()). "No network" is reliable and taken at once;
   * "some network" is not proof of reaching anything (captive portals), so it only triggers a probe.
   */
  hint(online: boolean): void {
    const before = this.#hint;
    this.#hint = online;
    if (this.#stopped) return;
    if (!online) {
      const was = this.#state;
      this.#set('offline');
      // Announced at once with the last count; the fresh one follows if it differs.
      if (was !== 'offline') void this.#recount();
      if (this.#running && before !== false) this.#arm(this.#policy.offlineFirstMs);
      return;
    }
    // Only a change to "some network" is news; repeating it must not defeat the offline backoff.
    if (before !== true && this.#state !== 'online') void this.checkNow();
  }

  /** Probes the platforms now (joining a probe already under way) and returns the state it settled on. */
  checkNow(): Promise<ConnectivityState> {
    if (this.#probing) return this.#probing;
    const probing = this.#probe().finally(() => {
      if (this.#probing === probing) this.#probing = null;
    });
    this.#probing = probing;
    return probing;
  }

  /** Re-announces the waiting count while offline, when posts were added, changed or sent (once it is read). */
  postsChanged(): void {
    if (this.#stopped || this.#state !== 'offline') return;
    void this.#recount();
  }

  /** Resolves when no probe or count is in flight (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#probing || this.#counting) await (this.#probing ?? this.#counting);
  }

  /**
   * Reads the waiting count again and, while offline, announces it when it differs from the last one announced.
   * One read at a time: a request during a read reads once more after it, so the last change is always counted.
   */
  #recount(): Promise<void> {
    if (this.#counting) {
      this.#countAgain = true;
      return this.#counting;
    }
    const counting = (async () => {
      do {
        this.#countAgain = false;
        try {
          this.#waiting = await this.d.waitingCount();
        } catch (e) {
          // The last count stays; the next change or probe reads it again.
          if (!this.#stopped) logSurvived('the connectivity status could not count the waiting posts', e);
        }
      } while (this.#countAgain && !this.#stopped);
      if (!this.#stopped && this.#state === 'offline' && this.#waiting !== this.#announcedWaiting) this.#announce();
    })().finally(() => {
      this.#counting = null;
    });
    this.#counting = counting;
    return counting;
  }

  async #probe(): Promise<ConnectivityState> {
    const origins = await this.d.origins();
    let next: ConnectivityState;
    if (origins.length === 0) {
      // Nothing to publish to: only the OS can say anything.
      next = this.#hint === null ? this.#state : this.#hint ? 'online' : 'offline';
    } else if (this.#hint === false) {
      next = 'offline';
    } else {
      const answers = await Promise.all(origins.map((o) => this.d.probe(o, this.#policy.timeoutMs).catch(() => false)));
      next = answers.some(Boolean) ? 'online' : 'offline';
    }
    if (this.#stopped) return this.#state;
    // Offline, the status says how many posts wait: counted before it is announced.
    if (next === 'offline') await this.#recount();
    if (this.#stopped) return this.#state;
    this.#set(next);
    if (next === 'offline') {
      this.#failedProbes++;
      const wait = Math.min(this.#policy.offlineMaxMs, this.#policy.offlineFirstMs * 2 ** (this.#failedProbes - 1));
      this.#arm(wait);
    } else {
      this.#arm(this.#policy.onlineRecheckMs);
    }
    return next;
  }

  #set(next: ConnectivityState): void {
    if (this.#stopped) return;
    const before = this.#state;
    if (next === 'online') this.#failedProbes = 0;
    if (next === before) return;
    this.#state = next;
    this.#since = this.d.clock.now();
    this.#announce();
    if (next === 'offline') this.d.onNetworkChange(false);
    else if (before === 'offline' && next === 'online') this.d.onNetworkChange(true);
  }

  #announce(): void {
    const status = this.status();
    this.#announcedWaiting = status.waitingForNetwork;
    this.d.onChange(status);
  }

  #arm(ms: number): void {
    if (!this.#running) return;
    this.#timer?.cancel();
    this.#timer = this.d.clock.setTimer(ms, () => {
      this.#timer = null;
      void this.checkNow();
    });
  }
}
