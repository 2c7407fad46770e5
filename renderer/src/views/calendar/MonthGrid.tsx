// The month grid: a table with the grid role, a row per week and a cell per day listing its posts; arrow keys move between days.

import { type KeyboardEvent, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PostSummary } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { formatDayLong, formatWeekday } from '../../format/dates';
import { useStrings } from '../../i18n';
import { addDays, type CalendarDay } from './calendarModel';
import { type ChipHandlers, PostChip } from './PostChip';
import { wallMinutesOf } from './timeGridModel';

const VISIBLE_PER_DAY = 3;

export interface MonthGridProps {
  readonly label: string;
  readonly weeks: readonly (readonly CalendarDay[])[];
  readonly postsByDay: ReadonlyMap<string, readonly PostSummary[]>;
  /** Names of the holidays and awareness days on each date. */
  readonly observances: ReadonlyMap<string, readonly string[]>;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly selectedId: string | null;
  readonly movingId: string | null;
  /** The day that holds keyboard focus (and whose posts are in the tab order). */
  readonly activeDate: string;
  readonly onActiveDate: (date: string) => void;
  readonly handlers: ChipHandlers;
  readonly onNewPost: (date: string) => void;
  /** Keyboard navigation reached a day outside the grid: show the month holding it. */
  readonly onNavigateTo: (date: string) => void;
}

export function MonthGrid(props: MonthGridProps) {
  const { label, weeks, activeDate, onActiveDate, onNewPost, onNavigateTo } = props;
  const days = weeks.flat();
  const fallback = days.find((d) => d.isToday)?.date ?? days.find((d) => d.inMonth)?.date ?? days[0]?.date ?? '';
  const active = days.some((d) => d.date === activeDate) ? activeDate : fallback;
  const moved = useRef(false);
  const cells = useRef(new Map<string, HTMLTableCellElement>());

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    cells.current.get(active)?.focus();
  }, [active]);

  function handleKey(e: KeyboardEvent<HTMLTableCellElement>, day: CalendarDay) {
    if (e.target !== e.currentTarget) return;
    const first = weeks[0]?.[0]?.date ?? day.date;
    const last = weeks.at(-1)?.at(-1)?.date ?? day.date;
    const weekIndex = days.findIndex((d) => d.date === day.date) % 7;
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -weekIndex, End: 6 - weekIndex };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (!day.isPast) onNewPost(day.date);
      return;
    }
    const delta = step[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    const next = addDays(day.date, delta);
    moved.current = true;
    onActiveDate(next);
    if (next < first || next > last) onNavigateTo(next);
  }
  // Cells are memoised; hand them one stable function that always runs the latest handler.
  const keyHandler = useRef(handleKey);
  keyHandler.current = handleKey;
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLTableCellElement>, day: CalendarDay) => keyHandler.current(e, day), []);

  return (
    <div className="month-frame">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA date-grid pattern, a table whose cells arrow keys move between. */}
      <table className="month" role="grid" aria-label={label} aria-readonly="true">
        <thead>
          <tr>
            {(weeks[0] ?? []).map((d) => (
              <th scope="col" key={d.date} className="month__weekday" abbr={formatWeekday(d.date, true)}>
                {formatWeekday(d.date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.date}>
              {week.map((day) => (
                <MonthCell
                  key={day.date}
                  day={day}
                  posts={props.postsByDay.get(day.date) ?? EMPTY}
                  marked={props.observances.get(day.date) ?? NONE}
                  active={day.date === active}
                  accountsById={props.accountsById}
                  timeZone={props.timeZone}
                  selectedId={props.selectedId}
                  movingId={props.movingId}
                  handlers={props.handlers}
                  onNewPost={onNewPost}
                  onFocusCell={onActiveDate}
                  onKeyDown={onKeyDown}
                  cellRef={(el) => {
                    if (el) cells.current.set(day.date, el);
                    else cells.current.delete(day.date);
                  }}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EMPTY: readonly PostSummary[] = [];
const NONE: readonly string[] = [];

interface MonthCellProps {
  readonly day: CalendarDay;
  readonly posts: readonly PostSummary[];
  readonly marked: readonly string[];
  readonly active: boolean;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly selectedId: string | null;
  readonly movingId: string | null;
  readonly handlers: ChipHandlers;
  readonly onNewPost: (date: string) => void;
  readonly onFocusCell: (date: string) => void;
  readonly onKeyDown: (e: KeyboardEvent<HTMLTableCellElement>, day: CalendarDay) => void;
  readonly cellRef: (el: HTMLTableCellElement | null) => void;
}

/** One day. Memoised: a move or a selection re-renders only the days it touches. */
const MonthCell = memo(
  function MonthCell({
    day,
    posts,
    marked,
    active,
    accountsById,
    timeZone,
    selectedId,
    movingId,
    handlers,
    onNewPost,
    onFocusCell,
    onKeyDown,
    cellRef,
  }: MonthCellProps) {
    const t = useStrings();
    const [open, setOpen] = useState(false);
    // A selected or moving post stays in view even when it is past the first few of a busy day.
    const shown = open ? posts : posts.filter((p, i) => i < VISIBLE_PER_DAY || p.id === selectedId || p.id === movingId);
    const dayName = formatDayLong(day.date);
    const minutesById = useMemo(() => {
      const minutes = wallMinutesOf(posts, day.date, timeZone);
      return new Map(posts.map((p, i) => [p.id, minutes[i] ?? 0]));
    }, [posts, day.date, timeZone]);
    const classes = ['day', day.inMonth ? '' : 'day--outside', day.isToday ? 'day--today' : '', day.isPast ? 'day--past' : '']
      .filter(Boolean)
      .join(' ');
    return (
      <td
        className={classes}
        data-date={day.date}
        data-drop-date={day.isPast ? undefined : day.date}
        aria-current={day.isToday ? 'date' : undefined}
        tabIndex={active ? 0 : -1}
        ref={cellRef}
        onFocus={(e) => {
          if (e.target === e.currentTarget) onFocusCell(day.date);
        }}
        onKeyDown={(e) => onKeyDown(e, day)}
        onClick={(e) => {
          const target = e.target as HTMLElement;
          if (!day.isPast && !target.closest('button, a')) onNewPost(day.date);
        }}
      >
        <div className="day__inner">
          <div className="day__head">
            <span className="day__number" aria-hidden="true">
              {day.dayOfMonth}
            </span>
            <span className="sr-only">{t.calendar.dayLabel(dayName, posts.length)}</span>
            {day.isPast ? null : (
              <button
                type="button"
                className="day__add"
                tabIndex={-1}
                aria-label={t.calendar.addOn(dayName)}
                onClick={() => onNewPost(day.date)}
              >
                <Icon name="plus" size={14} />
              </button>
            )}
          </div>
          {marked.length > 0 ? (
            <p className="day__observance" title={marked.join(' · ')}>
              {marked.join(' · ')}
            </p>
          ) : null}
          <ul className="day__posts">
            {shown.map((post) => (
              <li key={post.id}>
                <PostChip
                  post={post}
                  accountsById={accountsById}
                  timeZone={timeZone}
                  selected={post.id === selectedId}
                  moving={post.id === movingId}
                  focusable={active}
                  handlers={handlers}
                  variant="month"
                  minutes={minutesById.get(post.id) ?? null}
                  t={t}
                />
              </li>
            ))}
          </ul>
          {posts.length > VISIBLE_PER_DAY ? (
            <button type="button" className="day__more" aria-expanded={open} tabIndex={active ? 0 : -1} onClick={() => setOpen((o) => !o)}>
              {open ? t.calendar.fewer : t.calendar.more(posts.length - shown.length)}
            </button>
          ) : null}
        </div>
      </td>
    );
  },
  (a, b) =>
    a.day === b.day &&
    a.posts === b.posts &&
    a.marked === b.marked &&
    a.active === b.active &&
    a.accountsById === b.accountsById &&
    a.timeZone === b.timeZone &&
    a.handlers === b.handlers &&
    a.onNewPost === b.onNewPost &&
    a.onFocusCell === b.onFocusCell &&
    a.onKeyDown === b.onKeyDown &&
    a.posts.some((p) => p.id === a.selectedId) === b.posts.some((p) => p.id === b.selectedId) &&
    a.posts.some((p) => p.id === a.movingId) === b.posts.some((p) => p.id === b.movingId) &&
    (!a.posts.some((p) => p.id === a.selectedId) || a.selectedId === b.selectedId) &&
    (!a.posts.some((p) => p.id === a.movingId) || a.movingId === b.movingId),
);
