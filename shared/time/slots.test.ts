// Tests for posting slots: week boundaries, taken slots, several zones, DST gaps and overlaps, any process zone.

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WEEKDAYS } from './recurrence';
import { defaultSlots, nextFreeSlot, normaliseSlots, type SlotSchedule, slotOccurrences } from './slots';
import { wallTimeOf } from './wallTime';

const H = 3_600_000;
const MIN = 60_000;
const rome = (slots = defaultSlots()): SlotSchedule => ({ timeZone: 'Europe/Rome', slots });
// 2026-06-01 is a Monday; Rome is UTC+2 in June.
const MON_0800_ROME = Date.UTC(2026, 5, 1, 6, 0);

describe('default slots', () => {
  it('are weekdays at 09:00, 12:30 and 17:00', () => {
    const week = slotOccurrences(rome(), Date.UTC(2026, 5, 1, 0, 0) - 2 * H, Date.UTC(2026, 5, 8, 0, 0) - 2 * H);
    expect(week).toHaveLength(15);
    expect(week.slice(0, 3).map((o) => o.wall.time)).toEqual(['09:00', '12:30', '17:00']);
    expect(new Set(week.map((o) => o.wall.date))).toEqual(new Set(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05']));
    expect(week.every((o) => o.note === null)).toBe(true);
  });
});

describe('nextFreeSlot', () => {
  it('picks the next slot of the day in the account zone', () => {
    const next = nextFreeSlot({ schedules: [rome()], after: MON_0800_ROME, taken: [] });
    expect(next?.at).toBe(Date.UTC(2026, 5, 1, 7, 0));
    expect(next?.wall).toEqual({ date: '2026-06-01', time: '09:00', timeZone: 'Europe/Rome' });
  });

  it('skips slots that already hold a post, including one due later within the same minute', () => {
    const nine = Date.UTC(2026, 5, 1, 7, 0);
    const halfTwelve = Date.UTC(2026, 5, 1, 10, 30);
    expect(nextFreeSlot({ schedules: [rome()], after: MON_0800_ROME, taken: [nine] })?.at).toBe(halfTwelve);
    expect(nextFreeSlot({ schedules: [rome()], after: MON_0800_ROME, taken: [nine + 59_000] })?.at).toBe(halfTwelve);
    // A post one minute after the slot does not sit in it.
    expect(nextFreeSlot({ schedules: [rome()], after: MON_0800_ROME, taken: [nine + MIN] })?.at).toBe(nine);
  });

  it('only counts slots strictly after the given instant', () => {
    const nine = Date.UTC(2026, 5, 1, 7, 0);
    expect(nextFreeSlot({ schedules: [rome()], after: nine - 1, taken: [] })?.at).toBe(nine);
    expect(nextFreeSlot({ schedules: [rome()], after: nine, taken: [] })?.at).toBe(Date.UTC(2026, 5, 1, 10, 30));
  });

  it('jumps over the weekend from Friday evening to Monday morning', () => {
    const friday1730 = Date.UTC(2026, 5, 5, 15, 30);
    expect(nextFreeSlot({ schedules: [rome()], after: friday1730, taken: [] })?.wall).toEqual({
      date: '2026-06-08',
      time: '09:00',
      timeZone: 'Europe/Rome',
    });
  });

  it('offers the earliest slot of any of the accounts, each read in its own zone', () => {
    const ny: SlotSchedule = { timeZone: 'America/New_York', slots: [{ day: 'mon', time: '07:00' }] };
    const tokyo: SlotSchedule = { timeZone: 'Asia/Tokyo', slots: [{ day: 'mon', time: '20:00' }] };
    // Monday 07:00 in New York is 11:00Z; Monday 20:00 in Tokyo is 11:00Z too, then the two are the same slot.
    const next = nextFreeSlot({ schedules: [ny, tokyo], after: Date.UTC(2026, 5, 1, 0, 0), taken: [] });
    expect(next?.at).toBe(Date.UTC(2026, 5, 1, 11, 0));
    const later = nextFreeSlot({ schedules: [ny, tokyo], after: Date.UTC(2026, 5, 1, 0, 0), taken: [Date.UTC(2026, 5, 1, 11, 0)] });
    // Next week's Tokyo Monday 20:00 (11:00Z) and New York Monday 07:00 (11:00Z) again coincide.
    expect(later?.at).toBe(Date.UTC(2026, 5, 8, 11, 0));
  });

  it('says there is no free slot when every slot in the horizon is taken, or there are none', () => {
    const schedule = rome([{ day: 'mon', time: '09:00' }]);
    const taken = [0, 1, 2].map((w) => Date.UTC(2026, 5, 1 + 7 * w, 7, 0));
    expect(nextFreeSlot({ schedules: [schedule], after: MON_0800_ROME, taken, horizonDays: 21 })).toBeNull();
    expect(nextFreeSlot({ schedules: [schedule], after: MON_0800_ROME, taken, horizonDays: 22 })?.wall.date).toBe('2026-06-22');
    expect(nextFreeSlot({ schedules: [rome([])], after: MON_0800_ROME, taken: [] })).toBeNull();
    expect(nextFreeSlot({ schedules: [], after: MON_0800_ROME, taken: [] })).toBeNull();
  });
});

describe('slots across DST', () => {
  it('keeps 09:00 at 09:00 on both sides of the spring change (Rome, 2026-03-29)', () => {
    const schedule = rome([
      { day: 'fri', time: '09:00' },
      { day: 'mon', time: '09:00' },
    ]);
    const occ = slotOccurrences(schedule, Date.UTC(2026, 2, 26), Date.UTC(2026, 2, 31));
    expect(occ.map((o) => o.at)).toEqual([Date.UTC(2026, 2, 27, 8, 0), Date.UTC(2026, 2, 30, 7, 0)]);
  });

  it('moves a slot inside the spring-forward gap forward by the gap, with a note', () => {
    const schedule = rome([{ day: 'sun', time: '02:30' }]);
    const next = nextFreeSlot({ schedules: [schedule], after: Date.UTC(2026, 2, 28, 12, 0), taken: [] });
    expect(next?.at).toBe(Date.UTC(2026, 2, 29, 1, 30)); // 03:30 CEST
    expect(wallTimeOf(next?.at ?? 0, 'Europe/Rome').time).toBe('03:30');
    expect(next?.note).toMatch(/does not exist/);
  });

  it('keeps one slot when the gap pushes it onto another slot, and prefers the one that asked for that time', () => {
    const schedule = rome([
      { day: 'sun', time: '02:30' },
      { day: 'sun', time: '03:30' },
    ]);
    const occ = slotOccurrences(schedule, Date.UTC(2026, 2, 28, 12, 0), Date.UTC(2026, 2, 29, 12, 0));
    expect(occ).toHaveLength(1);
    expect(occ[0]?.wall.time).toBe('03:30');
    expect(occ[0]?.note).toBeNull();
  });

  it('uses the first of a wall time that happens twice, once (Rome, 2026-10-25)', () => {
    const schedule = rome([{ day: 'sun', time: '02:30' }]);
    const occ = slotOccurrences(schedule, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26));
    expect(occ.map((o) => o.at)).toEqual([Date.UTC(2026, 9, 25, 0, 30)]);
    expect(occ[0]?.note).toMatch(/happens twice/);
    // Taking that one leaves no second 02:30 the same night: the next is a week later.
    const next = nextFreeSlot({ schedules: [schedule], after: Date.UTC(2026, 9, 24), taken: [Date.UTC(2026, 9, 25, 0, 30)] });
    expect(next?.wall.date).toBe('2026-11-01');
  });

  it('handles a half-hour DST shift (Lord Howe Island, 2026-10-04)', () => {
    const schedule: SlotSchedule = { timeZone: 'Australia/Lord_Howe', slots: [{ day: 'sun', time: '02:15' }] };
    const occ = slotOccurrences(schedule, Date.UTC(2026, 9, 3), Date.UTC(2026, 9, 5));
    expect(occ).toHaveLength(1);
    expect(wallTimeOf(occ[0]?.at ?? 0, 'Australia/Lord_Howe').time).toBe('02:45');
  });

  it('has no slot on a day the zone skipped entirely (Samoa, 2011-12-30)', () => {
    const schedule: SlotSchedule = { timeZone: 'Pacific/Apia', slots: [{ day: 'fri', time: '09:00' }] };
    const occ = slotOccurrences(schedule, Date.UTC(2011, 11, 28), Date.UTC(2012, 0, 8));
    expect(occ.map((o) => o.wall.date)).toEqual(['2012-01-06']);
  });
});

// shared/ compiles without Node's types; the test runner is Node, so reach the environment through globalThis.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

describe('process zone independence', () => {
  const original = env.TZ;
  afterEach(() => {
    if (original === undefined) delete env.TZ;
    else env.TZ = original;
  });

  it('gives the same instants whatever zone the process runs in', () => {
    const schedule = rome([
      { day: 'sun', time: '02:30' },
      { day: 'mon', time: '09:00' },
    ]);
    const run = () => slotOccurrences(schedule, Date.UTC(2026, 2, 20), Date.UTC(2026, 3, 10)).map((o) => o.at);
    env.TZ = 'UTC';
    const inUtc = run();
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kathmandu']) {
      env.TZ = tz;
      expect(run()).toEqual(inUtc);
    }
  });
});

describe('normaliseSlots', () => {
  it('pads times, drops duplicates and sorts by week order', () => {
    expect(
      normaliseSlots([
        { day: 'wed', time: '9:05' },
        { day: 'mon', time: '17:00' },
        { day: 'wed', time: '09:05' },
        { day: 'mon', time: '08:00' },
      ]),
    ).toEqual({
      slots: [
        { day: 'mon', time: '08:00' },
        { day: 'mon', time: '17:00' },
        { day: 'wed', time: '09:05' },
      ],
    });
  });

  it('says which time is not valid', () => {
    expect(normaliseSlots([{ day: 'mon', time: '24:00' }])).toEqual({
      error: '"24:00" is not a time of day; write it as HH:mm (24-hour), like 09:30.',
    });
  });
});

describe('nextFreeSlot properties', () => {
  const zones = ['Europe/Rome', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago', 'UTC'];
  const slotArb = fc.record({
    day: fc.constantFrom(...WEEKDAYS),
    time: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${m}`),
  });
  const scheduleArb = fc.record({
    timeZone: fc.constantFrom(...zones),
    slots: fc.array(slotArb, { minLength: 1, maxLength: 6 }).map((s) => {
      const n = normaliseSlots(s);
      return 'slots' in n ? n.slots : [];
    }),
  });
  const afterArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) });

  it('is after `after`, is a slot of one of the schedules, and is not taken', () => {
    fc.assert(
      fc.property(
        fc.array(scheduleArb, { minLength: 1, maxLength: 3 }),
        afterArb,
        fc.array(fc.nat(14 * 24), { maxLength: 8 }),
        (schedules, after, hours) => {
          const horizonDays = 21;
          const all = schedules.flatMap((s) => slotOccurrences(s, after + 1, after + horizonDays * 86_400_000));
          // Take a few real slots so the search has to skip some.
          const taken = hours.map((h) => all[h % Math.max(1, all.length)]?.at ?? 0);
          const next = nextFreeSlot({ schedules, after, taken, horizonDays });
          const free = all.filter((o) => !taken.some((t) => Math.floor(t / MIN) === Math.floor(o.at / MIN)));
          if (free.length === 0) {
            expect(next).toBeNull();
            return;
          }
          expect(next).not.toBeNull();
          expect(next?.at).toBe(Math.min(...free.map((o) => o.at)));
          expect(next?.at).toBeGreaterThan(after);
          const owner = schedules.find((s) => s.timeZone === next?.wall.timeZone);
          expect(owner).toBeDefined();
          if (next?.note === null) expect(wallTimeOf(next.at, next.wall.timeZone).time).toBe(next.wall.time);
        },
      ),
      { numRuns: 150 },
    );
  });
});
