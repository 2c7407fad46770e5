// Reading the dates and times that spreadsheets and other tools write, as instants or wall times in a zone.

import { type Problem, problem } from '../../../shared/contract/problems';
import type { DateOrder } from '../../../shared/importExport/fields';
import { parseWallFieldsOrProblem, resolveWallTimeOrProblem, wallTimeOf, zoneOffsetAt } from '../../../shared/time/wallTime';

export type ParsedWhen =
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly problem: Problem }
  | { readonly kind: 'ambiguous'; readonly problem: Problem }
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
export function parseDate(value: string, order: DateOrder | null): { date: string } | { problem: Problem } | { ambiguous: true } {
  const v = value.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (m) {
    const d = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { date: d } : { problem: problem('import_not_real_date', { value, order: null }) };
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (m) {
    const d = realDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { date: d } : { problem: problem('import_not_real_date', { value, order: null }) };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a !== b && a <= 12 && b <= 12 && order === null) return { ambiguous: true };
    const dmy = order === 'dmy' || (order === null && a > 12);
    const d = dmy ? realDate(y, b, a) : realDate(y, a, b);
    return d ? { date: d } : { problem: problem('import_not_real_date', { value, order: dmy ? 'dmy' : 'mdy' }) };
  }
  return { problem: problem('import_date_unreadable', { value }) };
}

/** HH:mm from 09:30, 9:30, 09:30:00, 9:30 pm or 21h30. */
export function parseTime(value: string): { time: string } | { problem: Problem } {
  const v = value.trim().toLowerCase();
  const m = /^(\d{1,2})[:h.](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(v);
  if (!m) return { problem: problem('import_time_unreadable', { value }) };
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const half = m[4]?.startsWith('p') ? 'pm' : m[4] ? 'am' : null;
  if (half) {
    if (h < 1 || h > 12) return { problem: problem('import_not_time_of_day', { value }) };
    h = (h % 12) + (half === 'pm' ? 12 : 0);
  }
  if (h > 23 || mi > 59) return { problem: problem('import_not_time_of_day', { value }) };
  return { time: `${pad(h)}:${pad(mi)}` };
}

/** An ISO 8601 instant (with Z or an offset), or a date and time without a zone (read in the row's zone). */
export function parseDateTime(value: string, order: DateOrder | null): ParsedWhen {
  const v = value.trim();
  if (v === '') return { kind: 'none' };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) {
    const at = Date.parse(v);
    return Number.isNaN(at) ? { kind: 'error', problem: problem('import_not_real_date_time', { value }) } : { kind: 'instant', at };
  }
  const m = /^(\S+)[ T](.+)$/.exec(v);
  if (!m) {
    const d = parseDate(v, order);
    if ('ambiguous' in d) return { kind: 'ambiguous', problem: problem('import_date_ambiguous', { value }) };
    return { kind: 'error', problem: 'problem' in d ? d.problem : problem('import_date_without_time', { value }) };
  }
  const d = parseDate(m[1] as string, order);
  if ('ambiguous' in d) return { kind: 'ambiguous', problem: problem('import_date_ambiguous', { value }) };
  if ('problem' in d) return { kind: 'error', problem: d.problem };
  const t = parseTime(m[2] as string);
  if ('problem' in t) return { kind: 'error', problem: t.problem };
  return { kind: 'wall', date: d.date, time: t.time };
}

export interface ResolvedRowTime {
  readonly at: number;
  /** The wall time it went to, in the row's zone. */
  readonly date: string;
  readonly time: string;
  /** Set when the wall time does not exist (DST gap) or happens twice: what it became (time_skipped, time_repeated). */
  readonly note: Problem | null;
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

  resolve(w: ParsedWhen & { kind: 'wall' | 'instant' }, timeZone: string): ResolvedRowTime | { problem: Problem } {
    if (w.kind === 'instant') {
      const wall = wallTimeOf(w.at, timeZone);
      return { at: w.at, date: wall.date, time: wall.time, note: null, gap: false };
    }
    const fields = parseWallFieldsOrProblem(w.date, w.time);
    if ('problem' in fields) return { problem: fields.problem };
    const dayStart = fields.localAsUtc - (((fields.localAsUtc % 86_400_000) + 86_400_000) % 86_400_000);
    const steady = this.#steadyOffset(w.date, timeZone, dayStart);
    if (steady !== null) return { at: fields.localAsUtc - steady, date: w.date, time: w.time, note: null, gap: false };
    const r = resolveWallTimeOrProblem({ date: w.date, time: w.time, timeZone });
    if (r.kind === 'invalid') return { problem: r.problem };
    if (r.kind === 'exact') return { at: r.instant, date: w.date, time: w.time, note: null, gap: false };
    const wall = wallTimeOf(r.instant, timeZone);
    return { at: r.instant, date: wall.date, time: wall.time, note: r.notice, gap: r.kind === 'gap' };
  }
}
