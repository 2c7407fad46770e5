// The panel's pure rules: which terms a post is about, what matches the watchlist, and "suddenly busier" with numbers.

import { describe, expect, it } from 'vitest';
import {
  busierThanUsual,
  extractHashtags,
  extractKeywords,
  matchWatchTerms,
  median,
  mentionsTerm,
  perHour,
  sameTag,
  searchTermsOf,
  termsOf,
  trendVerdict,
  type WatchTerm,
} from './conversation';

const watch = (term: string, severity: WatchTerm['severity'], id = term): WatchTerm => ({ id, term, severity, createdAt: 0 });

describe('terms of a post', () => {
  it('finds hashtags once each, lowercased, ignoring URL fragments, entities and numbers-only tags', () => {
    const text = 'Join us #Launch2026 and #launch2026 again! See https://example.org/page#section &#39; #2026 #Café_Day';
    expect(extractHashtags(text)).toEqual(['launch2026', 'café_day']);
  });

  it('finds proper nouns that do not start a sentence, most frequent first', () => {
    const text = 'Our team meets Ada Lovelace in Berlin. Tomorrow Berlin hosts the Festival. The weather in Berlin is fine.';
    expect(extractKeywords(text)).toEqual(['Berlin', 'Ada', 'Lovelace']);
  });

  it('keeps brand names even when the text does not use them, and never repeats a hashtag as a keyword', () => {
    const terms = termsOf('Say hello to #Kairos at the Riverside stage with Kairos', [' Kairos ', 'Kairos App']);
    expect(terms).toEqual({ hashtags: ['kairos'], keywords: ['Riverside'], brandNames: ['Kairos', 'Kairos App'] });
    expect(searchTermsOf(terms)).toEqual([
      { term: 'kairos', kind: 'hashtag' },
      { term: 'kairos app', kind: 'brand' },
      { term: 'riverside', kind: 'keyword' },
    ]);
  });

  it('caps how many terms are searched, hashtags first', () => {
    const terms = termsOf('#a1 #b2 #c3 #d4 #e5', ['Brand']);
    expect(searchTermsOf(terms, 3).map((t) => t.term)).toEqual(['a1', 'b2', 'c3']);
  });
});

describe('watch terms', () => {
  it('matches whole words and phrases, not parts of words', () => {
    expect(mentionsTerm('The strike starts at noon', 'strike')).toBe(true);
    expect(mentionsTerm('A striker scored', 'strike')).toBe(false);
    expect(mentionsTerm('Reports of a DATA   breach today', 'data breach')).toBe(true);
  });

  it('matches a hashtag written without spaces', () => {
    expect(mentionsTerm('Is this a #DataBreach?', 'data breach')).toBe(true);
    expect(sameTag('DataBreach', 'data breach')).toBe(true);
    expect(sameTag('databreaches', 'data breach')).toBe(false);
  });

  it('lists the matches most severe first', () => {
    const list = [watch('kairos', 'low'), watch('outage', 'high'), watch('delay', 'medium')];
    expect(matchWatchTerms('Kairos outage causes delay', list).map((w) => w.term)).toEqual(['outage', 'delay', 'kairos']);
    expect(matchWatchTerms('All good here', list)).toEqual([]);
  });
});

describe('suddenly busier than usual', () => {
  it('needs three earlier measurements before calling anything unusual', () => {
    expect(busierThanUsual(100, [2, 3])).toEqual({ current: 100, usual: null, ratio: null, busier: false, samples: 2 });
  });

  it('flags three times the median and at least five more', () => {
    // usual = median(4, 5, 6, 50) = 5.5; 17 ≥ 3 × 5.5 = 16.5 and 17 − 5.5 ≥ 5.
    expect(busierThanUsual(17, [4, 5, 6, 50])).toEqual({ current: 17, usual: 5.5, ratio: 17 / 5.5, busier: true, samples: 4 });
    // 16 is under 16.5.
    expect(busierThanUsual(16, [4, 5, 6, 50]).busier).toBe(false);
  });

  it('does not raise the alarm for small numbers', () => {
    // 0 → 4 is "infinitely" more, but only four posts: not a surge.
    expect(busierThanUsual(4, [0, 0, 0]).busier).toBe(false);
    expect(busierThanUsual(5, [0, 0, 0])).toMatchObject({ usual: 0, ratio: 5, busier: true });
  });

  it('uses the median, so one earlier spike does not make a real surge look usual', () => {
    expect(median([1, 2, 300])).toBe(2);
    expect(busierThanUsual(30, [1, 2, 300]).busier).toBe(true);
  });

  it('reads a trend history with the last day as now', () => {
    expect(trendVerdict([10, 12, 11, 9, 60])).toMatchObject({ current: 60, usual: 10.5, busier: true });
    expect(trendVerdict([10, 12, 11, 9, 20])?.busier).toBe(false);
    expect(trendVerdict([])).toBeNull();
  });

  it('counts uses in the last hour', () => {
    const now = 10 * 3_600_000;
    const times = [now - 1, now - 30 * 60_000, now - 3_600_000 + 1, now - 3_600_000, now - 5 * 3_600_000, now + 1];
    expect(perHour(times, now)).toBe(3);
  });
});
