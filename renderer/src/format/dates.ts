// Date and time formatting for the screen, with date-fns locales, always in an explicit time zone.

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { currentDateLocale, currentLanguage, currentStrings } from '../i18n';

/** Formats an instant as it reads on a wall clock in `timeZone`. */
function inZone(instant: number, timeZone: string, pattern: string): string {
  return format(new TZDate(instant, timeZone), pattern, { locale: currentDateLocale() });
}

const dates = new Map<string, string>();
/** A calendar date (YYYY-MM-DD) has no zone: format its fields as they are (each date and pattern once). */
function calendarDate(date: string, pattern: string): string {
  return cached(dates, `${currentLanguage()}|${pattern}|${date}`, () => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return format(new TZDate(Date.UTC(y, m - 1, d, 12), 'UTC'), pattern, { locale: currentDateLocale() });
  });
}

let device: string | null = null;
/** The zone this device is set to, offered as a one-click choice in Settings. */
export function deviceTimeZone(): string {
  device ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return device;
}

// Calendars format the same few hundred times over and over; remember them per language and zone.
const CACHE_LIMIT = 20_000;
function cached(cache: Map<string, string>, key: string, make: () => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

const zoneNames = new Map<string, Intl.DateTimeFormat>();
const abbreviations = new Map<string, string>();
/** The zone's short name at an instant in the current language (EST, CET, GMT+9). */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  const lang = currentLanguage();
  // A zone changes its name at most on the hour, so an hour's worth of instants share one lookup.
  return cached(abbreviations, `${lang}|${timeZone}|${Math.floor(instant / 3_600_000)}`, () => {
    const key = `${lang}|${timeZone}`;
    let f = zoneNames.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'short', hour: 'numeric' });
      zoneNames.set(key, f);
    }
    return f.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  });
}

/** Whether times in `timeZone` need their zone written next to them: only when it is not the computer's. */
export const showsZone = (timeZone: string): boolean => timeZone !== deviceTimeZone();

const withZone = (text: string, instant: number, timeZone: string): string =>
  showsZone(timeZone) ? `${text} ${zoneAbbreviation(instant, timeZone)}` : text;

const times = new Map<string, string>();
const plainTimes = new Map<string, string>();

/** A time of day without the zone, for places that say the zone once (a column of times). */
export function formatTimeOnly(instant: number, timeZone: string): string {
  return cached(plainTimes, `${currentLanguage()}|${timeZone}|${instant}`, () => inZone(instant, timeZone, currentStrings().formats.time));
}

/** A time of day, with the zone's short name when the zone differs from the computer's. */
export function formatTime(instant: number, timeZone: string): string {
  return cached(times, `${currentLanguage()}|${timeZone}|${instant}`, () => withZone(formatTimeOnly(instant, timeZone), instant, timeZone));
}

export const formatDateTime = (instant: number, timeZone: string): string =>
  withZone(inZone(instant, timeZone, currentStrings().formats.dateTime), instant, timeZone);

export const formatHistoryTime = (instant: number, timeZone: string): string =>
  withZone(inZone(instant, timeZone, currentStrings().formats.historyTime), instant, timeZone);

export const formatDayLong = (date: string): string => calendarDate(date, currentStrings().formats.dayLong);

export const formatDayShort = (date: string): string => calendarDate(date, currentStrings().formats.dayShort);

export const formatDayNumber = (date: string): string => calendarDate(date, 'd');

export const formatMonthTitle = (year: number, month: number): string =>
  calendarDate(`${year}-${String(month).padStart(2, '0')}-01`, currentStrings().formats.monthTitle);

export const formatWeekday = (date: string, long = false): string =>
  calendarDate(date, long ? currentStrings().formats.weekdayLong : currentStrings().formats.weekdayShort);

/** The one-letter weekday of the mini calendar. */
export const formatWeekdayNarrow = (date: string): string => calendarDate(date, 'EEEEE');

/** A wall time (date and HH:mm) as words, for notes about times that do not exist or happen twice. */
export function formatWall(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return format(new TZDate(Date.UTC(y, m - 1, d, h, mi), 'UTC'), currentStrings().formats.dateTime, { locale: currentDateLocale() });
}

/** An hour label of the time grid (9 AM, 09:00). */
export function formatHour(hour: number): string {
  return format(new TZDate(Date.UTC(2000, 0, 1, hour), 'UTC'), currentStrings().formats.hour, { locale: currentDateLocale() });
}

const minuteLabels = new Map<string, string[]>();
/** Minutes after midnight as a time of day (wall clock, no zone); each of the day's 1,440 is formatted once per language. */
export function formatMinutes(minutes: number): string {
  const lang = currentLanguage();
  let labels = minuteLabels.get(lang);
  if (!labels) {
    labels = [];
    minuteLabels.set(lang, labels);
  }
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  labels[m] ??= format(new TZDate(Date.UTC(2000, 0, 1, 0, m), 'UTC'), currentStrings().formats.time, { locale: currentDateLocale() });
  return labels[m];
}

/** "Mar 10 – 16, 2026", or across months and years as needed. */
export function formatRange(first: string, last: string): string {
  const f = currentStrings().formats;
  if (first.slice(0, 4) !== last.slice(0, 4)) return `${calendarDate(first, f.dayMonthYear)} – ${calendarDate(last, f.dayMonthYear)}`;
  if (first.slice(0, 7) !== last.slice(0, 7)) return `${calendarDate(first, f.dayMonth)} – ${calendarDate(last, f.dayMonthYear)}`;
  return `${calendarDate(first, f.dayMonth)} – ${calendarDate(last, f.dayYear)}`;
}

let zones: readonly string[] | null = null;
/** Every IANA zone the runtime knows, for the time-zone pickers' suggestions. */
export function knownTimeZones(): readonly string[] {
  if (!zones) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = listed.includes('UTC') ? listed : ['UTC', ...listed];
  }
  return zones;
}
