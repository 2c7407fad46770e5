// The Drafts & ideas board's pure rules: what a search finds, which labels there are, and the days a card can be dropped on.

import type { PostView } from '../../../../shared/domain';
import { matchesSearch, searchWords } from '../../../../shared/search';
import { addDays } from '../calendar/calendarModel';

export interface DraftFilters {
  /** Words typed in the search box; every word must be found. */
  readonly query: string;
  /** Labels picked in the filter; a draft must carry every one of them. */
  readonly labels: readonly string[];
}

export const NO_DRAFT_FILTERS: DraftFilters = { query: '', labels: [] };

export function matchesDraftFilters(post: PostView, filters: DraftFilters): boolean {
  if (filters.labels.some((label) => !post.labels.includes(label))) return false;
  return matchesSearch(
    {
      text: post.text,
      parts: post.parts,
      overrides: post.targets.map((t) => t.textOverride ?? ''),
      labels: post.labels,
      contentWarning: post.options.contentWarning ?? null,
    },
    searchWords(filters.query),
  );
}

export const filtersActive = (f: DraftFilters): boolean => f.query.trim() !== '' || f.labels.length > 0;

export interface LabelCount {
  readonly label: string;
  readonly count: number;
}

/** Every label on the drafts, most used first, then by name, so the filter offers the useful ones first. */
export function labelsOnDrafts(posts: readonly PostView[]): LabelCount[] {
  const counts = new Map<string, number>();
  for (const post of posts) for (const label of new Set(post.labels)) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The board's drafts: unscheduled, not on their way to being deleted or scheduled, newest edit first. */
export function boardDrafts(
  posts: readonly PostView[],
  hidden: (post: PostView) => boolean,
  filters: DraftFilters,
): { readonly all: PostView[]; readonly shown: PostView[] } {
  const all = posts.filter((p) => p.scheduledAt === null && !hidden(p)).sort((a, b) => b.updatedAt - a.updatedAt);
  return { all, shown: all.filter((p) => matchesDraftFilters(p, filters)) };
}

/** The days a card can be dropped on: `count` days from today (in the app's zone), a week per row. */
export function dropDays(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(today, i));
}
