// Holidays for several countries and awareness days (shipped and the user's), on the dates they really fall.

import { describe, expect, it } from 'vitest';
import type { UserAwarenessDay } from '../../../shared/contract/conversation';
import { isSupportedCountry, observancesBetween, observancesOn, occurrence, supportedCountries } from './observances';

const names = (list: readonly { name: string }[]) => list.map((o) => o.name);

describe('public holidays', () => {
  it('knows the United States: Independence Day, Thanksgiving on the fourth Thursday, Juneteenth once', () => {
    const july = observancesBetween('2026-07-01', '2026-07-31', ['US'], []).filter((o) => o.kind === 'holiday');
    expect(july).toContainEqual(
      expect.objectContaining({ date: '2026-07-04', name: 'Independence Day', country: 'US', holidayType: 'public' }),
    );
    const nov = observancesBetween('2026-11-01', '2026-11-30', ['US'], []);
    expect(nov).toContainEqual(expect.objectContaining({ date: '2026-11-26', name: 'Thanksgiving Day', kind: 'holiday' }));
    // Juneteenth is both a federal holiday and in the awareness list: it shows once, as the holiday.
    const juneteenth = observancesBetween('2026-06-19', '2026-06-19', ['US'], []).filter((o) => o.name === 'Juneteenth');
    expect(juneteenth).toEqual([expect.objectContaining({ kind: 'holiday', country: 'US' })]);
  });

  it('knows Germany: German Unity Day and Easter Monday, which moves with Easter', () => {
    const list = observancesBetween('2026-01-01', '2026-12-31', ['DE'], []);
    expect(list).toContainEqual(expect.objectContaining({ date: '2026-10-03', name: 'National Holiday', country: 'DE' }));
    expect(list).toContainEqual(expect.objectContaining({ date: '2026-04-06', name: 'Easter Monday', country: 'DE' }));
    expect(observancesBetween('2027-03-29', '2027-03-29', ['DE'], [])).toContainEqual(expect.objectContaining({ name: 'Easter Monday' }));
  });

  it('knows Japan and the United Kingdom, side by side on the same day', () => {
    const both = observancesBetween('2026-01-01', '2026-01-01', ['JP', 'GB'], []).filter((o) => o.kind === 'holiday');
    expect(both.map((o) => [o.country, o.name])).toEqual(
      expect.arrayContaining([
        ['JP', "New Year's Day"],
        ['GB', "New Year's Day"],
      ]),
    );
    expect(observancesBetween('2026-01-12', '2026-01-12', ['JP'], [])).toContainEqual(
      expect.objectContaining({ name: 'Coming of Age Day', country: 'JP' }),
    );
    expect(observancesBetween('2026-05-25', '2026-05-25', ['GB'], [])).toContainEqual(
      expect.objectContaining({ name: 'Spring bank holiday', country: 'GB', holidayType: 'public' }),
    );
  });

  it('shows no holidays for countries not picked', () => {
    expect(observancesBetween('2026-07-04', '2026-07-04', [], []).filter((o) => o.kind === 'holiday')).toEqual([]);
  });

  it('lists the countries it knows by their English names and rejects the ones it does not', () => {
    expect(supportedCountries()).toContainEqual({ code: 'IT', name: 'Italy' });
    expect(supportedCountries()).toContainEqual({ code: 'DE', name: 'Germany' });
    expect(isSupportedCountry('IT')).toBe(true);
    expect(isSupportedCountry('XX')).toBe(false);
  });
});

describe('awareness days', () => {
  it('shows worldwide days everywhere and national ones only for picked countries', () => {
    const june = observancesBetween('2026-06-01', '2026-06-30', [], []);
    expect(june).toContainEqual(
      expect.objectContaining({ date: '2026-06-20', name: 'World Refugee Day', kind: 'awareness', country: null }),
    );
    expect(names(june)).not.toContain('Juneteenth');
    expect(observancesBetween('2026-03-08', '2026-03-08', ['IT'], [])).toContainEqual(
      expect.objectContaining({ name: "International Women's Day", kind: 'awareness' }),
    );
  });

  it('shows a whole-month observance on every day of its month', () => {
    expect(names(observancesOn('2026-06-30', [], []))).toContain('Pride Month');
    expect(names(observancesOn('2026-07-01', [], []))).not.toContain('Pride Month');
    const pride = observancesBetween('2026-06-10', '2026-06-12', [], []).filter((o) => o.name === 'Pride Month');
    expect(pride).toEqual([expect.objectContaining({ date: '2026-06-01', until: '2026-06-30' })]);
  });

  it('computes nth and last weekdays of a month', () => {
    // Third Sunday of November 2026 is the 15th; second Saturday of October 2026 is the 10th.
    expect(occurrence({ kind: 'nthWeekday', month: 11, weekday: 0, nth: 3 }, 2026)).toEqual({ date: '2026-11-15', until: null });
    expect(occurrence({ kind: 'nthWeekday', month: 10, weekday: 6, nth: 2 }, 2026)).toEqual({ date: '2026-10-10', until: null });
    // Last Monday of May 2026 is the 25th.
    expect(occurrence({ kind: 'nthWeekday', month: 5, weekday: 1, nth: -1 }, 2026)).toEqual({ date: '2026-05-25', until: null });
    // 29 February exists only in leap years.
    expect(occurrence({ kind: 'fixed', month: 2, day: 29 }, 2026)).toBeNull();
    expect(occurrence({ kind: 'fixed', month: 2, day: 29 }, 2028)).toEqual({ date: '2028-02-29', until: null });
  });

  it('includes the days the user added, with their link and id, across years', () => {
    const own: UserAwarenessDay = {
      id: 'day_1',
      name: 'Kairos Founders Day',
      rule: { kind: 'fixed', month: 1, day: 2 },
      url: 'https://example.org/founders',
      createdAt: 0,
    };
    const list = observancesBetween('2026-12-31', '2027-01-03', [], [own]);
    expect(list.filter((o) => o.userDayId === 'day_1')).toEqual([
      {
        date: '2027-01-02',
        until: null,
        name: 'Kairos Founders Day',
        kind: 'awareness',
        country: null,
        holidayType: null,
        url: 'https://example.org/founders',
        userDayId: 'day_1',
      },
    ]);
  });

  it('orders by date, holidays before awareness days on the same date', () => {
    const list = observancesBetween('2026-12-01', '2026-12-31', ['US'], []);
    const dates = list.map((o) => o.date);
    expect(dates).toEqual([...dates].sort());
    const dec25 = list.filter((o) => o.date === '2026-12-25');
    expect(dec25[0]).toMatchObject({ kind: 'holiday', name: 'Christmas Day' });
  });
});
