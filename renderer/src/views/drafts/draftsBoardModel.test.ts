// Tests for the Drafts & ideas board's search, label filter and drop days.

import { describe, expect, it } from 'vitest';
import type { PostView } from '../../../../shared/domain';
import { foldForSearch } from '../../../../shared/search';
import { boardDrafts, dropDays, filtersActive, labelsOnDrafts, matchesDraftFilters, NO_DRAFT_FILTERS } from './draftsBoardModel';

function draft(id: string, text: string, labels: string[] = [], extra: Partial<PostView> = {}): PostView {
  return {
    id,
    text,
    timeZone: 'UTC',
    scheduledAt: null,
    status: 'draft',
    labels,
    options: {},
    parts: [],
    media: [],
    targets: [],
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

describe('matchesDraftFilters', () => {
  const post = draft('p1', 'Spring menu at the Café', ['Ideas', 'food'], {
    parts: ['Second part about desserts'],
    options: { contentWarning: 'Sugar' },
  });

  it('finds every word anywhere in the text, parts, labels or content warning, ignoring case and accents', () => {
    expect(matchesDraftFilters(post, { query: 'cafe spring', labels: [] })).toBe(true);
    expect(matchesDraftFilters(post, { query: 'DESSERTS', labels: [] })).toBe(true);
    expect(matchesDraftFilters(post, { query: 'ideas', labels: [] })).toBe(true);
    expect(matchesDraftFilters(post, { query: 'sugar', labels: [] })).toBe(true);
    expect(matchesDraftFilters(post, { query: 'spring winter', labels: [] })).toBe(false);
    expect(matchesDraftFilters(post, { query: '   ', labels: [] })).toBe(true);
  });

  it('searches each account’s own version too', () => {
    const own = draft('p2', 'Shared text', [], {
      targets: [
        {
          id: 't',
          accountId: 'a',
          status: 'draft',
          textOverride: 'Only on Mastodon',
          attempts: 0,
          nextAttemptAt: null,
          remoteId: null,
          remoteUrl: null,
          lastError: null,
          publishedAt: null,
          partsPublished: 0,
        },
      ],
    });
    expect(matchesDraftFilters(own, { query: 'mastodon', labels: [] })).toBe(true);
  });

  it('keeps a draft only when it carries every picked label, matched exactly', () => {
    expect(matchesDraftFilters(post, { query: '', labels: ['Ideas'] })).toBe(true);
    expect(matchesDraftFilters(post, { query: '', labels: ['Ideas', 'food'] })).toBe(true);
    expect(matchesDraftFilters(post, { query: '', labels: ['ideas'] })).toBe(false);
    expect(matchesDraftFilters(post, { query: '', labels: ['Ideas', 'travel'] })).toBe(false);
  });
});

describe('boardDrafts and labelsOnDrafts', () => {
  it('shows unscheduled drafts newest first, hides the ones on their way out, and counts labels', () => {
    const posts = [
      draft('old', 'Old idea', ['ideas'], { updatedAt: 1 }),
      draft('new', 'New idea', ['ideas', 'video'], { updatedAt: 3 }),
      draft('gone', 'Being deleted', ['video'], { updatedAt: 2 }),
      draft('timed', 'Has a time', ['ideas'], { scheduledAt: 10, status: 'scheduled' }),
    ];
    const { all, shown } = boardDrafts(posts, (p) => p.id === 'gone', { query: '', labels: ['video'] });
    expect(all.map((p) => p.id)).toEqual(['new', 'old']);
    expect(shown.map((p) => p.id)).toEqual(['new']);
    expect(labelsOnDrafts(all)).toEqual([
      { label: 'ideas', count: 2 },
      { label: 'video', count: 1 },
    ]);
  });

  it('says when a search or label is active', () => {
    expect(filtersActive(NO_DRAFT_FILTERS)).toBe(false);
    expect(filtersActive({ query: ' x ', labels: [] })).toBe(true);
    expect(filtersActive({ query: '', labels: ['a'] })).toBe(true);
  });
});

describe('foldForSearch and dropDays', () => {
  it('folds accents and case', () => {
    expect(foldForSearch('Perché Ÿes')).toBe('perche yes');
  });

  it('lists consecutive days from today, across a month end', () => {
    expect(dropDays('2026-01-30', 4)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });
});
