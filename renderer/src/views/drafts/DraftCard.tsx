// One card of the Drafts & ideas board: the draft's words, labels and accounts; click to open it, drag it to schedule it.

import type { PointerEvent } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PostView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { AccountMarks, LabelTag } from '../../components/Swatches';
import { excerpt } from '../../composer/composerModel';
import { formatDateTime } from '../../format/dates';
import { useStrings } from '../../i18n';

export interface DraftCardProps {
  readonly post: PostView;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly onOpen: (postId: string) => void;
  readonly onSchedule: (post: PostView) => void;
  readonly onDragStart: (post: PostView, e: PointerEvent<HTMLButtonElement>) => void;
}

export function DraftCard({ post, accountsById, timeZone, onOpen, onSchedule, onDragStart }: DraftCardProps) {
  const t = useStrings();
  const b = t.draftsBoard;
  const textId = `draft-card-text-${post.id}`;
  return (
    <article className="draft-card" data-post-id={post.id}>
      <button
        type="button"
        className="draft-card__open"
        onClick={() => onOpen(post.id)}
        onPointerDown={(e) => onDragStart(post, e)}
        aria-describedby={`draft-card-meta-${post.id}`}
      >
        <span className="draft-card__text" id={textId}>
          {excerpt(post.text, 220) || t.drafts.untitled}
        </span>
        {post.labels.length > 0 ? (
          <span className="draft-card__labels">
            <span className="sr-only">{b.labelsOf(post.labels.join(', '))}</span>
            <span aria-hidden="true" className="draft-card__label-tags">
              {post.labels.map((label) => (
                <LabelTag key={label} label={label} />
              ))}
            </span>
          </span>
        ) : null}
        <span className="draft-card__accounts">
          <AccountMarks accountIds={post.targets.map((x) => x.accountId)} accountsById={accountsById} />
        </span>
      </button>
      <footer className="draft-card__foot">
        <span className="draft-card__meta" id={`draft-card-meta-${post.id}`}>
          {t.drafts.updated(formatDateTime(post.updatedAt, timeZone))}
          {post.media.length > 0 ? (
            <span className="draft-card__extra">
              <Icon name="image" size={12} /> {b.images(post.media.length)}
            </span>
          ) : null}
          {post.parts.length > 0 ? (
            <span className="draft-card__extra">
              <Icon name="thread" size={12} /> {b.parts(post.parts.length + 1)}
            </span>
          ) : null}
        </span>
        <button type="button" className="button button--small" onClick={() => onSchedule(post)} aria-describedby={textId}>
          {b.schedule}
        </button>
      </footer>
    </article>
  );
}
