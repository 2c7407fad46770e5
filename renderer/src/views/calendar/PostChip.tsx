// One post on the calendar: time, networks, first words and status; click selects it, double-click or Enter opens it.

import { type CSSProperties, type KeyboardEvent, memo, type PointerEvent } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PostSummary } from '../../../../shared/domain';
import { ATTENTION_STATUSES, StatusBadge } from '../../components/StatusBadge';
import { AccountMarksIn, accountNames, LabelDot } from '../../components/Swatches';
import { excerpt, isLocked } from '../../composer/composerModel';
import { formatMinutes, showsZone, zoneAbbreviation } from '../../format/dates';
import type { Dictionary } from '../../i18n';

export interface ChipHandlers {
  readonly onSelect: (post: PostSummary) => void;
  readonly onOpen: (post: PostSummary) => void;
  readonly onKeyDown: (post: PostSummary, e: KeyboardEvent<HTMLButtonElement>) => void;
  readonly onPointerDown: (post: PostSummary, e: PointerEvent<HTMLButtonElement>) => void;
}

export interface PostChipProps {
  readonly post: PostSummary;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly selected: boolean;
  readonly moving: boolean;
  readonly focusable: boolean;
  readonly handlers: ChipHandlers;
  readonly variant: 'month' | 'grid';
  /** The post's wall-clock minutes in the shown zone, which the layout already worked out. */
  readonly minutes: number | null;
  readonly style?: CSSProperties;
  /** Classes that place it among overlapping posts (cols-N col-K), so only its top is an inline style. */
  readonly place?: string;
  /** The strings, from the cell: hundreds of posts do not each subscribe to the language. */
  readonly t: Dictionary;
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
  minutes,
  style,
  place,
  t,
}: PostChipProps) {
  // The time grid says its zone once, above the hours; its narrow posts keep the zone for screen readers only.
  const grid = variant === 'grid';
  const zoneName = post.scheduledAt !== null && showsZone(timeZone) ? zoneAbbreviation(post.scheduledAt, timeZone) : '';
  const clock = minutes === null ? '' : formatMinutes(minutes);
  const time = grid || !zoneName ? clock : `${clock} ${zoneName}`;
  const zone = grid ? zoneName : '';
  const attention = ATTENTION_STATUSES.has(post.status);
  const accountIds = post.targets.map((x) => x.accountId);
  const spoken = [
    zone.trim(),
    post.status === 'scheduled' ? t.status.scheduled : '',
    accountIds.length > 0 ? accountNames(t, accountIds, accountsById).join(', ') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const classes = [
    'post-chip',
    `post-chip--${variant}`,
    `post-chip--${post.status}`,
    attention ? 'post-chip--attention' : '',
    selected ? 'is-selected' : '',
    moving ? 'is-moving' : '',
    isLocked(post) ? 'is-locked' : '',
    place ?? '',
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
        <AccountMarksIn t={t} accountIds={accountIds} accountsById={accountsById} named={false} />
      </span>
      {/* Scheduled is what most posts are: colour says it, and words for screen readers; other statuses get a badge. */}
      {post.status === 'scheduled' ? null : <StatusBadge status={post.status} />}
      <span className="post-chip__text">
        {post.labels.map((l) => (
          <LabelDot key={l} label={l} />
        ))}
        {excerpt(post.excerpt, 80)}
      </span>
      {/* One line for what the screen only shows as colour and marks: the zone, the status, the accounts. */}
      <span className="sr-only">{spoken}</span>
    </button>
  );
});
