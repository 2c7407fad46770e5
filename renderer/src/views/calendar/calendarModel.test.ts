// The calendar's arithmetic: days of each layout, navigation, and which day a post falls on in any zone, across DST.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallTimeOf } from '../../../../shared/time/wallTime';
import { summaryAt } from '../../testing/posts';
import {
  addDays,
  gridDays,
  instantOfWall,
  monthWeeks,
  postsByDay,
  rangeOfDays,
  rowsByDay,
  shiftAnchor,
  snapMinutes,
  startOfWeek,
  suggestedTime,
} from './calendarModel';

describe('layout days', () => {
  it('a month grid holds whole weeks from Monday, and marks today and the past', () => {
    const weeks = monthWeeks({ year: 2026, month: 3 }, 1, '2026-03-18');
    expect(weeks[0]?.[0]?.date).toBe('2026-02-23');
    expect(weeks.at(-1)?.at(-1)?.date).toBe('2026-04-05');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    const days = weeks.flat();
    expect(days.find((d) => d.isToday)?.date).toBe('2026-03-18');
    expect(days.filter((d) => d.inMonth)).toHaveLength(31);
    expect(days.find((d) => d.date === '2026-03-17')?.isPast).toBe(true);
  });

  it('a week starts on the configured day, and the day layout is one day', () => {
    expect(startOfWeek('2026-03-18', 1)).toBe('2026-03-16');
    expect(startOfWeek('2026-03-18', 0)).toBe('2026-03-15');
    expect(gridDays('week', '2026-03-18', 1, '2026-01-01').map((d) => d.date)).toEqual([
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
      '2026-03-21',
      '2026-03-22',
    ]);
    expect(gridDays('day', '2026-03-18', 1, '2026-03-18')).toEqual([
      { date: '2026-03-18', dayOfMonth: 18, inMonth: true, isToday: true, isPast: false },
    ]);
  });

  it('previous and next move by the layout, keeping the day of the month where it exists', () => {
    expect(shiftAnchor('month', '2026-01-31', 1)).toBe('2026-02-28');
    expect(shiftAnchor('month', '2026-12-15', 1)).toBe('2027-01-15');
    expect(shiftAnchor('week', '2026-03-18', -1)).toBe('2026-03-11');
    expect(shiftAnchor('day', '2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('posts by day', () => {
  it('a day in a zone that skips an hour is 23 hours long, and its posts stay on it', () => {
    // Europe/Rome springs forward on 2026-03-29.
    const days = gridDays('week', '2026-03-29', 1, '2026-01-01');
    const range = rangeOfDays(days, 'Europe/Rome');
    expect(range.to - range.from).toBe(7 * 86_400_000 - 3_600_000);
    const late = summaryAt(Date.UTC(2026, 2, 29, 21, 30)); // 23:30 in Rome, after the jump
    const early = summaryAt(Date.UTC(2026, 2, 28, 23, 30)); // 00:30 on the 29th in Rome
    const map = postsByDay(
      [late, early],
      'Europe/Rome',
      days.map((d) => d.date),
    );
    expect(map.get('2026-03-29')?.map((p) => p.id)).toEqual([early.id, late.id]);
  });

  it('the fast path over day boundaries gives the same days as asking the zone about each post', () => {
    const zones = ['UTC', 'Europe/Rome', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'America/Santiago'];
    const start = Date.UTC(2026, 2, 1);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.integer({ min: 0, max: 60 * 86_400_000 }), { maxLength: 60 }), (zone, offsets) => {
        const posts = offsets.map((o) => summaryAt(start + o));
        const days = Array.from({ length: 62 }, (_, i) => addDays('2026-02-28', i));
        const fast = postsByDay(posts, zone, days);
        const slow = postsByDay(posts, zone);
        for (const post of posts) {
          const expected = wallTimeOf(post.scheduledAt as number, zone).date;
          expect(fast.get(expected)?.some((p) => p.id === post.id)).toBe(true);
          expect(slow.get(expected)?.some((p) => p.id === post.id)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the list groups posts under one heading per day in the shown zone', () => {
    const posts = [Date.UTC(2026, 5, 1, 22), Date.UTC(2026, 5, 1, 23), Date.UTC(2026, 5, 2, 9)].map((at) => summaryAt(at));
    const rows = rowsByDay(posts, 'Europe/Rome');
    expect(rows.map((r) => (r.kind === 'day' ? `${r.date}:${r.count}` : r.post.id))).toEqual([
      '2026-06-02:3',
      posts[0]?.id,
      posts[1]?.id,
      posts[2]?.id,
    ]);
    expect(rowsByDay(posts, 'UTC').filter((r) => r.kind === 'day')).toHaveLength(2);
  });
});

describe('times', () => {
  it('a new post today starts at the next quarter hour at least 15 minutes away, other days at 09:00', () => {
    const now = Date.UTC(2026, 5, 1, 10, 7);
    expect(suggestedTime('2026-06-01', 'UTC', now)).toBe('10:30');
    expect(suggestedTime('2026-06-02', 'UTC', now)).toBe('09:00');
    expect(suggestedTime('2026-06-01', 'UTC', Date.UTC(2026, 5, 1, 23, 50))).toBe('23:45');
  });

  it('snapping rounds down to the step and stays within the day', () => {
    expect(snapMinutes(9 * 60 + 14, 5)).toBe(9 * 60 + 10);
    expect(snapMinutes(-3, 15)).toBe(0);
    expect(snapMinutes(24 * 60 + 30, 15)).toBe(24 * 60 - 15);
  });

  it('a wall time in a DST gap moves forward and says so, one that happens twice takes the first', () => {
    expect(instantOfWall('2026-03-08', '02:30', 'America/New_York')).toEqual({
      instant: Date.UTC(2026, 2, 8, 7, 30),
      kind: 'gap',
      became: '03:30',
    });
    const overlap = instantOfWall('2026-11-01', '01:30', 'America/New_York');
    expect(overlap?.kind).toBe('overlap');
    expect(overlap?.instant).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(instantOfWall('2026-02-30', '10:00', 'UTC')).toBeNull();
  });
});
