// Converts between wall times in an IANA zone and UTC instants, without depending on the process zone.

export interface WallTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:mm (24-hour) */
  readonly time: string;
  readonly timeZone: string;
}

export type WallTimeResolution =
  | { readonly kind: 'exact'; readonly instant: number }
  /** The wall time does not exist (clocks jumped forward); it became the same time after the jump. */
  | { readonly kind: 'gap'; readonly instant: number; readonly becameWall: string; readonly note: string }
  /** The wall time happens twice (clocks went back); the first occurrence was taken. */
  | { readonly kind: 'overlap'; readonly instant: number; readonly laterInstant: number; readonly note: string };

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
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
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

export function parseWallFields(date: string, time: string): { localAsUtc: number } | { error: string } {
  const dm = DATE_RE.exec(date);
  if (!dm) return { error: `"${date}" is not a date; write it as YYYY-MM-DD.` };
  const tm = TIME_RE.exec(time);
  if (!tm) return { error: `"${time}" is not a time; write it as HH:mm (24-hour).` };
  const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) {
    return { error: `${date} ${time} is not a real date and time.` };
  }
  const localAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(localAsUtc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) {
    return { error: `${date} does not exist in the calendar.` };
  }
  return { localAsUtc };
}

/**
 * Resolves a wall time to an instant. Policy, the same on every machine:
 * - a wall time inside a spring-forward gap moves forward by the length of the gap (02:30 becomes 03:30);
 * - a wall time that occurs twice resolves to its first occurrence (the earlier instant).
 */
export function resolveWallTime(wall: WallTime): WallTimeResolution | { kind: 'invalid'; error: string } {
  if (!isValidTimeZone(wall.timeZone)) {
    return { kind: 'invalid', error: `"${wall.timeZone}" is not a known time zone (use a name like Europe/Rome).` };
  }
  const parsed = parseWallFields(wall.date, wall.time);
  if ('error' in parsed) return { kind: 'invalid', error: parsed.error };
  const local = parsed.localAsUtc;
  const day = 86_400_000;
  const offsets = new Set([
    zoneOffsetAt(local - day, wall.timeZone),
    zoneOffsetAt(local, wall.timeZone),
    zoneOffsetAt(local + day, wall.timeZone),
  ]);
  const matches: number[] = [];
  for (const off of offsets) {
    const t = local - off;
    if (zoneOffsetAt(t, wall.timeZone) === off) matches.push(t);
  }
  matches.sort((a, b) => a - b);
  const wallLabel = `${wall.date} ${wall.time}`;
  if (matches.length === 1) return { kind: 'exact', instant: matches[0] as number };
  if (matches.length >= 2) {
    const [first, later] = matches as [number, number];
    return {
      kind: 'overlap',
      instant: first,
      laterInstant: later,
      note: `${wallLabel} happens twice in ${wall.timeZone} (clocks go back); the first one was used.`,
    };
  }
  // A gap: use the offset in force before the jump, which lands after the gap by its length.
  const before = zoneOffsetAt(local - day, wall.timeZone);
  const instant = local - before;
  const became = wallTimeOf(instant, wall.timeZone);
  return {
    kind: 'gap',
    instant,
    becameWall: `${became.date} ${became.time}`,
    note: `${wallLabel} does not exist in ${wall.timeZone} (clocks jump forward); it became ${became.time}.`,
  };
}
