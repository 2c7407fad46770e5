// The list layout: everything coming up, in order and grouped by day, loaded a page at a time and drawn only where it is seen.

import { useEffect, useMemo } from 'react';
import type { PostSummary } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { VirtualPostList } from '../../components/VirtualPostList';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { filtersActive, matchesFilters, useCalendarState } from '../../state/calendarState';
import { useComposer } from '../../state/composer';
import { applyMoves, useMoves } from '../../state/moves';
import { useUndo } from '../../state/undo';
import { rowsByDay } from './calendarModel';
import { useRenderMarks, useSettledSearch, useUpcomingPosts } from './useCalendarPosts';

export function ListLayout({ from }: { readonly from: number }) {
  const t = useStrings();
  const app = useAppData();
  const cal = useCalendarState();
  const composer = useComposer();
  const moves = useMoves();
  const undo = useUndo();
  // A minute's resolution is enough, and keeps the key (and the loaded pages) steady while time passes.
  const start = Math.floor(from / 60_000) * 60_000;
  const statuses = useMemo(() => (cal.filters.statuses.length > 0 ? [...cal.filters.statuses] : null), [cal.filters.statuses]);
  const single = cal.filters.accountIds.length === 1 ? (cal.filters.accountIds[0] as string) : null;
  const search = useSettledSearch(cal.filters.search);
  const upcoming = useUpcomingPosts(start, true, statuses, single, search);

  useEffect(() => moves.settle(upcoming.posts), [upcoming.posts, moves.settle]);

  const rows = useMemo(() => {
    const lastLoaded = upcoming.hasMore ? (upcoming.posts.at(-1)?.scheduledAt ?? start) : Number.POSITIVE_INFINITY;
    const inRange = (p: PostSummary) => p.scheduledAt !== null && p.scheduledAt >= start && p.scheduledAt <= lastLoaded;
    let posts = applyMoves(upcoming.posts, moves.moved, undo.pendingDeletes, inRange);
    if (moves.moved.size > 0) posts = [...posts].sort((a, b) => (a.scheduledAt ?? 0) - (b.scheduledAt ?? 0));
    if (filtersActive(cal.filters)) posts = posts.filter((p) => matchesFilters(p, cal.filters));
    return rowsByDay(posts, cal.zone);
  }, [upcoming.posts, upcoming.hasMore, moves.moved, undo.pendingDeletes, cal.filters, cal.zone, start]);
  useRenderMarks(upcoming.posts.length > 0 ? upcoming.posts : undefined, 'list');

  if (upcoming.error) {
    return (
      <p className="callout callout--danger" role="alert">
        {t.errors.loadFailed} {messageFor(upcoming.error)}
      </p>
    );
  }
  if (!upcoming.loading && rows.length === 0) {
    return <EmptyState title={filtersActive(cal.filters) ? t.calendar.nothingMatches : t.queue.empty} hint={t.queue.emptyHint} />;
  }
  return (
    <VirtualPostList
      label={t.calendar.listLabel}
      rows={rows}
      accountsById={app.accountsById}
      timeZone={cal.zone}
      selectedId={cal.selectedPostId}
      onActivate={(post) => cal.select(post.id)}
      onDoubleClick={(post) => composer.openPost(post.id)}
      onNearEnd={upcoming.loadMore}
      footer={upcoming.loading ? t.calendar.loadingMore : upcoming.hasMore ? t.calendar.scrollForMore : null}
      className="vlist--calendar"
    />
  );
}
