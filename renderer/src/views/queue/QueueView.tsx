// The Queue view: anything that needs a look first, then what goes out next, in order and grouped by day.

import { useMemo } from 'react';
import type { PostStatus } from '../../../../shared/domain';
import { invoke } from '../../api/client';
import { useLiveQuery, useNow } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { PostList } from '../../components/PostList';
import { VirtualPostList } from '../../components/VirtualPostList';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useComposer } from '../../state/composer';
import { useUndo } from '../../state/undo';
import { rowsByDay } from '../calendar/calendarModel';
import { useUpcomingPosts } from '../calendar/useCalendarPosts';

const UPCOMING: readonly PostStatus[] = ['scheduled', 'held', 'retrying', 'publishing'];

export function QueueView() {
  const t = useStrings();
  const app = useAppData();
  const composer = useComposer();
  const undo = useUndo();
  // Re-list every minute, so posts whose time has passed leave "Up next" even without an event.
  const now = useNow();
  const minute = Math.floor(now / 60_000) * 60_000;
  const upcoming = useUpcomingPosts(minute, true, UPCOMING, null);
  const active = useLiveQuery(
    'active',
    () => invoke('posts.list', { statuses: ['publishing', 'retrying', 'failed', 'unconfirmed', 'missed'], limit: 200 }),
    (e) => e.type === 'posts.changed',
  );
  const upcomingIds = useMemo(() => new Set(upcoming.posts.map((p) => p.id)), [upcoming.posts]);
  const attention = (active.data ?? []).filter((p) => !upcomingIds.has(p.id) && !undo.pendingDeletes.has(p.id));
  const rows = useMemo(
    () =>
      rowsByDay(
        upcoming.posts.filter((p) => !undo.pendingDeletes.has(p.id)),
        app.timeZone,
      ),
    [upcoming.posts, undo.pendingDeletes, app.timeZone],
  );
  const failed = upcoming.error ?? (active.status === 'error' ? active.error : null);
  const loaded = !upcoming.loading && active.data !== undefined;

  return (
    <div className="view view--queue">
      <header className="view__header">
        <h1 className="view__title">{t.queue.title}</h1>
        <p className="view__meta">{t.calendar.timesIn(app.timeZone)}</p>
      </header>
      {failed ? (
        <p className="callout callout--danger" role="alert">
          {t.errors.loadFailed} {messageFor(failed)}
        </p>
      ) : null}
      {attention.length > 0 ? (
        <section className="panel" aria-labelledby="queue-attention">
          <h2 className="section-title" id="queue-attention">
            {attention.some((p) => p.status === 'publishing' || p.status === 'retrying')
              ? `${t.queue.attention} · ${t.queue.inProgress}`
              : t.queue.attention}
          </h2>
          <PostList
            label={t.queue.attention}
            posts={attention}
            accountsById={app.accountsById}
            timeZone={app.timeZone}
            onOpen={composer.openPost}
          />
        </section>
      ) : null}
      {loaded && rows.length === 0 && attention.length === 0 ? <EmptyState title={t.queue.empty} hint={t.queue.emptyHint} /> : null}
      {rows.length > 0 ? (
        <section className="panel panel--list" aria-labelledby="queue-upcoming">
          <h2 className="section-title" id="queue-upcoming">
            {t.queue.upcoming}
          </h2>
          <VirtualPostList
            label={t.queue.upcoming}
            rows={rows}
            accountsById={app.accountsById}
            timeZone={app.timeZone}
            onActivate={(post) => composer.openPost(post.id)}
            onNearEnd={upcoming.loadMore}
            footer={upcoming.loading ? t.calendar.loadingMore : null}
          />
        </section>
      ) : null}
    </div>
  );
}
