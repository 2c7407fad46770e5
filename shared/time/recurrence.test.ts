// Recurrence rules: occurrences come from the calendar in the author's zone, across DST and whatever the process zone.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRecurrence, describeRecurrence, nextOccurrence, occurrencesBetween, type RecurrenceSpec } from './recurrence';
import { wallTimeOf } from './wallTime';

const PROCESS_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const iso = (ms: number) => new Date(ms).toISOString();

const weekdaysRome: RecurrenceSpec = {
  rule: { freq: 'weekly', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  time: '09:00',
  timeZone: 'Europe/Rome',
  startDate: '2026-03-01',
};

describe(`recurrence (process zone ${PROCESS_ZONE})`, () => {
  it('every weekday at 09:00 in Rome stays at 09:00 local across the spring change', () => {
    const list = occurrencesBetween(weekdaysRome, Date.UTC(2026, 2, 26), Date.UTC(2026, 3, 2));
    expect(list.map((o) => iso(o.instant))).toEqual([
      '2026-03-26T08:00:00.000Z', // Thu, CET
      '2026-03-27T08:00:00.000Z', // Fri
      '2026-03-30T07:00:00.000Z', // Mon, CEST: same wall time, one hour earlier in UTC
      '2026-03-31T07:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
    ]);
    for (const o of list) expect(wallTimeOf(o.instant, 'Europe/Rome').time).toBe('09:00');
  });

  it('first Monday of the month', () => {
    const spec: RecurrenceSpec = {
      rule: { freq: 'monthly', weekday: 'mon', nth: 1 },
      time: '10:00',
      timeZone: 'America/New_York',
      startDate: '2026-01-01',
    };
    expect(occurrencesBetween(spec, Date.UTC(2026, 0, 1), Date.UTC(2026, 4, 1)).map((o) => o.wall.date)).toEqual([
      '2026-01-05',
      '2026-02-02',
      '2026-03-02',
      '2026-04-06',
    ]);
  });

  it('last Friday, the 31st (skipping short months) and the last day of the month', () => {
    const base = { time: '18:00', timeZone: 'Asia/Kolkata', startDate: '2026-01-01' } as const;
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2026, 5, 1);
    const dates = (rule: RecurrenceSpec['rule']) => occurrencesBetween({ ...base, rule }, from, to).map((o) => o.wall.date);
    expect(dates({ freq: 'monthly', weekday: 'fri', nth: -1 })).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-27',
      '2026-04-24',
      '2026-05-29',
    ]);
    expect(dates({ freq: 'monthly', dayOfMonth: 31 })).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
    expect(dates({ freq: 'monthly', dayOfMonth: -1 })).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
  });

  it('a daily time inside the spring-forward gap moves that one day forward and says so', () => {
    const spec: RecurrenceSpec = { rule: { freq: 'daily' }, time: '02:30', timeZone: 'Europe/Berlin', startDate: '2026-03-28' };
    const [sat, sun, mon] = occurrencesBetween(spec, Date.UTC(2026, 2, 27), Date.UTC(2026, 2, 31));
    expect(iso(sat?.instant ?? 0)).toBe('2026-03-28T01:30:00.000Z');
    expect(sun?.note).toContain('it became 03:30');
    expect(iso(sun?.instant ?? 0)).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(mon?.instant ?? 0)).toBe('2026-03-30T00:30:00.000Z');
  });

  it('a repeated wall time fires once, at its first occurrence', () => {
    const spec: RecurrenceSpec = { rule: { freq: 'daily' }, time: '01:30', timeZone: 'America/New_York', startDate: '2026-10-30' };
    const list = occurrencesBetween(spec, Date.UTC(2026, 9, 31, 12), Date.UTC(2026, 10, 2, 0));
    expect(list.map((o) => iso(o.instant))).toEqual(['2026-11-01T05:30:00.000Z']);
    // Asking again from between the two 01:30s must not give the second one.
    expect(nextOccurrence(spec, Date.UTC(2026, 10, 1, 6))?.wall.date).toBe('2026-11-02');
  });

  it('every 2 weeks on Tuesday counts weeks from the start date', () => {
    const spec: RecurrenceSpec = {
      rule: { freq: 'weekly', days: ['tue'], interval: 2 },
      time: '12:00',
      timeZone: 'UTC',
      startDate: '2026-01-07',
    };
    expect(occurrencesBetween(spec, Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 15)).map((o) => o.wall.date)).toEqual([
      '2026-01-20',
      '2026-02-03',
    ]);
  });

  it('ends at the end date and refuses broken specs in words', () => {
    const spec: RecurrenceSpec = {
      rule: { freq: 'daily' },
      time: '08:00',
      timeZone: 'UTC',
      startDate: '2026-01-01',
      endDate: '2026-01-02',
    };
    expect(occurrencesBetween(spec, 0, Date.UTC(2027, 0, 1))).toHaveLength(2);
    expect(nextOccurrence(spec, Date.UTC(2026, 0, 2, 9))).toBeNull();
    expect(checkRecurrence({ ...spec, rule: { freq: 'weekly', days: [] } })).toBe('Pick at least one day of the week.');
    expect(checkRecurrence({ ...spec, time: '25:00' })).toContain('not a real date and time');
    expect(checkRecurrence({ ...spec, timeZone: 'Nowhere/Land' })).toContain('not a known time zone');
  });

  it('describes rules in words', () => {
    expect(describeRecurrence(weekdaysRome)).toBe('every weekday at 09:00 (Europe/Rome)');
    expect(describeRecurrence({ ...weekdaysRome, rule: { freq: 'monthly', weekday: 'mon', nth: 1 } })).toBe(
      'monthly on the first Monday at 09:00 (Europe/Rome)',
    );
  });

  it('properties: strictly after, in order, at the wall time unless it is a gap, never twice a day', () => {
    const zones = ['Europe/Rome', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (timeZone, h, m, after) => {
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const spec: RecurrenceSpec = { rule: { freq: 'daily' }, time, timeZone, startDate: '2023-01-01' };
          const list = occurrencesBetween(spec, after, after + 10 * 86_400_000, 20);
          expect(list.length).toBeGreaterThanOrEqual(9);
          let prev = after - 1;
          const dates = new Set<string>();
          for (const o of list) {
            expect(o.instant).toBeGreaterThan(prev);
            prev = o.instant;
            expect(dates.has(o.wall.date)).toBe(false);
            dates.add(o.wall.date);
            if (o.note === null) expect(wallTimeOf(o.instant, timeZone)).toEqual(o.wall);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
