// The Drafts view: posts without a time yet, newest edit first.

import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { PostList } from '../../components/PostList';
import { messageFor } from '../../composer/composerModel';
import { formatDateTime } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useComposer } from '../../state/composer';
import { useUndo } from '../../state/undo';

export function DraftsView() {
  const t = useStrings();
  const app = useAppData();
  const composer = useComposer();
  const undo = useUndo();
  const drafts = useLiveQuery(
    'drafts',
    () => invoke('posts.list', { unscheduled: true, limit: 1000 }),
    (e) => e.type === 'posts.changed',
  );
  const sorted = [...(drafts.data ?? [])].filter((p) => !undo.pendingDeletes.has(p.id)).sort((a, b) => b.updatedAt - a.updatedAt);

  return (
    <div className="view">
      <header className="view__header">
        <h1 className="view__title">{t.drafts.title}</h1>
        <button type="button" className="button" onClick={() => composer.openNew()}>
          {t.actions.newPost}
        </button>
      </header>
      {drafts.status === 'error' ? (
        <p className="callout callout--danger" role="alert">
          {t.errors.loadFailed} {messageFor(drafts.error)}
        </p>
      ) : null}
      {drafts.status === 'ready' && sorted.length === 0 ? <EmptyState title={t.drafts.empty} hint={t.drafts.emptyHint} /> : null}
      {sorted.length > 0 ? (
        <section className="panel">
          <PostList
            label={t.drafts.title}
            posts={sorted}
            accountsById={app.accountsById}
            timeZone={app.timeZone}
            onOpen={composer.openPost}
            whenFallback={(p) => t.drafts.updated(formatDateTime(p.updatedAt, app.timeZone))}
          />
        </section>
      ) : null}
    </div>
  );
}
