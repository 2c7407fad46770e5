// Converts between wall times in an IANA zone and UTC instants, without depending on the process zone.

import { type Problem, problem, wordsFor } from '../contract/problems';

export interface WallTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:mm (24-hour) */
  readonly time: string;
  readonly timeZone: string;
}

export type WallTimeResolution =
  | { readonly kind: 'exact'; readonly instant: number }
  /** The wall time does not exist (clocks jumped forward); it moved forward by the length of the jump. */
  | {
      readonly kind: 'gap';
      readonly instant: number;
      readonly becameWall: string;
      /** The note in English, and as a catalog problem (time_skipped) for pages to word. */
      readonly note: string;
      readonly notice: Problem;
    }
  /** The wall time happens twice (clocks went back); the policy picked one of the two. */
  | {
      readonly kind: 'overlap';
      readonly instant: number;
      readonly laterInstant: number;
      readonly note: string;
      readonly notice: Problem;
    };

/**
 * What to do with a wall time that happens twice. The default is the first occurrence: a post set for
 * 01:30 on the night clocks go back goes out at the first 01:30, never an hour "late".
 */
export interface WallTimePolicy {
  readonly overlap: 'earlier' | 'later';
}

export const DEFAULT_WALL_TIME_POLICY: WallTimePolicy = { overlap: 'earlier' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || typeof timeZone !== 'string') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function fieldsAt(instant: number, timeZone: string): Fields {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // Some engines print midnight as 24 even with h23; normalise so arithmetic stays right.
  const h = get('hour') % 24;
  return { y: get('year'), mo: get('month'), d: get('day'), h, mi: get('minute'), s: get('second') };
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  const f = fieldsAt(instant, timeZone);
  const asUtc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return asUtc - whole;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The wall time of an instant in a zone. */
export function wallTimeOf(instant: number, timeZone: string): WallTime {
  const f = fieldsAt(instant, timeZone);
  return { date: `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}`, time: `${pad(f.h)}:${pad(f.mi)}`, timeZone };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})$/;

/** The fields of a wall time as if UTC, or what is wrong with them in English. */
export function parseWallFields(date: string, time: string): { localAsUtc: number } | { error: string } {
  const r = parseWallFieldsOrProblem(date, time);
  return 'problem' in r ? { error: wordsFor(r.problem) } : r;
}

const wrong = (p: Problem) => ({ problem: p });

/** The same, with what is wrong as a problem from the catalog. */
export function parseWallFieldsOrProblem(date: string, time: string): { localAsUtc: number } | { problem: Problem } {
  const dm = DATE_RE.exec(date);
  if (!dm) return wrong(problem('not_a_date', { date }));
  const tm = TIME_RE.exec(time);
  if (!tm) return wrong(problem('not_a_time', { time }));
  const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) {
    return wrong(problem('not_a_real_time', { date, time }));
  }
  const localAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(localAsUtc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) {
    return wrong(problem('date_not_in_calendar', { date }));
  }
  return { localAsUtc };
}

const HOUR = 3_600_000;
/** Offsets on Earth stay within -12 h..+14 h, so the instants a wall time can mean lie in this window around it. */
const SAMPLE_STEPS = [-18, -15, -12, -9, -6, -3, 0, 3, 6, 9, 12, 15, 18];

/** Every offset the zone uses in the window of instants that a wall time could denote. */
function offsetsNear(localAsUtc: number, timeZone: string): number[] {
  const seen = new Set<number>();
  for (const step of SAMPLE_STEPS) seen.add(zoneOffsetAt(localAsUtc + step * HOUR, timeZone));
  return [...seen];
}

/**
 * Resolves a wall time to an instant. Policy, the same on every machine and in every process zone:
 * - a wall time inside a spring-forward gap moves forward by the length of the gap (02:30 becomes 03:30);
 * - a wall time that occurs twice resolves to its first occurrence (or the later one if the policy says so).
 * Only Intl with an explicit zone and Date.UTC are used, never the process's local time.
 */
export function resolveWallTime(
  wall: WallTime,
  policy: WallTimePolicy = DEFAULT_WALL_TIME_POLICY,
): WallTimeResolution | { kind: 'invalid'; error: string } {
  const r = resolveWallTimeOrProblem(wall, policy);
  return r.kind === 'invalid' ? { kind: 'invalid', error: wordsFor(r.problem) } : r;
}

/** The same, with what makes the wall time invalid as a problem from the catalog. */
export function resolveWallTimeOrProblem(
  wall: WallTime,
  policy: WallTimePolicy = DEFAULT_WALL_TIME_POLICY,
): WallTimeResolution | { kind: 'invalid'; problem: Problem } {
  if (!isValidTimeZone(wall.timeZone)) return { kind: 'invalid', problem: problem('time_zone_unknown', { timeZone: wall.timeZone }) };
  const parsed = parseWallFieldsOrProblem(wall.date, wall.time);
  if ('problem' in parsed) return { kind: 'invalid', problem: parsed.problem };
  const local = parsed.localAsUtc;
  const offsets = offsetsNear(local, wall.timeZone);
  const matches = [...new Set(offsets.map((off) => local - off).filter((t) => zoneOffsetAt(t, wall.timeZone) === local - t))].sort(
    (a, b) => a - b,
  );
  if (matches.length === 1) return { kind: 'exact', instant: matches[0] as number };
  if (matches.length >= 2) {
    const first = matches[0] as number;
    const later = matches[matches.length - 1] as number;
    const useLater = policy.overlap === 'later';
    const notice = problem('time_repeated', {
      date: wall.date,
      time: wall.time,
      timeZone: wall.timeZone,
      used: useLater ? 'second' : 'first',
    });
    return { kind: 'overlap', instant: useLater ? later : first, laterInstant: later, note: wordsFor(notice), notice };
  }
  // A gap. The offset in force just before the jump is the one in force before the earliest instant the wall
  // time could mean; reading the wall time with it lands after the jump, shifted by exactly the jump's length.
  const before = zoneOffsetAt(local - Math.max(...offsets), wall.timeZone);
  const instant = local - before;
  const became = wallTimeOf(instant, wall.timeZone);
  const shift = zoneOffsetAt(instant, wall.timeZone) - before;
  const notice = problem('time_skipped', {
    date: wall.date,
    time: wall.time,
    timeZone: wall.timeZone,
    shiftMinutes: Math.round(shift / 60_000),
    becameDate: became.date,
    becameTime: became.time,
  });
  return { kind: 'gap', instant, becameWall: `${became.date} ${became.time}`, note: wordsFor(notice), notice };
}

/** The wall time as "YYYY-MM-DD HH:mm" local-as-UTC milliseconds, for calendar arithmetic that ignores zones. */
export function wallAsUtcMs(wall: Pick<WallTime, 'date' | 'time'>): number | null {
  const parsed = parseWallFields(wall.date, wall.time);
  return 'error' in parsed ? null : parsed.localAsUtc;
}
