// X's price of a post and the spending cap, as the composer shows them and the scheduler enforces them.

import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, measureText } from './rules';
import { billingMonth, DEFAULT_X_PRICING, formatUsd, overCap, postCost, spendIn } from './xCost';

describe('X pricing', () => {
  it('prices each part, a post with a link at the link rate', () => {
    expect(postCost(['Hello', 'More at https://example.org', 'bye'], DEFAULT_X_PRICING)).toBe(15 + 200 + 15);
    expect(formatUsd(230)).toBe('$0.23');
    expect(formatUsd(15)).toBe('$0.015');
    expect(formatUsd(10_000)).toBe('$10.00');
  });

  it('counts spend per UTC month and says how far a post would go over the cap', () => {
    const dec31late = Date.UTC(2026, 11, 31, 23, 59);
    expect(billingMonth(dec31late)).toBe('2026-12');
    expect(billingMonth(dec31late + 60_000)).toBe('2027-01');
    expect(spendIn({ month: '2026-12', mills: 9_990, posts: 666 }, '2027-01')).toEqual({ month: '2027-01', mills: 0, posts: 0 });
    const pricing = { ...DEFAULT_X_PRICING, monthlyCapMills: 10_000 };
    expect(overCap(pricing, 9_985, 15)).toBe(0);
    expect(overCap(pricing, 9_986, 15)).toBe(1);
    expect(overCap({ ...pricing, monthlyCapMills: null }, 1e9, 15)).toBe(0);
  });

  it('measures X text by weight: CJK and emoji count twice, URLs 23', () => {
    const rule = DEFAULT_RULES.x;
    expect(measureText('a'.repeat(280), rule).fits).toBe(true);
    expect(measureText('a'.repeat(281), rule).over).toBe(1);
    expect(measureText('日本語', rule).length).toBe(6);
    expect(measureText(`x https://example.org/${'p'.repeat(100)}`, rule).length).toBe(25);
  });
});
