// A person's notifications in the workspace, newest first, with the unread count; opening one marks it read.

import { useId } from 'react';
import { useStrings } from '../i18n';
import { workspaceApi } from './api';
import { formatWhen } from './reviewModel';
import { useWorkspaceQuery } from './useWorkspace';

/** The unread count alone, for a badge; it follows the event stream. */
export function useUnreadCount(): number {
  const q = useWorkspaceQuery(
    'unread',
    () => workspaceApi.unreadCount(),
    (c) => c.type === 'notifications.changed',
  );
  return q.data?.unread ?? 0;
}

export interface NotificationsProps {
  /** Where a notification's post opens: the workspace's post page, or the app's composer. */
  readonly onOpen: (postId: string, commentId: string | null) => void;
}

export function Notifications({ onOpen }: NotificationsProps) {
  const t = useStrings().team.notifications;
  const id = useId();
  const q = useWorkspaceQuery(
    'notifications',
    () => workspaceApi.notifications(),
    (c) => c.type === 'notifications.changed',
  );
  const items = q.data?.items ?? [];
  const unread = q.data?.unread ?? 0;
  const lang = (typeof document !== 'undefined' && document.documentElement.lang) || 'en';
  return (
    <section className="ws-notifications" aria-labelledby={`${id}-title`}>
      <div className="ws-panel__head">
        <h2 id={`${id}-title`} className="section-title">
          {t.title}
        </h2>
        <span className={`pill${unread > 0 ? ' pill--warn' : ''}`} data-testid="unread-count" aria-live="polite">
          {t.unread(unread)}
        </span>
        {unread > 0 ? (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => void workspaceApi.markRead('all').then(q.reload)}
          >
            {t.markAllRead}
          </button>
        ) : null}
      </div>
      {q.error ? (
        <p className="callout callout--danger" role="alert">
          {q.error}
        </p>
      ) : null}
      {items.length === 0 ? <p className="muted">{t.none}</p> : null}
      <ul className="ws-notifications__list">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'ws-notification' : 'ws-notification ws-notification--unread'}>
            <div>
              <strong>{t.kinds[n.kind]}</strong>{' '}
              <time className="muted" dateTime={n.createdAt}>
                {formatWhen(n.createdAt, lang)}
              </time>
            </div>
            <p>{n.summary}</p>
            <div className="button-group">
              {n.postId ? (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    const postId = n.postId as string;
                    void workspaceApi.markRead([n.id]).then(() => onOpen(postId, n.commentId));
                  }}
                >
                  {t.open}
                </button>
              ) : null}
              {n.readAt ? null : (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => void workspaceApi.markRead([n.id]).then(q.reload)}
                >
                  {t.markRead}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
