// Recurring schedules: wall time + IANA zone + rule; every occurrence is computed from the calendar, never by adding hours.

import { type Problem, problem, wordsFor } from '../contract/problems';
import { isValidTimeZone, parseWallFields, parseWallFieldsOrProblem, resolveWallTime, type WallTime } from './wallTime';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type RecurrenceRule =
  /** Every `interval` days (1 = every day), counted from the start date. */
  | { readonly freq: 'daily'; readonly interval?: number }
  /** On the given weekdays of every `interval`-th week (weeks start on Monday), counted from the start date. */
  | { readonly freq: 'weekly'; readonly days: readonly Weekday[]; readonly interval?: number }
  /** On a day of the month (-1 = the last day). Months without that day are skipped, as calendars do. */
  | { readonly freq: 'monthly'; readonly dayOfMonth: number }
  /** On the nth weekday of the month (1..5, -1 = the last). Months without a 5th one are skipped. */
  | { readonly freq: 'monthly'; readonly weekday: Weekday; readonly nth: number };

export interface RecurrenceSpec {
  readonly rule: RecurrenceRule;
  /** HH:mm, the wall time in `timeZone`. */
  readonly time: string;
  readonly timeZone: string;
  /** YYYY-MM-DD: the first day an occurrence may fall on, and the anchor for intervals. */
  readonly startDate: string;
  /** YYYY-MM-DD: the last day an occurrence may fall on. */
  readonly endDate?: string | null;
}

export interface Occurrence {
  readonly instant: number;
  /** The wall time the rule asked for. */
  readonly wall: WallTime;
  /** Set when that wall time does not exist or happens twice on that day: what it became, in words. */
  readonly note: string | null;
  /** The same note as a catalog problem (time_skipped, time_repeated), for pages to word. */
  readonly notice: Problem | null;
}

const DAY_MS = 86_400_000;
/** How far ahead to look for the next occurrence; a valid rule always has one within a few months. */
const MAX_SCAN_DAYS = 3 * 366;

/** Days since 1970-01-01 of a civil date (no zone involved). */
function dayNumber(date: string): number | null {
  const p = parseWallFields(date, '00:00');
  return 'error' in p ? null : Math.round(p.localAsUtc / DAY_MS);
}

function civil(day: number): { y: number; m: number; d: number; date: string } {
  const t = new Date(day * DAY_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return { y, m, d, date: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** What is wrong with a spec, in English; null when it can be used. */
export function checkRecurrence(spec: RecurrenceSpec): string | null {
  const p = recurrenceProblem(spec);
  return p ? wordsFor(p) : null;
}

/** What is wrong with a spec, as a problem; null when it can be used. */
export function recurrenceProblem(spec: RecurrenceSpec): Problem | null {
  if (!isValidTimeZone(spec.timeZone)) return problem('time_zone_unknown', { timeZone: spec.timeZone });
  const t = parseWallFieldsOrProblem('2000-01-01', spec.time);
  if ('problem' in t) return t.problem;
  const start = dayNumber(spec.startDate);
  if (start === null) return problem('rule_start_not_date', { date: spec.startDate });
  if (spec.endDate) {
    const end = dayNumber(spec.endDate);
    if (end === null) return problem('rule_end_not_date', { date: spec.endDate });
    if (end < start) return problem('rule_end_before_start', {});
  }
  const r = spec.rule;
  if (r.freq === 'daily' || r.freq === 'weekly') {
    const n = r.interval ?? 1;
    if (!Number.isInteger(n) || n < 1 || n > 366) return problem('rule_interval', {});
  }
  if (r.freq === 'weekly') {
    if (r.days.length === 0) return problem('rule_no_days', {});
    if (r.days.some((d) => !WEEKDAYS.includes(d))) return problem('rule_bad_weekday', { days: WEEKDAYS.join(', ') });
  }
  if (r.freq === 'monthly') {
    if ('dayOfMonth' in r) {
      if (!Number.isInteger(r.dayOfMonth) || (r.dayOfMonth !== -1 && (r.dayOfMonth < 1 || r.dayOfMonth > 31))) {
        return problem('rule_month_day', {});
      }
    } else {
      if (!WEEKDAYS.includes(r.weekday)) return problem('rule_bad_weekday', { days: WEEKDAYS.join(', ') });
      if (!Number.isInteger(r.nth) || (r.nth !== -1 && (r.nth < 1 || r.nth > 5))) return problem('rule_week_of_month', {});
    }
  }
  return null;
}

/** Whether the rule fires on a civil day (days since 1970-01-01), given the start day that anchors intervals. */
export function ruleMatchesDay(rule: RecurrenceRule, day: number, startDay: number): boolean {
  switch (rule.freq) {
    case 'daily':
      return (day - startDay) % (rule.interval ?? 1) === 0;
    case 'weekly': {
      const weekday = weekdayOf(day);
      if (!rule.days.includes(WEEKDAYS[weekday] as Weekday)) return false;
      const startMonday = startDay - weekdayOf(startDay);
      const week = Math.floor((day - weekday - startMonday) / 7);
      return week % (rule.interval ?? 1) === 0;
    }
    case 'monthly': {
      const c = civil(day);
      const last = daysInMonth(c.y, c.m);
      if ('dayOfMonth' in rule) return rule.dayOfMonth === -1 ? c.d === last : c.d === rule.dayOfMonth;
      if (WEEKDAYS[weekdayOf(day)] !== rule.weekday) return false;
      return rule.nth === -1 ? c.d + 7 > last : Math.ceil(c.d / 7) === rule.nth;
    }
  }
}

/**
 * The first occurrence strictly after `after`, or null when the series has ended. Each day's wall time is
 * resolved on its own (a DST gap moves that one occurrence forward; an overlap takes the first of the two),
 * so a daily 09:00 stays at 09:00 across clock changes.
 */
export function nextOccurrence(spec: RecurrenceSpec, after: number): Occurrence | null {
  if (checkRecurrence(spec) !== null) return null;
  const startDay = dayNumber(spec.startDate) as number;
  const endDay = spec.endDate ? (dayNumber(spec.endDate) as number) : Number.POSITIVE_INFINITY;
  // The zone's date at `after` is within a day of its UTC date; start a day early and let the instant decide.
  const from = Math.max(startDay, Math.floor(after / DAY_MS) - 1);
  for (let day = from; day <= from + MAX_SCAN_DAYS && day <= endDay; day++) {
    if (!ruleMatchesDay(spec.rule, day, startDay)) continue;
    const wall: WallTime = { date: civil(day).date, time: spec.time, timeZone: spec.timeZone };
    const r = resolveWallTime(wall);
    if (r.kind === 'invalid') return null;
    if (r.instant <= after) continue;
    return { instant: r.instant, wall, note: r.kind === 'exact' ? null : r.note, notice: r.kind === 'exact' ? null : r.notice };
  }
  return null;
}

/** Occurrences in [from, to), at most `limit`, for previews. */
export function occurrencesBetween(spec: RecurrenceSpec, from: number, to: number, limit = 100): Occurrence[] {
  const out: Occurrence[] = [];
  let cursor = from - 1;
  while (out.length < limit) {
    const next = nextOccurrence(spec, cursor);
    if (!next || next.instant >= to) break;
    out.push(next);
    cursor = next.instant;
  }
  return out;
}

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' };

/** The rule in words: "every weekday at 09:00 (Europe/Rome)". */
export function describeRecurrence(spec: RecurrenceSpec): string {
  const r = spec.rule;
  const at = `at ${spec.time} (${spec.timeZone})`;
  if (r.freq === 'daily') return `${(r.interval ?? 1) === 1 ? 'every day' : `every ${r.interval} days`} ${at}`;
  if (r.freq === 'weekly') {
    const set = new Set(r.days);
    const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
    const days =
      set.size === 5 && weekdays.every((d) => set.has(d))
        ? 'weekday'
        : WEEKDAYS.filter((d) => set.has(d))
            .map((d) => DAY_NAMES[d])
            .join(', ');
    return `${(r.interval ?? 1) === 1 ? 'every' : `every ${r.interval} weeks on`} ${days} ${at}`;
  }
  if ('dayOfMonth' in r) return `monthly on ${r.dayOfMonth === -1 ? 'the last day' : `day ${r.dayOfMonth}`} ${at}`;
  return `monthly on the ${ORDINALS[r.nth] ?? `${r.nth}th`} ${DAY_NAMES[r.weekday]} ${at}`;
}
