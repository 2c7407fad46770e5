// A clock for tests and benchmarks that only moves when told to.

import type { Clock, TimerHandle } from '../core/clock';

/** A clock that only moves when told to; timers fire as time passes them. */
export class FakeClock implements Clock {
  #now: number;
  #timers: { at: number; fn: () => void; seq: number }[] = [];
  #seq = 0;

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer = { at: this.#now + Math.max(0, ms), fn, seq: this.#seq++ };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
      },
    };
  }

  /** Moves time forward, firing each timer at its own moment, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (!next || next.at > end) break;
      this.#timers.shift();
      this.#now = Math.max(this.#now, next.at);
      next.fn();
    }
    this.#now = end;
  }

  /** Jumps time without firing timers in between, like a laptop waking from sleep. */
  jump(ms: number): void {
    this.#now += ms;
  }

  /** Whether a timer is set for this moment or one already passed (armed by work that ran after a jump). */
  hasDueTimers(): boolean {
    return this.#timers.some((t) => t.at <= this.#now);
  }

  pendingTimers(): number {
    return this.#timers.length;
  }
}
