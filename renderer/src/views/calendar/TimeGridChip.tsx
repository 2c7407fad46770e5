// One post in the week and day time grid, drawn with as few elements as it takes: a week shows hundreds at once.

import { memo } from 'react';
import { ATTENTION_STATUSES } from '../../components/StatusBadge';
import { accountNames, swatchOf } from '../../components/Swatches';
import { excerpt, isLocked } from '../../composer/composerModel';
import { formatMinutes, showsZone, zoneAbbreviation } from '../../format/dates';
import type { PostChipProps } from './PostChip';
import { MINUTE_PX, marksThatFit } from './timeGridModel';

export interface TimeGridChipProps
  extends Pick<PostChipProps, 'post' | 'accountsById' | 'timeZone' | 'selected' | 'moving' | 'focusable' | 'handlers' | 't'> {
  /** The post's wall-clock minutes in the shown zone, which the layout already worked out. */
  readonly minutes: number;
  /** Side by side with overlapping posts: column `column` of `columns`. */
  readonly column: number;
  readonly columns: number;
  /** Beside a "+N" of overlapping posts not drawn: the columns share the width less the count's. */
  readonly crowded: boolean;
  /** The chip's width in pixels: the network marks that would be cut off at its edge are not drawn. */
  readonly marksWidth: number;
  /** How many characters of the text the chip can show. */
  readonly textLength: number;
  /** Out of the hours drawn: named, with one text node the browser skips, until it comes near the view. */
  readonly far: boolean;
}

/**
 * A button with two lines: the time and the accounts' network marks, then the first words. Its name
 * (aria-label) says in words what the screen shows only as colour and marks (the zone, the status, the
 * accounts) and the whole excerpt; a badge is drawn only for statuses that need a person. A post out of the hours drawn is one
 * button with its name and one text node the browser does not lay out (`content-visibility: hidden`), so
 * the page still has every post, for the keyboard and screen readers, at a fraction of the cost; it is
 * drawn in full when it comes near.
 */
export const TimeGridChip = memo(function TimeGridChip(p: TimeGridChipProps) {
  const { post, t } = p;
  const time = formatMinutes(p.minutes);
  const zone = post.scheduledAt !== null && showsZone(p.timeZone) ? zoneAbbreviation(post.scheduledAt, p.timeZone) : '';
  const attention = ATTENTION_STATUSES.has(post.status);
  const accountIds = post.targets.map((x) => x.accountId);
  const full = excerpt(post.excerpt, 80);
  const text = p.textLength < full.length ? excerpt(full, p.textLength) : full;
  const spoken = [
    zone,
    attention ? '' : t.status[post.status],
    accountIds.length > 0 ? accountNames(t, accountIds, p.accountsById).join(', ') : '',
  ]
    .filter(Boolean)
    .join(', ');
  // The name starts with the text the chip shows, in its order (what a speech user says to click it), then the rest.
  const shown = p.far
    ? `${time} ${attention ? `${t.status[post.status]} ` : ''}`
    : `${time} ${accountIds.length === 0 ? `${t.calendar.noAccountsOnPost} ` : ''}${attention ? `${t.status[post.status]} ` : ''}`;
  const name = `${shown}${text}${spoken ? ` ${spoken}` : ''}`;
  let classes = `post-chip post-chip--grid post-chip--${post.status} cols-${p.columns} col-${p.column}`;
  if (p.crowded) classes += ' is-crowded';
  if (p.far) classes += ' is-far';
  if (attention) classes += ' post-chip--attention';
  if (p.selected) classes += ' is-selected';
  if (p.moving) classes += ' is-moving';
  if (isLocked(post)) classes += ' is-locked';
  const { handlers } = p;
  return (
    <button
      type="button"
      className={classes}
      style={{ top: p.minutes * MINUTE_PX }}
      data-post-id={post.id}
      data-status={post.status}
      tabIndex={p.focusable ? 0 : -1}
      aria-label={name}
      aria-expanded={p.selected}
      aria-controls={p.selected ? 'post-peek' : undefined}
      onClick={() => handlers.onSelect(post)}
      onDoubleClick={() => handlers.onOpen(post)}
      onKeyDown={(e) => handlers.onKeyDown(post, e)}
      onPointerDown={(e) => handlers.onPointerDown(post, e)}
    >
      {p.far ? (
        `${time} ${text}`
      ) : (
        // Two lines in one block (white-space: pre): the time and marks, a line break, the first words. Each string is
        // one text node and no element wraps a line, so a week lays out a few nodes per post.
        <>
          {`${time} `}
          {accountIds.length === 0 ? <span className="marks--none">{t.calendar.noAccountsOnPost}</span> : null}
          {accountIds.slice(0, marksThatFit(p.marksWidth, time)).map((id) => (
            <span key={id} className={`mark mark--${p.accountsById.get(id)?.platform ?? 'unknown'} swatch-${swatchOf(id)}`} />
          ))}
          {attention ? <span className="badge badge--attention">{t.status[post.status]}</span> : null}
          {post.labels.length === 0 ? `\n${text}` : '\n'}
          {post.labels.map((l) => (
            <span key={l} className={`label-dot swatch-${swatchOf(l)}`} />
          ))}
          {post.labels.length === 0 ? null : text}
        </>
      )}
    </button>
  );
});
