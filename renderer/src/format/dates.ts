// Date and time formatting for the screen, with date-fns, always in an explicit time zone.

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { currentDateLocale, currentStrings } from '../i18n';

/** Formats an instant as it reads on a wall clock in `timeZone`. */
function inZone(instant: number, timeZone: string, pattern: string): string {
  return format(new TZDate(instant, timeZone), pattern, { locale: currentDateLocale() });
}

/** A calendar date (YYYY-MM-DD) has no zone: format its fields as they are. */
function calendarDate(date: string, pattern: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format(new TZDate(Date.UTC(y, m - 1, d, 12), 'UTC'), pattern, { locale: currentDateLocale() });
}

export const formatTime = (instant: number, timeZone: string): string => inZone(instant, timeZone, currentStrings().formats.time);

export const formatDateTime = (instant: number, timeZone: string): string => inZone(instant, timeZone, currentStrings().formats.dateTime);

export const formatHistoryTime = (instant: number, timeZone: string): string =>
  inZone(instant, timeZone, currentStrings().formats.historyTime);

export const formatDayLong = (date: string): string => calendarDate(date, currentStrings().formats.dayLong);

export const formatDayShort = (date: string): string => calendarDate(date, currentStrings().formats.dayShort);

export const formatMonthTitle = (year: number, month: number): string =>
  calendarDate(`${year}-${String(month).padStart(2, '0')}-01`, currentStrings().formats.monthTitle);

export const formatWeekday = (date: string, long = false): string =>
  calendarDate(date, long ? currentStrings().formats.weekdayLong : currentStrings().formats.weekdayShort);

/** The zone this device is set to, offered as a one-click choice in Settings. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
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
