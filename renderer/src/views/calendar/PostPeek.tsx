// The selected post beside the calendar: what it says, where and when it goes, what happened to it, and what to do next.

import type { PostSummary } from '../../../../shared/domain';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { Icon } from '../../components/Icon';
import { StatusBadge } from '../../components/StatusBadge';
import { LabelTag } from '../../components/Swatches';
import { AttentionActions, needsDecision } from '../../composer/AttentionActions';
import { canDelete, isLocked } from '../../composer/composerModel';
import { PostStatusPanel } from '../../composer/PostStatusPanel';
import { formatDateTime } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useComposer } from '../../state/composer';

export interface PostPeekProps {
  /** What the calendar drew; the whole post is read here. */
  readonly post: PostSummary;
  readonly timeZone: string;
  readonly onClose: () => void;
  readonly onMove: () => void;
  readonly onDelete: () => void;
}

export function PostPeek({ post: shown, timeZone, onClose, onMove, onDelete }: PostPeekProps) {
  const t = useStrings();
  const app = useAppData();
  const composer = useComposer();
  const details = useLiveQuery(
    `peek:${shown.id}`,
    () => invoke('posts.get', { id: shown.id }),
    (e) => e.type === 'posts.changed' && e.postIds.includes(shown.id),
  );
  // The calendar's summary may be ahead of what was read (a change on its way here): then it shows until the
  // whole post catches up, and only what the summary knows is drawn meanwhile.
  const fresh = details.data?.post;
  const full = fresh && fresh.updatedAt >= shown.updatedAt ? fresh : null;
  const post = full ?? shown;
  const locked = isLocked(post);
  const movable = !locked && post.status !== 'unconfirmed' && post.status !== 'cancelled';

  return (
    // A non-modal dialog: it sits beside the calendar, which stays usable (and keyboard shortcuts keep working).
    <dialog open className="peek" id="post-peek" aria-labelledby="post-peek-title">
      <header className="peek__header">
        <h2 id="post-peek-title" className="peek__title">
          {t.peek.title}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t.actions.close}>
          <Icon name="close" size={16} />
        </button>
      </header>
      <div className="peek__meta">
        <StatusBadge status={post.status} />
        {post.scheduledAt !== null ? <span>{formatDateTime(post.scheduledAt, timeZone)}</span> : <span>{t.drafts.noTime}</span>}
      </div>
      {post.labels.length > 0 ? (
        <div className="peek__labels">
          {post.labels.map((l) => (
            <LabelTag key={l} label={l} />
          ))}
        </div>
      ) : null}
      <blockquote className="post-text peek__text" aria-busy={full ? undefined : true}>
        {(full ? full.text : shown.excerpt) || t.drafts.untitled}
      </blockquote>
      {full && (full.parts.length > 0 || full.media.length > 0) ? (
        <p className="muted peek__extras">
          {full.parts.length > 0 ? t.peek.threadOf(full.parts.length + 1) : null}
          {full.parts.length > 0 && full.media.length > 0 ? ' · ' : null}
          {full.media.length > 0 ? t.peek.images(full.media.length) : null}
        </p>
      ) : null}
      {full && needsDecision(full) ? (
        <AttentionActions post={full} onMove={movable ? onMove : undefined} onEdit={() => composer.openPost(full.id)} />
      ) : null}
      <div className="peek__actions">
        <button type="button" className="button button--small button--primary" onClick={() => composer.openPost(post.id)}>
          <Icon name="edit" size={14} />
          {locked ? t.peek.open : t.peek.edit}
        </button>
        {movable ? (
          <button type="button" className="button button--small" onClick={onMove} aria-keyshortcuts="r">
            <Icon name="move" size={14} />
            {t.peek.moveTo}
          </button>
        ) : null}
        {canDelete(post) ? (
          <button
            type="button"
            className="button button--small button--ghost button--danger-text"
            onClick={onDelete}
            aria-keyshortcuts="Delete"
          >
            <Icon name="trash" size={14} />
            {t.peek.delete}
          </button>
        ) : null}
      </div>
      {locked ? <p className="muted">{t.peek.lockedHint}</p> : null}
      {full ? (
        <PostStatusPanel
          post={full}
          history={details.data?.history ?? []}
          accountsById={app.accountsById}
          timeZone={timeZone}
          showHelp={false}
        />
      ) : null}
    </dialog>
  );
}
