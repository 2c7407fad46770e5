// Filtering the calendar and drawing it with moves still on their way.

import { describe, expect, it } from 'vitest';
import { summaryAt } from '../testing/posts';
import { matchesFilters, NO_FILTERS } from './calendarState';
import { applyMoves } from './moves';

describe('filters', () => {
  const post = summaryAt(1, { accountIds: ['a', 'b'], labels: ['launch'], text: 'Spring collection preview' });

  it('each filter narrows; within one filter any choice matches', () => {
    expect(matchesFilters(post, NO_FILTERS)).toBe(true);
    expect(matchesFilters(post, { ...NO_FILTERS, accountIds: ['b', 'z'] })).toBe(true);
    expect(matchesFilters(post, { ...NO_FILTERS, accountIds: ['z'] })).toBe(false);
    expect(matchesFilters(post, { ...NO_FILTERS, labels: ['launch'], statuses: ['scheduled'] })).toBe(true);
    expect(matchesFilters(post, { ...NO_FILTERS, statuses: ['published'] })).toBe(false);
  });

  it('leaves the search words to the backend, which reads the whole text', () => {
    expect(matchesFilters(post, { ...NO_FILTERS, search: 'words only the backend can check' })).toBe(true);
  });
});

describe('moves on screen', () => {
  const inWeek = (p: { scheduledAt: number | null }) => p.scheduledAt !== null && p.scheduledAt < 100;
  const a = summaryAt(10, { id: 'a' });
  const b = summaryAt(20, { id: 'b' });

  it('a moved post shows where it is going, or leaves when it goes out of range', () => {
    expect(applyMoves([a, b], new Map([['a', { ...a, scheduledAt: 30 }]]), new Set(), inWeek).map((p) => [p.id, p.scheduledAt])).toEqual([
      ['a', 30],
      ['b', 20],
    ]);
    expect(applyMoves([a, b], new Map([['a', { ...a, scheduledAt: 500 }]]), new Set(), inWeek).map((p) => p.id)).toEqual(['b']);
  });

  it('a draft dropped into the range appears, and a post waiting to be deleted does not', () => {
    const draft = summaryAt(null, { id: 'd' });
    const shown = applyMoves([a, b], new Map([['d', { ...draft, scheduledAt: 40 }]]), new Set(['b']), inWeek);
    expect(shown.map((p) => p.id)).toEqual(['a', 'd']);
  });
});
