// Local day, weekday and hour of many instants in one zone, fast: the zone's offset is looked up once per hour.

import type { AnalyticsPeriod } from '../../../shared/analytics';
import { resolveWallTimeOrProblem, zoneOffsetAt } from '../../../shared/time/wallTime';
import { KairosError } from '../errors';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export class ZoneClock {
  /** Per UTC day: the zone's offset when it is the same all day, else null (a clock-change day, read per hour). */
  readonly #days = new Map<number, number | null>();
  readonly #hours = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  #hourOffset(hour: number): number {
    let off = this.#hours.get(hour);
    if (off === undefined) {
      off = zoneOffsetAt(hour * HOUR, this.timeZone);
      this.#hours.set(hour, off);
    }
    return off;
  }

  #local(instant: number): number {
    const day = Math.floor(instant / DAY);
    let uniform = this.#days.get(day);
    if (uniform === undefined) {
      // Zones change their offset at most once a day, so the same offset at both ends means all day.
      const start = this.#hourOffset(day * 24);
      uniform = start === this.#hourOffset(day * 24 + 24) ? start : null;
      this.#days.set(day, uniform);
    }
    return instant + (uniform ?? this.#hourOffset(Math.floor(instant / HOUR)));
  }

  /** YYYY-MM-DD in the zone. */
  day(instant: number): string {
    return new Date(this.#local(instant)).toISOString().slice(0, 10);
  }

  /** For instants, their day's position in the `count` days from `from` (YYYY-MM-DD in the zone), or -1 outside. */
  dayIndexer(from: string, count: number): (instant: number) => number {
    const first = Date.parse(`${from}T00:00:00Z`) / DAY;
    return (instant) => {
      const i = Math.floor(this.#local(instant) / DAY) - first;
      return i >= 0 && i < count ? i : -1;
    };
  }

  /** Monday = 0 … Sunday = 6, and the hour 0–23, in the zone. */
  weekdayHour(instant: number): [number, number] {
    const d = new Date(this.#local(instant));
    return [(d.getUTCDay() + 6) % 7, d.getUTCHours()];
  }
}

/** Midnight at the start of a day in a zone (a day that starts in a DST gap starts when the clocks jump). */
export function startOfDay(date: string, timeZone: string): number {
  const r = resolveWallTimeOrProblem({ date, time: '00:00', timeZone });
  if (r.kind === 'invalid') throw new KairosError(r.problem, 'timeZone');
  return r.instant;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 1000; d = addDays(d, 1)) out.push(d);
  return out;
}

export function periodOf(from: string, to: string, timeZone: string): AnalyticsPeriod {
  return { from, to, timeZone, fromAt: startOfDay(from, timeZone), toAt: startOfDay(addDays(to, 1), timeZone) };
}

/** The period of the same number of days just before. */
export function previousPeriod(p: AnalyticsPeriod): AnalyticsPeriod {
  const length = daysIn(p.from, p.to).length;
  return periodOf(addDays(p.from, -length), addDays(p.from, -1), p.timeZone);
}
