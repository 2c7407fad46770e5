// The time grid's layout: wall minutes on ordinary and DST days, side-by-side columns for overlaps, and the "more" count.

import { describe, expect, it } from 'vitest';
import { summaryAt } from '../../testing/posts';
import { keyboardMoveStep } from './keyboardMove';
import {
  charsThatFit,
  chipWidth,
  DRAW_MARGIN_MINUTES,
  drawnMinutes,
  isDrawn,
  layoutColumn,
  MINUTE_PX,
  marksThatFit,
  minutesAtOffset,
  POST_SPAN_MINUTES,
  wallMinutesOf,
} from './timeGridModel';

describe('wall minutes', () => {
  it('on an ordinary day they follow from the start of the day', () => {
    const posts = [summaryAt(Date.UTC(2026, 5, 1, 7, 5)), summaryAt(Date.UTC(2026, 5, 1, 20, 55))];
    expect(wallMinutesOf(posts, '2026-06-01', 'Europe/Rome')).toEqual([9 * 60 + 5, 22 * 60 + 55]);
  });

  it('on the day clocks go back, a post after the change reads its own wall time', () => {
    // Europe/Rome falls back at 03:00 on 2026-10-25: 02:00-03:00 happens twice.
    const posts = [summaryAt(Date.UTC(2026, 9, 24, 23, 0)), summaryAt(Date.UTC(2026, 9, 25, 10, 0))];
    expect(wallMinutesOf(posts, '2026-10-25', 'Europe/Rome')).toEqual([60, 11 * 60]);
  });
});

describe('columns', () => {
  it('posts that do not overlap share no width; overlapping ones split it', () => {
    const posts = [summaryAt(1), summaryAt(2), summaryAt(3)];
    const spread = layoutColumn(posts, [60, 60 + POST_SPAN_MINUTES, 300], 3);
    expect(spread.placed.map((p) => [p.column, p.columns])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    const crowded = layoutColumn(posts, [60, 70, 80], 3);
    expect(crowded.placed.map((p) => [p.column, p.columns])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
  });

  it('more overlaps than columns keep the last column for a count of the rest', () => {
    const posts = Array.from({ length: 6 }, (_, i) => summaryAt(i));
    const layout = layoutColumn(posts, [600, 601, 602, 603, 604, 605], 3);
    expect(layout.placed).toHaveLength(2);
    expect(layout.hidden).toEqual([{ minutes: 602, column: 2, posts: posts.slice(2) }]);
  });

  it('a long chain of overlaps gets a count near each group of hidden posts, not one at its start', () => {
    // A post every 15 minutes from 06:00: each overlaps the next two, so the chain never ends and needs 3 columns.
    const posts = Array.from({ length: 9 }, (_, i) => summaryAt(i));
    const at = posts.map((_, i) => 360 + i * 15);
    const layout = layoutColumn(posts, at, 2);
    // Column 0 of the chain is shown (every third post) beside a narrow count of the others in column 1.
    expect(layout.placed.map((p) => [p.minutes, p.column, p.columns, p.crowded])).toEqual([
      [360, 0, 2, true],
      [405, 0, 2, true],
      [450, 0, 2, true],
    ]);
    expect(layout.hidden.map((h) => [h.minutes, h.column, h.posts.length])).toEqual([
      [375, 1, 2],
      [420, 1, 2],
      [465, 1, 2],
    ]);
    // Every post is either drawn or counted, once.
    const seen = [...layout.placed.map((p) => p.post.id), ...layout.hidden.flatMap((h) => h.posts.map((p) => p.id))];
    expect(seen.sort()).toEqual(posts.map((p) => p.id).sort());
  });

  it('the selected or moving post is never hidden behind a count', () => {
    const posts = Array.from({ length: 6 }, (_, i) => summaryAt(i));
    const keep = posts[4]?.id as string;
    const layout = layoutColumn(posts, [600, 601, 602, 603, 604, 605], 3, new Set([keep]));
    expect(layout.placed.find((p) => p.post.id === keep)).toMatchObject({ minutes: 604, column: 1, columns: 3, crowded: true });
    expect(layout.hidden).toEqual([{ minutes: 602, column: 2, posts: [posts[2], posts[3], posts[5]] }]);
  });

  it('a pointer offset becomes minutes, snapped to the step', () => {
    expect(minutesAtOffset(10 * 60 * MINUTE_PX + 3, 15)).toBe(600);
    expect(minutesAtOffset((11 * 60 + 37) * MINUTE_PX, 5)).toBe(11 * 60 + 35);
  });
});

describe('moving with the keyboard', () => {
  const at = Date.UTC(2026, 5, 1, 10, 7);
  it('left and right change the day, up and down the week in the month', () => {
    expect(keyboardMoveStep('month', 'ArrowRight', false, at, 'UTC')).toBe(at + 86_400_000);
    expect(keyboardMoveStep('month', 'ArrowUp', false, at, 'UTC')).toBe(at - 7 * 86_400_000);
  });

  it('in the time grid up and down move to the 15-minute (or, with Shift, 5-minute) grid', () => {
    expect(keyboardMoveStep('week', 'ArrowDown', false, at, 'UTC')).toBe(Date.UTC(2026, 5, 1, 10, 15));
    expect(keyboardMoveStep('week', 'ArrowUp', false, at, 'UTC')).toBe(Date.UTC(2026, 5, 1, 10, 0));
    expect(keyboardMoveStep('day', 'ArrowDown', true, at, 'UTC')).toBe(Date.UTC(2026, 5, 1, 10, 10));
    expect(keyboardMoveStep('day', 'PageDown', false, at, 'UTC')).toBe(Date.UTC(2026, 5, 1, 11, 7));
    expect(keyboardMoveStep('day', 'Enter', false, at, 'UTC')).toBeNull();
  });

  it('a day later keeps the wall time across a clock change', () => {
    // 09:00 in New York the day before clocks spring forward, moved a day: still 09:00, an hour less in between.
    const before = Date.UTC(2026, 2, 7, 14, 0);
    expect(keyboardMoveStep('week', 'ArrowRight', false, before, 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 13, 0));
  });
});

describe('the hours drawn', () => {
  it('are the hours in view and an hour around them, in whole hours', () => {
    // Scrolled to 08:00, 600 px tall: 08:00 to 20:30 in view.
    const drawn = drawnMinutes(8 * 60 * MINUTE_PX, 600);
    expect(DRAW_MARGIN_MINUTES).toBe(60);
    expect(drawn).toEqual({ from: 7 * 60, to: 22 * 60 });
  });

  it('without a margin are the whole hours in view, for a grid nobody has reached for yet', () => {
    expect(drawnMinutes(8 * 60 * MINUTE_PX, 600, 0)).toEqual({ from: 8 * 60, to: 21 * 60 });
    expect(drawnMinutes((8 * 60 + 40) * MINUTE_PX, 600, 0)).toEqual({ from: 8 * 60, to: 22 * 60 });
  });

  it('start at midnight at the top and reach past the end of the day at the bottom', () => {
    expect(drawnMinutes(0, 600).from).toBe(0);
    expect(drawnMinutes(24 * 60 * MINUTE_PX - 600, 600).to).toBeGreaterThanOrEqual(24 * 60);
  });

  it('move only when scrolling brings another hour within reach', () => {
    const at = (px: number) => drawnMinutes(8 * 60 * MINUTE_PX + px, 600);
    expect(at(10)).toEqual(at(0));
    expect(at(HOUR)).not.toEqual(at(0));
  });

  it('a post is drawn when any of its height reaches into them', () => {
    const drawn = { from: 7 * 60, to: 22 * 60 };
    expect(isDrawn(7 * 60 - POST_SPAN_MINUTES, drawn)).toBe(false);
    expect(isDrawn(7 * 60 - POST_SPAN_MINUTES + 1, drawn)).toBe(true);
    expect(isDrawn(22 * 60 - 1, drawn)).toBe(true);
    expect(isDrawn(22 * 60, drawn)).toBe(false);
  });

  it('a chip shows about as many characters as fit, and never fewer than a word or more than the excerpt', () => {
    expect(charsThatFit(10)).toBe(12);
    expect(charsThatFit(150)).toBe(34);
    expect(charsThatFit(2000)).toBe(80);
  });

  it('a chip draws only the network marks that fit after its time, and a crowded one leaves room for the count', () => {
    // "10:15 AM" and a space take about 58 px, the padding 10 px.
    expect(marksThatFit(55, '10:15 AM')).toBe(0);
    expect(marksThatFit(90, '10:15 AM')).toBe(1);
    expect(marksThatFit(144, '10:15 AM')).toBe(5);
    expect(marksThatFit(90, '9:05')).toBe(3);
    expect(chipWidth(150, 2, false, 34)).toBe(71);
    expect(chipWidth(150, 2, true, 34)).toBe(112);
    expect(chipWidth(150, 1, false, 34)).toBe(146);
  });
});

const HOUR = 60 * MINUTE_PX;
