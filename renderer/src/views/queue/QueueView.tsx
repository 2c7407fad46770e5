// The Queue view: what goes out next, in order, and anything already due that needs a look.

import { invoke } from '../../api/client';
import { useLiveQuery, useNow } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { PostList } from '../../components/PostList';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useComposer } from '../../state/composer';

export function QueueView() {
  const t = useStrings();
  const app = useAppData();
  const composer = useComposer();
  // Re-list every minute, so posts whose time has passed leave "Up next" even without an event.
  const now = useNow();
  const minute = Math.floor(now / 60_000);
  const upcoming = useLiveQuery(
    `upcoming-${minute}`,
    () => invoke('posts.list', { from: Date.now(), statuses: ['scheduled', 'held', 'retrying', 'publishing'], limit: 500 }),
    (e) => e.type === 'posts.changed',
  );
  const active = useLiveQuery(
    'active',
    () => invoke('posts.list', { statuses: ['publishing', 'retrying', 'failed', 'unconfirmed', 'missed'], limit: 200 }),
    (e) => e.type === 'posts.changed',
  );
  const upcomingIds = new Set((upcoming.data ?? []).map((p) => p.id));
  const attention = (active.data ?? []).filter((p) => !upcomingIds.has(p.id));
  const failed = upcoming.status === 'error' ? upcoming.error : active.status === 'error' ? active.error : null;
  const loaded = upcoming.data !== undefined && active.data !== undefined;

  return (
    <div className="view">
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
      {loaded && (upcoming.data?.length ?? 0) === 0 && attention.length === 0 ? (
        <EmptyState title={t.queue.empty} hint={t.queue.emptyHint} />
      ) : null}
      {(upcoming.data?.length ?? 0) > 0 ? (
        <section className="panel" aria-labelledby="queue-upcoming">
          <h2 className="section-title" id="queue-upcoming">
            {t.queue.upcoming}
          </h2>
          <PostList
            label={t.queue.upcoming}
            posts={upcoming.data ?? []}
            accountsById={app.accountsById}
            timeZone={app.timeZone}
            onOpen={composer.openPost}
          />
        </section>
      ) : null}
    </div>
  );
}
