// A long list of posts under a heading per day, drawing only the rows in view so tens of thousands scroll smoothly.

import { type KeyboardEvent, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import type { PostSummary } from '../../../shared/domain';
import { excerpt } from '../composer/composerModel';
import { formatDayLong, formatTime } from '../format/dates';
import { useStrings } from '../i18n';
import type { ListRow } from '../views/calendar/calendarModel';
import { ATTENTION_STATUSES, StatusBadge } from './StatusBadge';
import { AccountMarks, LabelTag } from './Swatches';

const DAY_ROW_PX = 38;
const POST_ROW_PX = 64;
const OVERSCAN_PX = 480;
/** Ask for more when the rows in view come this close to the end of what is loaded. */
const LOAD_AHEAD_ROWS = 60;

export interface VirtualPostListProps {
  readonly label: string;
  readonly rows: readonly ListRow[];
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly selectedId?: string | null;
  /** A click or Enter on a row. */
  readonly onActivate: (post: PostSummary) => void;
  readonly onDoubleClick?: (post: PostSummary) => void;
  readonly onNearEnd?: () => void;
  /** Shown as the last row while more is loading or available. */
  readonly footer?: string | null;
  readonly className?: string;
}

export function VirtualPostList(props: VirtualPostListProps) {
  const { rows, onNearEnd } = props;
  const t = useStrings();
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const pendingFocus = useRef(false);

  const offsets = useMemo(() => {
    const out = new Float64Array(rows.length + 1);
    for (let i = 0; i < rows.length; i++) out[i + 1] = (out[i] as number) + (rows[i]?.kind === 'day' ? DAY_ROW_PX : POST_ROW_PX);
    return out;
  }, [rows]);
  const total = offsets[rows.length] as number;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, indexAt(offsets, view.top - OVERSCAN_PX));
  const last = Math.min(rows.length - 1, indexAt(offsets, view.top + view.height + OVERSCAN_PX));

  useEffect(() => {
    if (onNearEnd && rows.length > 0 && last >= rows.length - LOAD_AHEAD_ROWS) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  useEffect(() => {
    if (!pendingFocus.current || focusIndex === null) return;
    pendingFocus.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-row="${focusIndex}"] button`)?.focus();
  }, [focusIndex]);

  const onRowKey = useCallback(
    (index: number, e: KeyboardEvent<HTMLButtonElement>) => {
      const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
      if (step === 0) return;
      e.preventDefault();
      let next = index + step;
      while (next >= 0 && next < rows.length && rows[next]?.kind !== 'post') next += step;
      if (next < 0 || next >= rows.length) return;
      const el = scroller.current;
      if (el) {
        const top = offsets[next] as number;
        if (top < el.scrollTop) el.scrollTop = top - DAY_ROW_PX;
        else if (top + POST_ROW_PX > el.scrollTop + el.clientHeight) el.scrollTop = top + POST_ROW_PX - el.clientHeight;
        setView({ top: el.scrollTop, height: el.clientHeight });
      }
      pendingFocus.current = true;
      setFocusIndex(next);
    },
    [rows, offsets],
  );

  const items = [];
  for (let i = first; i <= last; i++) {
    const row = rows[i];
    if (!row) continue;
    items.push(
      <ListItem
        key={row.kind === 'day' ? `d-${row.date}` : row.post.id}
        row={row}
        index={i}
        top={offsets[i] as number}
        accountsById={props.accountsById}
        timeZone={props.timeZone}
        selected={row.kind === 'post' && row.post.id === props.selectedId}
        onActivate={props.onActivate}
        onDoubleClick={props.onDoubleClick}
        onKey={onRowKey}
      />,
    );
  }

  return (
    <div
      className={`vlist${props.className ? ` ${props.className}` : ''}`}
      ref={scroller}
      onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      data-rows={rows.length}
    >
      <ul className="vlist__inner" aria-label={props.label} style={{ height: total + (props.footer ? POST_ROW_PX : 0) }}>
        {items}
        {props.footer ? (
          <li className="vlist__footer muted" style={{ top: total }} aria-live="polite">
            {props.footer}
          </li>
        ) : null}
      </ul>
      {rows.length === 0 ? <p className="sr-only">{t.queue.empty}</p> : null}
    </div>
  );
}

/** The row holding the pixel `y`: a binary search over the rows' top edges. */
function indexAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] as number) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface ListItemProps {
  readonly row: ListRow;
  readonly index: number;
  readonly top: number;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly selected: boolean;
  readonly onActivate: (post: PostSummary) => void;
  readonly onDoubleClick: ((post: PostSummary) => void) | undefined;
  readonly onKey: (index: number, e: KeyboardEvent<HTMLButtonElement>) => void;
}

const ListItem = memo(function ListItem({
  row,
  index,
  top,
  accountsById,
  timeZone,
  selected,
  onActivate,
  onDoubleClick,
  onKey,
}: ListItemProps) {
  const t = useStrings();
  if (row.kind === 'day') {
    return (
      <li className="vlist__day" style={{ top, height: DAY_ROW_PX }} data-row={index}>
        <h3 className="vlist__day-title">
          {formatDayLong(row.date)} <span className="muted">· {t.queue.count(row.count)}</span>
        </h3>
      </li>
    );
  }
  const post = row.post;
  const names = post.targets.map((x) => accountsById.get(x.accountId)?.name ?? t.composer.removedAccount).join(', ');
  return (
    <li className="vlist__post" style={{ top, height: POST_ROW_PX }} data-row={index}>
      <button
        type="button"
        className={`post-row${ATTENTION_STATUSES.has(post.status) ? ' post-row--attention' : ''}${selected ? ' is-selected' : ''}`}
        data-post-id={post.id}
        data-status={post.status}
        onClick={() => onActivate(post)}
        onDoubleClick={onDoubleClick ? () => onDoubleClick(post) : undefined}
        onKeyDown={(e) => onKey(index, e)}
      >
        <span className="post-row__when">{post.scheduledAt === null ? '' : formatTime(post.scheduledAt, timeZone)}</span>
        <span className="post-row__main">
          <span className="post-row__text">{excerpt(post.excerpt, 140) || t.drafts.untitled}</span>
          <span className="post-row__accounts">
            <AccountMarks accountIds={post.targets.map((x) => x.accountId)} accountsById={accountsById} />
            <span aria-hidden="true">{names || t.calendar.noAccountsOnPost}</span>
            {post.labels.map((l) => (
              <LabelTag key={l} label={l} />
            ))}
          </span>
        </span>
        <StatusBadge status={post.status} />
      </button>
    </li>
  );
});
