// Wall-time resolution: fixed DST cases and properties that must hold whatever the process zone is.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveWallTime, type WallTime, wallAsUtcMs, wallTimeOf, zoneOffsetAt } from './wallTime';

const PROCESS_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const ZONES = [
  'UTC',
  'Europe/Rome',
  'Europe/Dublin',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
  'America/Santiago',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tehran',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Africa/Casablanca',
  'Antarctica/Troll',
] as const;

const MINUTE = 60_000;

function resolved(wall: WallTime) {
  const r = resolveWallTime(wall);
  if (r.kind === 'invalid') throw new Error(r.error);
  return r;
}

interface Transition {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/** Every offset change of a zone in a year, found by hourly sampling and a binary search to the minute. */
function transitionsIn(zone: string, year: number): Transition[] {
  const out: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  let t = Date.UTC(year, 0, 1);
  let off = zoneOffsetAt(t, zone);
  for (; t < end; t += 3_600_000) {
    const next = zoneOffsetAt(t + 3_600_000, zone);
    if (next === off) continue;
    let lo = t;
    let hi = t + 3_600_000;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (zoneOffsetAt(mid, zone) === off) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, before: off, after: next });
    off = next;
  }
  return out;
}

const wallAt = (localAsUtc: number, timeZone: string): WallTime => {
  const w = wallTimeOf(localAsUtc, 'UTC');
  return { date: w.date, time: w.time, timeZone };
};

describe(`wall-time resolution (process zone ${PROCESS_ZONE})`, () => {
  it.each([
    // [zone, date, time, kind, instant (ISO), note contains]
    ['Europe/Rome', '2026-06-01', '10:30', 'exact', '2026-06-01T08:30:00.000Z', null],
    ['Europe/Rome', '2026-03-29', '02:30', 'gap', '2026-03-29T01:30:00.000Z', 'it became 03:30'],
    ['Europe/Rome', '2026-10-25', '02:30', 'overlap', '2026-10-25T00:30:00.000Z', 'the first one'],
    ['America/New_York', '2026-03-08', '02:15', 'gap', '2026-03-08T07:15:00.000Z', 'it became 03:15'],
    ['America/New_York', '2026-11-01', '01:30', 'overlap', '2026-11-01T05:30:00.000Z', 'happens twice'],
    ['Australia/Sydney', '2026-10-04', '02:00', 'gap', '2026-10-03T16:00:00.000Z', 'it became 03:00'],
    ['Australia/Sydney', '2026-04-05', '02:30', 'overlap', '2026-04-04T15:30:00.000Z', 'the first one'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', 'gap', '2026-10-03T15:45:00.000Z', '30 minutes'],
    ['Asia/Kolkata', '2026-03-29', '02:30', 'exact', '2026-03-28T21:00:00.000Z', null],
    ['Pacific/Apia', '2011-12-30', '12:00', 'gap', '2011-12-30T22:00:00.000Z', 'it became 2011-12-31 12:00'],
  ] as const)('%s %s %s is %s', (timeZone, date, time, kind, iso, note) => {
    const r = resolved({ date, time, timeZone });
    expect(r.kind).toBe(kind);
    expect(new Date(r.instant).toISOString()).toBe(iso);
    if (note) expect('note' in r ? r.note : '').toContain(note);
  });

  it('takes the later occurrence of a repeated wall time when the policy says so', () => {
    const r = resolveWallTime({ date: '2026-11-01', time: '01:30', timeZone: 'America/New_York' }, { overlap: 'later' });
    expect(r.kind).toBe('overlap');
    if (r.kind !== 'overlap') return;
    expect(new Date(r.instant).toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(r.note).toContain('second one');
  });

  it('rejects unknown zones and impossible dates in words', () => {
    expect(resolveWallTime({ date: '2026-02-30', time: '10:00', timeZone: 'Europe/Rome' })).toEqual({
      kind: 'invalid',
      error: '2026-02-30 does not exist in the calendar.',
    });
    expect(resolveWallTime({ date: '2026-02-10', time: '10:00', timeZone: 'Mars/Olympus' }).kind).toBe('invalid');
  });

  it('round-trips: an instant shown in its zone resolves back to the same instant (or its twin in an overlap)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1995, 0, 1) / MINUTE, max: Date.UTC(2037, 11, 31) / MINUTE }),
        (zone, minute) => {
          const instant = minute * MINUTE;
          const wall = wallTimeOf(instant, zone);
          const r = resolved(wall);
          expect(r.kind).not.toBe('gap');
          expect(wallTimeOf(r.instant, zone)).toEqual(wall);
          if (r.kind === 'exact') expect(r.instant).toBe(instant);
          if (r.kind === 'overlap') {
            expect([r.instant, r.laterInstant]).toContain(instant);
            expect(r.instant).toBeLessThan(r.laterInstant);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('around every transition: gaps move forward by the jump, overlaps take the first occurrence', () => {
    const cases = ZONES.flatMap((zone) => [2011, 2019, 2026].flatMap((year) => transitionsIn(zone, year).map((t) => ({ zone, t }))));
    expect(cases.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.double({ min: 0, max: 1, noNaN: true }), ({ zone, t }, where) => {
        const jump = Math.abs(t.after - t.before);
        // A wall time inside the skipped or repeated stretch, to the minute.
        const localStart = t.at + Math.min(t.before, t.after);
        const local = localStart + Math.floor((where * jump) / MINUTE) * MINUTE;
        if (local >= localStart + jump) return;
        const wall = wallAt(local, zone);
        const r = resolved(wall);
        if (t.after > t.before) {
          expect(r.kind).toBe('gap');
          expect(r.instant).toBe(local - t.before);
          const shownAs = wallAsUtcMs(wallTimeOf(r.instant, zone)) as number;
          expect(shownAs - local).toBe(t.after - t.before);
        } else {
          expect(r.kind).toBe('overlap');
          if (r.kind !== 'overlap') return;
          expect(r.instant).toBe(local - t.before);
          expect(r.laterInstant).toBe(local - t.after);
          expect(wallTimeOf(r.instant, zone)).toEqual(wall);
          expect(wallTimeOf(r.laterInstant, zone)).toEqual(wall);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('does not read the process zone: the same answers whatever TZ says', () => {
    // The fixed cases above run under each zone in build/test-timezones.sh; this one checks the environment really varies.
    const local = new Date(Date.UTC(2026, 0, 15, 12)).getHours();
    const zoneHour = Number(wallTimeOf(Date.UTC(2026, 0, 15, 12), PROCESS_ZONE).time.slice(0, 2));
    expect(local).toBe(zoneHour);
  });
});
