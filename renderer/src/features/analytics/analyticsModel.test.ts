// The analytics view's period choices in the user's zone and the change shown on its headline cards.

import { describe, expect, it } from 'vitest';
import { changeText, lastDays, periodFor, trendOf } from './analyticsModel';

describe('analytics model', () => {
  it('counts the last N days in the user’s zone, today included', () => {
    // 23:30 UTC on 31 March is already 1 April in Rome.
    const now = Date.UTC(2026, 2, 31, 23, 30);
    expect(lastDays(7, now, 'Europe/Rome')).toEqual({ from: '2026-03-26', to: '2026-04-01' });
    expect(lastDays(7, now, 'America/New_York')).toEqual({ from: '2026-03-25', to: '2026-03-31' });
    expect(periodFor('28', now, 'UTC')).toEqual({ choice: '28', from: '2026-03-04', to: '2026-03-31' });
    expect(periodFor('custom', now, 'UTC', { from: '2026-02-10', to: '2026-01-01' })).toEqual({
      choice: 'custom',
      from: '2026-01-01',
      to: '2026-02-10',
    });
  });

  it('says how a figure changed against the previous period', () => {
    expect(changeText({ value: 120, previous: 100 }, 'en')).toBe('+20%');
    expect(changeText({ value: 90, previous: 100 }, 'it')).toBe('−10%');
    expect(changeText({ value: 5, previous: 0 }, 'en')).toBe('+5');
    expect(changeText({ value: 7, previous: 7 }, 'en')).toBe('=');
    expect(changeText({ value: 7, previous: null }, 'en')).toBeNull();
    expect(changeText({ value: 1, previous: 3 }, 'it')).toBe('−66,7%');
    expect(trendOf({ value: 2, previous: 1 })).toBe('up');
    expect(trendOf({ value: 2, previous: null })).toBe('flat');
  });
});
