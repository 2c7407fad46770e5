// Loads the posts a calendar layout needs: one range for the month, week and day grids, pages of what is coming for the list.
// Both read summaries (posts.summaries); the whole post is read when one is opened.

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/contract';
import type { PostSummary } from '../../../../shared/domain';
import { invoke, onLiveEvent } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';

/** Marks the renderer leaves for the benchmarks around a calendar's data arriving and being drawn. */
export const RENDER_MARKS = {
  loaded: 'kairos:calendar-loaded',
  rendered: 'kairos:calendar-rendered',
  painted: 'kairos:calendar-painted',
} as const;

export interface RangePosts {
  readonly posts: readonly PostSummary[] | undefined;
  readonly status: 'loading' | 'ready' | 'error';
  readonly error: ErrorInfo | null;
  readonly reload: () => void;
}

/** The search box's words once typing pauses, so a request is not sent for every key. */
export function useSettledSearch(search: string, delayMs = 200): string {
  const trimmed = search.trim();
  const [settled, setSettled] = useState(trimmed);
  useEffect(() => {
    if (trimmed === '') {
      setSettled('');
      return;
    }
    const timer = setTimeout(() => setSettled(trimmed), delayMs);
    return () => clearTimeout(timer);
  }, [trimmed, delayMs]);
  return settled;
}

/** Posts scheduled in [from, to) that have all the search words, refetched when any post changes. */
export function useRangePosts(from: number, to: number, enabled: boolean, accountId: string | null, search = ''): RangePosts {
  const q = useLiveQuery(
    enabled ? `range:${from}-${to}:${accountId ?? ''}:${search}` : 'range:off',
    () =>
      enabled
        ? invoke('posts.summaries', { from, to, limit: 100_000, ...(accountId ? { accountId } : {}), ...(search ? { search } : {}) }).then(
            (r) => {
              performance.mark(RENDER_MARKS.loaded);
              return r;
            },
          )
        : Promise.resolve({ ok: true as const, value: [] as readonly PostSummary[] }),
    (e) => enabled && e.type === 'posts.changed',
  );
  return { posts: q.data, status: q.status, error: q.error, reload: q.reload };
}

/** Leaves the rendered and painted marks after the posts that arrived last were drawn. */
export function useRenderMarks(posts: readonly PostSummary[] | undefined, layout: string): void {
  useLayoutEffect(() => {
    if (!posts) return;
    performance.mark(RENDER_MARKS.rendered, { detail: { layout, posts: posts.length } });
    const frame = requestAnimationFrame(() => performance.mark(RENDER_MARKS.painted, { detail: { layout, posts: posts.length } }));
    return () => cancelAnimationFrame(frame);
  }, [posts, layout]);
}

const PAGE = 2_000;

export interface UpcomingPosts {
  readonly posts: readonly PostSummary[];
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly error: ErrorInfo | null;
  readonly loadMore: () => void;
}

/**
 * Scheduled posts from `from` on, a page at a time as the list scrolls. A change refetches everything
 * loaded so far in one request, so the list never jumps back to the first page.
 */
export function useUpcomingPosts(
  from: number,
  enabled: boolean,
  statuses: readonly string[] | null,
  accountId: string | null,
  search = '',
): UpcomingPosts {
  const [posts, setPosts] = useState<readonly PostSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [hasMore, setHasMore] = useState(true);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const generation = useRef(0);
  const state = useRef({ posts: [] as readonly PostSummary[], loading: false, hasMore: true });
  const key = `${from}|${statuses?.join(',') ?? ''}|${accountId ?? ''}|${search}|${enabled}`;

  const fetchPage = useCallback(
    async (after: number, limit: number, replace: boolean) => {
      const mine = generation.current;
      state.current.loading = true;
      setLoading(true);
      const result = await invoke('posts.summaries', {
        from: after,
        limit,
        ...(statuses && statuses.length > 0 ? { statuses: [...statuses] } : {}),
        ...(accountId ? { accountId } : {}),
        ...(search ? { search } : {}),
      });
      if (mine !== generation.current) return;
      state.current.loading = false;
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      performance.mark(RENDER_MARKS.loaded);
      setError(null);
      const page = result.value;
      let next: readonly PostSummary[];
      if (replace) next = page;
      else {
        // The next page starts at the last time loaded, so posts sharing that minute come twice; keep one.
        const seen = new Set(state.current.posts.map((p) => p.id));
        next = [...state.current.posts, ...page.filter((p) => !seen.has(p.id))];
      }
      state.current.posts = next;
      state.current.hasMore = page.length >= limit;
      setPosts(next);
      setHasMore(page.length >= limit);
    },
    [statuses, accountId, search],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything the first page depends on.
  useEffect(() => {
    generation.current++;
    // What is on screen stays until the new first page replaces it, so the list does not blink every minute.
    state.current.loading = false;
    if (enabled) void fetchPage(from, Math.max(PAGE, state.current.posts.length), true);
  }, [key]);

  useEffect(() => {
    if (!enabled) return;
    return onLiveEvent((e) => {
      if (e.type !== 'posts.changed' && e.type !== 'resync') return;
      generation.current++;
      void fetchPage(from, Math.max(PAGE, state.current.posts.length + 50), true);
    });
  }, [enabled, from, fetchPage]);

  const loadMore = useCallback(() => {
    const s = state.current;
    if (!enabled || s.loading || !s.hasMore) return;
    const lastAt = s.posts.at(-1)?.scheduledAt;
    if (lastAt === undefined || lastAt === null) return;
    void fetchPage(lastAt, PAGE, false);
  }, [enabled, fetchPage]);

  return useMemo(() => ({ posts, loading, hasMore, error, loadMore }), [posts, loading, hasMore, error, loadMore]);
}
