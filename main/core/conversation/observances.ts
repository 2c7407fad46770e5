// The date's context: public holidays (date-holidays) for the chosen countries, and awareness days (shipped and the user's).

import Holidays from 'date-holidays';
import type { AwarenessRule, CountryOption, Observance, UserAwarenessDay } from '../../../shared/contract/conversation';
import { AWARENESS_DAYS, type AwarenessDay } from './awarenessDays';

const DAY_MS = 86_400_000;
/** Which holiday kinds are worth planning around: days off, and widely marked days like Mother's Day. */
const HOLIDAY_TYPES = ['public', 'observance'] as const;
/** The longest range the calendar may ask for at once. */
export const MAX_RANGE_DAYS = 400;

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function parseDate(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Day count between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  const x = parseDate(a);
  const y = parseDate(b);
  return Math.round((Date.UTC(y.y, y.m - 1, y.d) - Date.UTC(x.y, x.m - 1, x.d)) / DAY_MS);
}

/** Whether a calendar date exists (rejects 2026-02-30). */
export function isRealDate(date: string): boolean {
  const { y, m, d } = parseDate(date);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Where a rule falls in a year: one day, or a span (a whole month). Null when the date does not exist that year. */
export function occurrence(rule: AwarenessRule, year: number): { date: string; until: string | null } | null {
  switch (rule.kind) {
    case 'fixed':
      return rule.day <= daysInMonth(year, rule.month) ? { date: dateOf(year, rule.month, rule.day), until: null } : null;
    case 'month':
      return { date: dateOf(year, rule.month, 1), until: dateOf(year, rule.month, daysInMonth(year, rule.month)) };
    case 'nthWeekday': {
      const last = daysInMonth(year, rule.month);
      if (rule.nth === -1) {
        const lastWeekday = new Date(Date.UTC(year, rule.month - 1, last)).getUTCDay();
        return { date: dateOf(year, rule.month, last - ((lastWeekday - rule.weekday + 7) % 7)), until: null };
      }
      const firstWeekday = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
      const day = 1 + ((rule.weekday - firstWeekday + 7) % 7) + (rule.nth - 1) * 7;
      return day <= last ? { date: dateOf(year, rule.month, day), until: null } : null;
    }
  }
}

const calendars = new Map<string, Holidays>();

function calendarFor(country: string): Holidays | null {
  let h = calendars.get(country);
  if (!h) {
    h = new Holidays();
    // init returns nothing useful; a country it does not know leaves it without rules.
    h.init(country, { languages: ['en'], types: [...HOLIDAY_TYPES] });
    if (h.getRules().length === 0) return null;
    calendars.set(country, h);
  }
  return h;
}

let countryNames: Readonly<Record<string, string>> | null = null;

function knownCountries(): Readonly<Record<string, string>> {
  countryNames ??= new Holidays().getCountries('en');
  return countryNames;
}

/** Countries date-holidays knows, by English name (it names them in their own languages). */
export function supportedCountries(): CountryOption[] {
  const english = new Intl.DisplayNames(['en'], { type: 'region' });
  return Object.entries(knownCountries())
    .map(([code, native]) => ({ code, name: english.of(code) ?? native }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function isSupportedCountry(code: string): boolean {
  return Object.hasOwn(knownCountries(), code);
}

function holidaysBetween(from: string, to: string, countries: readonly string[]): Observance[] {
  const out: Observance[] = [];
  const firstYear = parseDate(from).y;
  const lastYear = parseDate(to).y;
  for (const country of countries) {
    const cal = calendarFor(country);
    if (!cal) continue;
    for (let year = firstYear; year <= lastYear; year++) {
      for (const h of cal.getHolidays(year, 'en')) {
        // date-holidays gives the local wall date first ("2026-06-19 00:00:00"); that is the calendar day.
        const date = h.date.slice(0, 10);
        if (date < from || date > to) continue;
        out.push({ date, until: null, name: h.name, kind: 'holiday', country, holidayType: h.type, url: null, userDayId: null });
      }
    }
  }
  return out;
}

function awarenessBetween(
  from: string,
  to: string,
  countries: readonly string[],
  days: readonly (AwarenessDay & { readonly userDayId?: string })[],
): Observance[] {
  const out: Observance[] = [];
  const picked = new Set(countries);
  const firstYear = parseDate(from).y;
  const lastYear = parseDate(to).y;
  for (const day of days) {
    // A national day shows for the countries the user picked; a worldwide one always.
    const where = day.countries ? day.countries.filter((c) => picked.has(c)) : [null];
    if (where.length === 0) continue;
    for (let year = firstYear; year <= lastYear; year++) {
      const at = occurrence(day.rule, year);
      if (!at || (at.until ?? at.date) < from || at.date > to) continue;
      out.push({
        date: at.date,
        until: at.until,
        name: day.name,
        kind: 'awareness',
        country: where.length === 1 ? (where[0] ?? null) : null,
        holidayType: null,
        url: day.url ?? null,
        userDayId: day.userDayId ?? null,
      });
    }
  }
  return out;
}

const sameName = (a: string, b: string) => a.toLowerCase().replace(/[^a-z0-9]/g, '') === b.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Holidays and awareness days between two dates, inclusive, in date order. A day that is both a holiday
 * and an awareness day (Juneteenth in the US) shows once, as the holiday.
 */
export function observancesBetween(
  from: string,
  to: string,
  countries: readonly string[],
  userDays: readonly UserAwarenessDay[],
): Observance[] {
  const holidays = holidaysBetween(from, to, countries);
  const shipped = awarenessBetween(from, to, countries, AWARENESS_DAYS);
  const own = awarenessBetween(
    from,
    to,
    countries,
    userDays.map((d) => ({ name: d.name, rule: d.rule, userDayId: d.id, ...(d.url ? { url: d.url } : {}) })),
  );
  const awareness = [...shipped, ...own].filter((a) => !holidays.some((h) => h.date === a.date && sameName(h.name, a.name)));
  return [...holidays, ...awareness].sort(
    (a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
  );
}

/** What is marked on one date, spans (a whole month) included. */
export function observancesOn(date: string, countries: readonly string[], userDays: readonly UserAwarenessDay[]): Observance[] {
  const monthStart = `${date.slice(0, 7)}-01`;
  return observancesBetween(monthStart, date, countries, userDays).filter((o) => o.date === date || (o.until !== null && o.until >= date));
}
