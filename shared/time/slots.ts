// Posting slots ("Add to queue"): weekly wall times per account, and the next one nobody has taken yet.

import { type Problem, problem, wordsFor } from '../contract/problems';
import { WEEKDAYS, type Weekday } from './recurrence';
import { isValidTimeZone, parseWallFields, resolveWallTime, type WallTime, wallTimeOf } from './wallTime';

/** A weekly posting time: every `day` at `time` (HH:mm) in the schedule's zone. */
export interface WeeklySlot {
  readonly day: Weekday;
  readonly time: string;
}

/** One account's posting slots and the zone their wall times are read in. */
export interface SlotSchedule {
  readonly timeZone: string;
  readonly slots: readonly WeeklySlot[];
}

/** A slot on a particular day, as an instant. */
export interface SlotOccurrence {
  readonly at: number;
  /** The wall time the slot asked for. */
  readonly wall: WallTime;
  /** Set when that wall time does not exist or happens twice that day (DST): what it became, in words. */
  readonly note: string | null;
  /** The same note as a catalog problem (time_skipped, time_repeated), for pages to word. */
  readonly notice: Problem | null;
}

/** Weekdays 09:00, 12:30 and 17:00: what an account uses until someone sets its own slots. */
export const DEFAULT_SLOT_TIMES = ['09:00', '12:30', '17:00'] as const;
export const DEFAULT_SLOT_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export function defaultSlots(): WeeklySlot[] {
  return DEFAULT_SLOT_DAYS.flatMap((day) => DEFAULT_SLOT_TIMES.map((time) => ({ day, time })));
}

/** How far ahead "Add to queue" looks before saying every slot is taken. */
export const QUEUE_HORIZON_DAYS = 8 * 7;

const DAY_MS = 86_400_000;
/** A post counts as sitting in a slot when it is due within the slot's minute. */
export const SLOT_WIDTH_MS = 60_000;

/** HH:mm with two-digit hours, so slots sort and compare as text. */
export function normaliseSlotTime(time: string): string | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 23 || mi > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

/** Slots in week order (Monday first, then by time), each once; null with the reason when one is not valid. */
export function normaliseSlots(slots: readonly WeeklySlot[]): { slots: WeeklySlot[] } | { error: string } {
  const r = normaliseSlotsOrProblem(slots);
  return 'problem' in r ? { error: wordsFor(r.problem) } : r;
}

/** The same, with the reason as a problem from the catalog. */
export function normaliseSlotsOrProblem(slots: readonly WeeklySlot[]): { slots: WeeklySlot[] } | { problem: Problem } {
  const wrong = (p: Problem) => ({ problem: p });
  const seen = new Set<string>();
  const out: WeeklySlot[] = [];
  for (const s of slots) {
    if (!WEEKDAYS.includes(s.day)) return wrong(problem('slot_day_invalid', { day: s.day }));
    const time = normaliseSlotTime(s.time);
    if (time === null) return wrong(problem('slot_time_invalid', { time: s.time }));
    const key = `${s.day} ${time}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ day: s.day, time });
  }
  out.sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.time.localeCompare(b.time));
  return { slots: out };
}

/** Days since 1970-01-01 of a civil date; the arithmetic never touches the process's zone. */
function dayNumberOf(date: string): number {
  const p = parseWallFields(date, '00:00');
  if ('error' in p) throw new Error(p.error);
  return Math.round(p.localAsUtc / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 1970-01-01 was a Thursday. */
function weekdayOf(day: number): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7] as Weekday;
}

/**
 * Every slot occurrence of a schedule that falls in [from, to), in time order. Each day's wall times are
 * resolved on their own (never "previous slot + 24 h"), so DST days keep 09:00 at 09:00. A slot time that
 * does not exist that day moves forward by the gap and one that happens twice uses the first, both with a note.
 */
export function slotOccurrences(schedule: SlotSchedule, from: number, to: number): SlotOccurrence[] {
  if (!isValidTimeZone(schedule.timeZone) || to <= from || schedule.slots.length === 0) return [];
  // The wall dates that can hold an instant in [from, to) in this zone: a day of margin each side covers any offset.
  const firstDay = dayNumberOf(wallTimeOf(from, schedule.timeZone).date) - 1;
  const lastDay = dayNumberOf(wallTimeOf(to, schedule.timeZone).date) + 1;
  const byInstant = new Map<number, SlotOccurrence>();
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = weekdayOf(day);
    const date = dateOf(day);
    for (const slot of schedule.slots) {
      if (slot.day !== weekday) continue;
      const wall: WallTime = { date, time: slot.time, timeZone: schedule.timeZone };
      const r = resolveWallTime(wall);
      if (r.kind === 'invalid') continue;
      // A zone that skipped the whole day (Samoa, 2011-12-30) has no slot that day rather than one on the next.
      if (r.kind === 'gap' && !r.becameWall.startsWith(date)) continue;
      if (r.instant < from || r.instant >= to) continue;
      // A gap can push 02:30 onto an existing 03:30 slot: one slot, the one that asked for that time.
      const existing = byInstant.get(r.instant);
      if (existing && existing.note === null) continue;
      byInstant.set(r.instant, {
        at: r.instant,
        wall,
        note: r.kind === 'exact' ? null : r.note,
        notice: r.kind === 'exact' ? null : r.notice,
      });
    }
  }
  return [...byInstant.values()].sort((a, b) => a.at - b.at);
}

export interface NextFreeSlotInput {
  /** One schedule per account the post goes to; a slot of any of them is a candidate. */
  readonly schedules: readonly SlotSchedule[];
  /** Only slots strictly after this instant count (usually now). */
  readonly after: number;
  /** Instants at which one of the accounts already has a post; a slot is taken by a post due within its minute. */
  readonly taken: readonly number[];
  readonly horizonDays?: number;
}

/**
 * The earliest slot after `after`, of any of the schedules, that no post of those accounts already sits in.
 * Null when every slot within the horizon is taken (or there are no slots at all).
 */
export function nextFreeSlot(input: NextFreeSlotInput): SlotOccurrence | null {
  const horizon = input.after + (input.horizonDays ?? QUEUE_HORIZON_DAYS) * DAY_MS;
  const busyMinutes = new Set(input.taken.map((t) => Math.floor(t / SLOT_WIDTH_MS)));
  const candidates = input.schedules
    .flatMap((s) => slotOccurrences(s, input.after + 1, horizon))
    .sort((a, b) => a.at - b.at || Number(a.note !== null) - Number(b.note !== null));
  for (const c of candidates) {
    if (!busyMinutes.has(Math.floor(c.at / SLOT_WIDTH_MS))) return c;
  }
  return null;
}
