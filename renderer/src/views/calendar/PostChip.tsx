// One post on the calendar: time, networks, first words and status; click selects it, double-click or Enter opens it.

import { type CSSProperties, type KeyboardEvent, memo, type PointerEvent } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PostView } from '../../../../shared/domain';
import { ATTENTION_STATUSES, StatusBadge } from '../../components/StatusBadge';
import { AccountMarks, LabelDot } from '../../components/Swatches';
import { excerpt, isLocked } from '../../composer/composerModel';
import { formatTime } from '../../format/dates';

export interface ChipHandlers {
  readonly onSelect: (post: PostView) => void;
  readonly onOpen: (post: PostView) => void;
  readonly onKeyDown: (post: PostView, e: KeyboardEvent<HTMLButtonElement>) => void;
  readonly onPointerDown: (post: PostView, e: PointerEvent<HTMLButtonElement>) => void;
}

export interface PostChipProps {
  readonly post: PostView;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly selected: boolean;
  readonly moving: boolean;
  readonly focusable: boolean;
  readonly handlers: ChipHandlers;
  readonly variant: 'month' | 'grid';
  readonly style?: CSSProperties;
}

export const PostChip = memo(function PostChip({
  post,
  accountsById,
  timeZone,
  selected,
  moving,
  focusable,
  handlers,
  variant,
  style,
}: PostChipProps) {
  const time = post.scheduledAt === null ? '' : formatTime(post.scheduledAt, timeZone);
  const attention = ATTENTION_STATUSES.has(post.status);
  const classes = [
    'post-chip',
    `post-chip--${variant}`,
    `post-chip--${post.status}`,
    attention ? 'post-chip--attention' : '',
    selected ? 'is-selected' : '',
    moving ? 'is-moving' : '',
    isLocked(post) ? 'is-locked' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      style={style}
      data-post-id={post.id}
      data-status={post.status}
      tabIndex={focusable ? 0 : -1}
      aria-expanded={selected}
      aria-controls={selected ? 'post-peek' : undefined}
      onClick={() => handlers.onSelect(post)}
      onDoubleClick={() => handlers.onOpen(post)}
      onKeyDown={(e) => handlers.onKeyDown(post, e)}
      onPointerDown={(e) => handlers.onPointerDown(post, e)}
    >
      <span className="post-chip__top">
        <span className="post-chip__time">{time}</span>
        <AccountMarks accountIds={post.targets.map((x) => x.accountId)} accountsById={accountsById} />
        <StatusBadge status={post.status} />
      </span>
      <span className="post-chip__text">
        {post.labels.map((l) => (
          <LabelDot key={l} label={l} />
        ))}
        {excerpt(post.text, 80)}
      </span>
    </button>
  );
});
