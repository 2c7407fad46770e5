// Pure calendar arithmetic: which days a layout shows, the instants that bound them, and which posts fall on which day.

import type { Observance } from '../../../../shared/contract/conversation';
import type { PostSummary } from '../../../../shared/domain';
import { resolveWallTime, wallTimeOf } from '../../../../shared/time/wallTime';

/** The calendar's layouts: a month grid, a week or a day as a time grid, and the list of what is coming. */
export const CALENDAR_LAYOUTS = ['month', 'week', 'day', 'list'] as const;
export type CalendarLayout = (typeof CALENDAR_LAYOUTS)[number];

/** A month as the user navigates it (month is 1–12). */
export interface MonthRef {
  readonly year: number;
  readonly month: number;
}

export interface CalendarDay {
  /** YYYY-MM-DD, a date on the wall calendar of the zone the calendar shows. */
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

export const isIsoDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

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

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Today's date on the wall calendar of `timeZone`. */
export function todayIn(timeZone: string, now: number): string {
  return wallTimeOf(now, timeZone).date;
}

function dayOf(date: string, today: string, month: number | null): CalendarDay {
  const { month: m, day } = parseIsoDate(date);
  return { date, dayOfMonth: day, inMonth: month === null || m === month, isToday: date === today, isPast: date < today };
}

/**
 * The weeks a month grid shows: whole weeks from the one holding the 1st to the one holding the last
 * day, starting on `weekStartsOn` (0 = Sunday).
 */
export function monthWeeks(ref: MonthRef, weekStartsOn: 0 | 1, today: string): CalendarDay[][] {
  const first = `${ref.year}-${pad(ref.month)}-01`;
  const lastDay = new Date(Date.UTC(ref.year, ref.month, 0)).getUTCDate();
  const last = `${ref.year}-${pad(ref.month)}-${pad(lastDay)}`;
  const start = addDays(first, -((weekdayOf(first) - weekStartsOn + 7) % 7));
  const end = addDays(last, (weekStartsOn + 6 - weekdayOf(last) + 7) % 7);
  const weeks: CalendarDay[][] = [];
  let week: CalendarDay[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) {
    week.push(dayOf(date, today, ref.month));
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  return weeks;
}

/** The first day of the week holding `date`. */
export function startOfWeek(date: string, weekStartsOn: 0 | 1): string {
  return addDays(date, -((weekdayOf(date) - weekStartsOn + 7) % 7));
}

/** The days a time-grid layout shows around `anchor`: the whole week, or the one day. */
export function gridDays(layout: 'week' | 'day', anchor: string, weekStartsOn: 0 | 1, today: string): CalendarDay[] {
  if (layout === 'day') return [dayOf(anchor, today, null)];
  const start = startOfWeek(anchor, weekStartsOn);
  return Array.from({ length: 7 }, (_, i) => dayOf(addDays(start, i), today, null));
}

/** The anchor date one step back or forward in a layout (a month, a week, a day; the list moves by weeks). */
export function shiftAnchor(layout: CalendarLayout, anchor: string, delta: number): string {
  if (layout === 'month') {
    const { year, month, day } = parseIsoDate(anchor);
    const next = shiftMonth({ year, month }, delta);
    const lastDay = new Date(Date.UTC(next.year, next.month, 0)).getUTCDate();
    return `${next.year}-${pad(next.month)}-${pad(Math.min(day, lastDay))}`;
  }
  return addDays(anchor, delta * (layout === 'day' ? 1 : 7));
}

const dayStarts = new Map<string, number>();
/** The instant a calendar day starts in a zone (a midnight lost to DST starts at the first real minute). Zones do not change while the app runs, so each answer is kept. */
export function startOfDayIn(date: string, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  const known = dayStarts.get(key);
  if (known !== undefined) return known;
  const r = resolveWallTime({ date, time: '00:00', timeZone });
  if (r.kind === 'invalid') throw new Error(r.error);
  if (dayStarts.size > 50_000) dayStarts.clear();
  dayStarts.set(key, r.instant);
  return r.instant;
}

/** The half-open range [from, to) of instants a list of days covers in a zone, for posts.list. */
export function rangeOfDays(days: readonly CalendarDay[], timeZone: string): { from: number; to: number } {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) throw new Error('A calendar range needs at least one day.');
  return { from: startOfDayIn(first.date, timeZone), to: startOfDayIn(addDays(last.date, 1), timeZone) };
}

/**
 * Scheduled posts grouped by their day in `timeZone`, each day in time order. With `days` given, the
 * day of each post is found by comparing it with the days' starting instants (one zone lookup per
 * day instead of one per post), which keeps a month of thousands of posts cheap.
 */
export function postsByDay(posts: readonly PostSummary[], timeZone: string, days?: readonly string[]): ReadonlyMap<string, PostSummary[]> {
  const byDay = new Map<string, PostSummary[]>();
  const sorted = posts.filter((p) => p.scheduledAt !== null);
  if (!isSortedByTime(sorted)) sorted.sort((a, b) => (a.scheduledAt ?? 0) - (b.scheduledAt ?? 0));
  const bounds = days && days.length > 0 ? dayBounds(days, timeZone) : null;
  for (const post of sorted) {
    const at = post.scheduledAt as number;
    const day = (bounds && dayAt(bounds, at)) ?? wallTimeOf(at, timeZone).date;
    const list = byDay.get(day);
    if (list) list.push(post);
    else byDay.set(day, [post]);
  }
  return byDay;
}

function isSortedByTime(posts: readonly PostSummary[]): boolean {
  for (let i = 1; i < posts.length; i++) if ((posts[i - 1]?.scheduledAt ?? 0) > (posts[i]?.scheduledAt ?? 0)) return false;
  return true;
}

interface DayBounds {
  readonly dates: readonly string[];
  /** starts[i] is when dates[i] begins; starts[dates.length] is when the last one ends. */
  readonly starts: readonly number[];
}

function dayBounds(days: readonly string[], timeZone: string): DayBounds {
  const last = days.at(-1) as string;
  return { dates: days, starts: [...days.map((d) => startOfDayIn(d, timeZone)), startOfDayIn(addDays(last, 1), timeZone)] };
}

function dayAt(b: DayBounds, instant: number): string | null {
  const starts = b.starts;
  if (instant < (starts[0] as number) || instant >= (starts.at(-1) as number)) return null;
  let lo = 0;
  let hi = b.dates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= instant) lo = mid;
    else hi = mid - 1;
  }
  return b.dates[lo] ?? null;
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

/** HH:mm for minutes after midnight. */
export function timeOfMinutes(minutes: number): string {
  const m = Math.max(0, Math.min(24 * 60 - 1, Math.round(minutes)));
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

export function minutesOfTime(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Rounds minutes down to a step (5 for dragging, 15 for clicking an empty slot). */
export function snapMinutes(minutes: number, step: number): number {
  return Math.max(0, Math.min(24 * 60 - step, Math.floor(minutes / step) * step));
}

/**
 * The instant of a wall time in a zone, with what DST did to it. A time inside a gap moves forward and
 * a time that happens twice takes its first occurrence, as the backend does.
 */
export function instantOfWall(
  date: string,
  time: string,
  timeZone: string,
): { readonly instant: number; readonly kind: 'exact' | 'gap' | 'overlap'; readonly became: string } | null {
  const r = resolveWallTime({ date, time, timeZone });
  if (r.kind === 'invalid') return null;
  return { instant: r.instant, kind: r.kind, became: wallTimeOf(r.instant, timeZone).time };
}

export type ListRow =
  | { readonly kind: 'day'; readonly date: string; readonly count: number }
  | { readonly kind: 'post'; readonly post: PostSummary; readonly date: string };

/**
 * Posts in time order as rows under a heading per day, for the list layout. Walking the posts in order
 * needs the zone only when a new day starts, so 20,000 posts cost a few hundred zone lookups.
 */
export function rowsByDay(posts: readonly PostSummary[], timeZone: string): ListRow[] {
  const rows: ListRow[] = [];
  let dayEnd = Number.NEGATIVE_INFINITY;
  let date = '';
  let header: { kind: 'day'; date: string; count: number } | null = null;
  for (const post of posts) {
    const at = post.scheduledAt;
    if (at === null) continue;
    if (at >= dayEnd || header === null) {
      date = wallTimeOf(at, timeZone).date;
      dayEnd = startOfDayIn(addDays(date, 1), timeZone);
      header = { kind: 'day', date, count: 0 };
      rows.push(header);
    }
    header.count++;
    rows.push({ kind: 'post', post, date });
  }
  return rows;
}

/**
 * The new grouping, reusing the previous list of a day whenever that day holds the very same posts, so a
 * move or a live update re-renders only the days it touched.
 */
export function keepUnchangedDays(
  previous: ReadonlyMap<string, readonly PostSummary[]>,
  next: ReadonlyMap<string, PostSummary[]>,
): ReadonlyMap<string, readonly PostSummary[]> {
  const out = new Map<string, readonly PostSummary[]>();
  for (const [day, posts] of next) {
    const before = previous.get(day);
    out.set(day, before && before.length === posts.length && before.every((p, i) => p === posts[i]) ? before : posts);
  }
  return out;
}

/** Holidays and awareness days of one date, by date; month-long ones would mark every day, so they stay in the panel. */
export function singleDayObservances(list: readonly Observance[]): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const o of list) {
    if (o.until !== null && o.until !== o.date) continue;
    out.set(o.date, [...(out.get(o.date) ?? []), o.name]);
  }
  return out;
}
