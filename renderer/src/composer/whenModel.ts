// What a date, time and zone typed in the composer mean: the instant, and in words what DST does to it.

import { isValidTimeZone, resolveWallTime, wallTimeOf } from '../../../shared/time/wallTime';
import { formatDateTime, formatWall } from '../format/dates';
import { currentStrings } from '../i18n';

export interface DescribedWall {
  readonly state: 'empty' | 'invalid' | 'exact' | 'gap' | 'overlap';
  readonly instant: number | null;
  readonly past: boolean;
  /** A sentence for the user when the time does not exist, happens twice, or is not valid; null otherwise. */
  readonly note: string | null;
}

function durationWords(ms: number): string {
  const t = currentStrings().when;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return minutes % 60 === 0 ? t.hours(minutes / 60) : t.minutes(minutes);
}

export function describeWall(date: string, time: string, timeZone: string, now: number): DescribedWall {
  const t = currentStrings().when;
  if (!date || !time) return { state: 'empty', instant: null, past: false, note: null };
  const zone = timeZone.trim();
  if (!isValidTimeZone(zone)) return { state: 'invalid', instant: null, past: false, note: t.unknownZone(zone) };
  const r = resolveWallTime({ date, time, timeZone: zone });
  if (r.kind === 'invalid') return { state: 'invalid', instant: null, past: false, note: t.invalid };
  const past = r.instant < now - 60_000;
  const typed = formatWall(date, time);
  if (r.kind === 'gap') {
    const became = wallTimeOf(r.instant, zone);
    const shift = Date.UTC(...ymdhm(became.date, became.time)) - Date.UTC(...ymdhm(date, time));
    return { state: 'gap', instant: r.instant, past, note: t.gap(typed, zone, durationWords(shift), formatWall(became.date, became.time)) };
  }
  if (r.kind === 'overlap') {
    return {
      state: 'overlap',
      instant: r.instant,
      past,
      note: t.overlap(typed, zone, formatDateTime(r.instant, 'UTC'), formatDateTime(r.laterInstant, 'UTC')),
    };
  }
  return { state: 'exact', instant: r.instant, past, note: null };
}

function ymdhm(date: string, time: string): [number, number, number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return [y, m - 1, d, h, mi];
}
