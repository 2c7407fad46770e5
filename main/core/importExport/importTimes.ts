// Reading the dates and times that spreadsheets and other tools write, as instants or wall times in a zone.

import type { DateOrder } from '../../../shared/importExport/fields';
import { parseWallFields, resolveWallTime, wallTimeOf, zoneOffsetAt } from '../../../shared/time/wallTime';

export type ParsedWhen =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ambiguous'; readonly message: string }
  | { readonly kind: 'instant'; readonly at: number }
  | { readonly kind: 'wall'; readonly date: string; readonly time: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** A slashed date's two first numbers, for telling day/month from month/day across a file. */
export function slashedDateParts(value: string): { a: number; b: number } | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value.split(/[ T]/)[0] ?? '');
  return m ? { a: Number(m[1]), b: Number(m[2]) } : null;
}

/** Which order the slashed dates of a file use, when any of them tells (a number over 12); null when none does. */
export function inferDateOrder(values: readonly string[]): DateOrder | 'conflict' | null {
  let dmy = false;
  let mdy = false;
  for (const v of values) {
    const p = slashedDateParts(v);
    if (!p) continue;
    if (p.a > 12 && p.b <= 12) dmy = true;
    if (p.b > 12 && p.a <= 12) mdy = true;
  }
  if (dmy && mdy) return 'conflict';
  return dmy ? 'dmy' : mdy ? 'mdy' : null;
}

function realDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > last ? null : `${y}-${pad(m)}-${pad(d)}`;
}

/** YYYY-MM-DD from 2026-12-03, 2026/12/03, 03.12.2026, or 03/12/2026 with the file's order. */
export function parseDate(value: string, order: DateOrder | null): { date: string } | { error: string } | { ambiguous: true } {
  const v = value.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (m) {
    const d = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { date: d } : { error: `"${value}" is not a real date.` };
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (m) {
    const d = realDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { date: d } : { error: `"${value}" is not a real date.` };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a !== b && a <= 12 && b <= 12 && order === null) return { ambiguous: true };
    const dmy = order === 'dmy' || (order === null && a > 12);
    const d = dmy ? realDate(y, b, a) : realDate(y, a, b);
    return d ? { date: d } : { error: `"${value}" is not a real date (${dmy ? 'day/month/year' : 'month/day/year'}).` };
  }
  return { error: `"${value}" is not a date Kairos reads; write it as YYYY-MM-DD, like 2026-12-24.` };
}

/** HH:mm from 09:30, 9:30, 09:30:00, 9:30 pm or 21h30. */
export function parseTime(value: string): { time: string } | { error: string } {
  const v = value.trim().toLowerCase();
  const m = /^(\d{1,2})[:h.](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(v);
  if (!m) return { error: `"${value}" is not a time Kairos reads; write it as HH:mm (24-hour), like 14:30.` };
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const half = m[4]?.startsWith('p') ? 'pm' : m[4] ? 'am' : null;
  if (half) {
    if (h < 1 || h > 12) return { error: `"${value}" is not a time of day.` };
    h = (h % 12) + (half === 'pm' ? 12 : 0);
  }
  if (h > 23 || mi > 59) return { error: `"${value}" is not a time of day.` };
  return { time: `${pad(h)}:${pad(mi)}` };
}

/** An ISO 8601 instant (with Z or an offset), or a date and time without a zone (read in the row's zone). */
export function parseDateTime(value: string, order: DateOrder | null): ParsedWhen {
  const v = value.trim();
  if (v === '') return { kind: 'none' };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) {
    const at = Date.parse(v);
    return Number.isNaN(at) ? { kind: 'error', message: `"${value}" is not a real date and time.` } : { kind: 'instant', at };
  }
  const m = /^(\S+)[ T](.+)$/.exec(v);
  if (!m) {
    const d = parseDate(v, order);
    if ('ambiguous' in d) return { kind: 'ambiguous', message: `"${value}" could be day/month or month/day; choose the date order.` };
    return 'error' in d ? { kind: 'error', message: d.error } : { kind: 'error', message: `"${value}" has a date but no time.` };
  }
  const d = parseDate(m[1] as string, order);
  if ('ambiguous' in d) return { kind: 'ambiguous', message: `"${value}" could be day/month or month/day; choose the date order.` };
  if ('error' in d) return { kind: 'error', message: d.error };
  const t = parseTime(m[2] as string);
  if ('error' in t) return { kind: 'error', message: t.error };
  return { kind: 'wall', date: d.date, time: t.time };
}

export interface ResolvedRowTime {
  readonly at: number;
  /** The wall time it went to, in the row's zone. */
  readonly date: string;
  readonly time: string;
  /** Set when the wall time does not exist (DST gap) or happens twice: what it became, in words. */
  readonly note: string | null;
  readonly gap: boolean;
}

const HOUR = 3_600_000;

/**
 * Resolves a file's times: a day whose offset is the same from 14 hours before its start to 14 hours after its end
 * (every day but a DST change) is read with that offset directly; the other days go through resolveWallTime, which
 * handles gaps and overlaps. The offsets of each zone and day are asked of Intl once per file.
 */
export class RowTimeResolver {
  readonly #dayOffsets = new Map<string, number | null>();

  #steadyOffset(date: string, timeZone: string, localDayStart: number): number | null {
    const key = `${timeZone}|${date}`;
    if (this.#dayOffsets.has(key)) return this.#dayOffsets.get(key) as number | null;
    const samples = [-14, -2, 10, 24, 38].map((h) => zoneOffsetAt(localDayStart + h * HOUR, timeZone));
    const steady = samples.every((o) => o === samples[0]) ? (samples[0] as number) : null;
    this.#dayOffsets.set(key, steady);
    return steady;
  }

  resolve(w: ParsedWhen & { kind: 'wall' | 'instant' }, timeZone: string): ResolvedRowTime | { error: string } {
    if (w.kind === 'instant') {
      const wall = wallTimeOf(w.at, timeZone);
      return { at: w.at, date: wall.date, time: wall.time, note: null, gap: false };
    }
    const fields = parseWallFields(w.date, w.time);
    if ('error' in fields) return { error: fields.error };
    const dayStart = fields.localAsUtc - (((fields.localAsUtc % 86_400_000) + 86_400_000) % 86_400_000);
    const steady = this.#steadyOffset(w.date, timeZone, dayStart);
    if (steady !== null) return { at: fields.localAsUtc - steady, date: w.date, time: w.time, note: null, gap: false };
    const r = resolveWallTime({ date: w.date, time: w.time, timeZone });
    if (r.kind === 'invalid') return { error: r.error };
    if (r.kind === 'exact') return { at: r.instant, date: w.date, time: w.time, note: null, gap: false };
    const wall = wallTimeOf(r.instant, timeZone);
    return { at: r.instant, date: wall.date, time: wall.time, note: r.note, gap: r.kind === 'gap' };
  }
}
