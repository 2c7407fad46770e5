// Pure calendar arithmetic: which days a view shows, the instants that bound them, and which posts fall on which day.

import type { PostView } from '../../../../shared/domain';
import { resolveWallTime, wallTimeOf } from '../../../../shared/time/wallTime';

/** The calendar's layouts. Only the month exists today; week, day and list views slot in beside it. */
export type CalendarLayout = 'month';

/** A month as the user navigates it (month is 1–12). */
export interface MonthRef {
  readonly year: number;
  readonly month: number;
}

export interface CalendarDay {
  /** YYYY-MM-DD, a date on the wall calendar of the settings zone. */
  readonly date: string;
  readonly dayOfMonth: number;
  readonly inMonth: boolean;
  readonly isToday: boolean;
  readonly isPast: boolean;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Calendar dates are computed on UTC midnights: no zone and no DST can shift them. */
const isoOf = (utcMidnight: number): string => new Date(utcMidnight).toISOString().slice(0, 10);

export function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function monthOf(date: string): MonthRef {
  const { year, month } = parseIsoDate(date);
  return { year, month };
}

export function shiftMonth(ref: MonthRef, delta: number): MonthRef {
  const index = ref.year * 12 + (ref.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseIsoDate(date);
  return isoOf(Date.UTC(year, month - 1, day) + days * DAY_MS);
}

/** Today's date on the wall calendar of `timeZone`. */
export function todayIn(timeZone: string, now: number): string {
  return wallTimeOf(now, timeZone).date;
}

/**
 * The weeks a month grid shows: whole weeks from the one holding the 1st to the one holding the last
 * day, starting on `weekStartsOn` (0 = Sunday).
 */
export function monthWeeks(ref: MonthRef, weekStartsOn: 0 | 1, today: string): CalendarDay[][] {
  const first = Date.UTC(ref.year, ref.month - 1, 1);
  const last = Date.UTC(ref.year, ref.month, 0);
  const lead = (new Date(first).getUTCDay() - weekStartsOn + 7) % 7;
  const trail = (weekStartsOn + 6 - new Date(last).getUTCDay() + 7) % 7;
  const weeks: CalendarDay[][] = [];
  let week: CalendarDay[] = [];
  for (let t = first - lead * DAY_MS; t <= last + trail * DAY_MS; t += DAY_MS) {
    const date = isoOf(t);
    const d = new Date(t);
    week.push({
      date,
      dayOfMonth: d.getUTCDate(),
      inMonth: d.getUTCMonth() === ref.month - 1,
      isToday: date === today,
      isPast: date < today,
    });
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  return weeks;
}

/** The instant a calendar day starts in a zone (a midnight lost to DST starts at the first real minute). */
export function startOfDayIn(date: string, timeZone: string): number {
  const r = resolveWallTime({ date, time: '00:00', timeZone });
  if (r.kind === 'invalid') throw new Error(r.error);
  return r.instant;
}

/** The half-open range [from, to) of instants a list of days covers in a zone, for posts.list. */
export function rangeOfDays(days: readonly CalendarDay[], timeZone: string): { from: number; to: number } {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) throw new Error('A calendar range needs at least one day.');
  return { from: startOfDayIn(first.date, timeZone), to: startOfDayIn(addDays(last.date, 1), timeZone) };
}

/** Scheduled posts grouped by their day in `timeZone`, each day in time order. */
export function postsByDay(posts: readonly PostView[], timeZone: string): ReadonlyMap<string, PostView[]> {
  const byDay = new Map<string, PostView[]>();
  const sorted = [...posts].filter((p) => p.scheduledAt !== null).sort((a, b) => (a.scheduledAt ?? 0) - (b.scheduledAt ?? 0));
  for (const post of sorted) {
    const day = wallTimeOf(post.scheduledAt as number, timeZone).date;
    const list = byDay.get(day) ?? [];
    list.push(post);
    byDay.set(day, list);
  }
  return byDay;
}

/** A time for a new post on `date`: the next quarter hour at least 15 minutes away when that is today, 09:00 otherwise. */
export function suggestedTime(date: string, timeZone: string, now: number): string {
  const wall = wallTimeOf(now, timeZone);
  if (date > wall.date) return '09:00';
  const [h, m] = wall.time.split(':').map(Number) as [number, number];
  const minutes = Math.ceil((h * 60 + m + 15) / 15) * 15;
  if (minutes >= 24 * 60) return '23:45';
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
