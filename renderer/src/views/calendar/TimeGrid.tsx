// The week and day layouts: a column per day over 24 hours, posts at their minute, empty slots that create a post when clicked.
// Only the hours in view (and an hour around them) have their posts drawn in full; the others are one text node each.

import { type KeyboardEvent, memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PostSummary } from '../../../../shared/domain';
import { wallTimeOf } from '../../../../shared/time/wallTime';
import { formatDayLong, formatDayNumber, formatHour, formatMinutes, formatWeekday, showsZone, zoneAbbreviation } from '../../format/dates';
import { useStrings } from '../../i18n';
import { addDays, type CalendarDay, minutesOfTime, startOfDayIn, timeOfMinutes } from './calendarModel';
import type { ChipHandlers } from './PostChip';
import { TimeGridChip } from './TimeGridChip';
import {
  CLICK_STEP_MINUTES,
  charsThatFit,
  chipWidth,
  type DrawnMinutes,
  drawnMinutes,
  HOUR_PX,
  isDrawn,
  layoutColumn,
  MINUTE_PX,
  minutesAtOffset,
  wallMinutesOf,
} from './timeGridModel';

export interface TimeGridProps {
  readonly label: string;
  readonly days: readonly CalendarDay[];
  readonly postsByDay: ReadonlyMap<string, readonly PostSummary[]>;
  readonly observances: ReadonlyMap<string, readonly string[]>;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly now: number;
  readonly selectedId: string | null;
  readonly movingId: string | null;
  readonly activeDate: string;
  readonly onActiveDate: (date: string) => void;
  readonly handlers: ChipHandlers;
  /** Creates a post at a wall time of the shown zone. */
  readonly onNewPostAt: (date: string, time: string) => void;
  /** "+N more" in a crowded week: show that day on its own. */
  readonly onShowDay: (date: string) => void;
  readonly onNavigateTo: (date: string) => void;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const EMPTY: readonly PostSummary[] = [];
/**
 * Overlapping posts side by side in the week: two, then "+N" for the rest (a week column is ~150 px, so a third
 * would show neither the time nor a word). The day view, seven times as wide, takes eight.
 */
const WEEK_COLUMNS = 2;
/** The width a "+N" takes at the right of a crowded run (calendar.css .timegrid__more and .is-crowded). */
const MORE_PX = 34;
/** The width of the hours column (calendar.css .timegrid__corner). */
const HOURS_COLUMN_PX = 64;

/** The frame's size before it is measured: what calendar.css gives it in a window this size. */
function guessedFrame(): { readonly height: number; readonly width: number } {
  return { height: Math.max(360, window.innerHeight - 230), width: window.innerWidth - 260 };
}

/** The hours drawn for a range: those in view, and with the margin once the person has reached for the grid. */
interface DrawnState {
  readonly range: string;
  readonly inView: DrawnMinutes;
  readonly minutes: DrawnMinutes;
  readonly reached: boolean;
}

function drawnState(range: string, scrollTop: number, height: number, reached: boolean): DrawnState {
  return { range, inView: drawnMinutes(scrollTop, height, 0), minutes: drawnMinutes(scrollTop, height), reached };
}

function sameDrawn(a: DrawnState, b: DrawnState): boolean {
  return (
    a.reached === b.reached &&
    a.inView.from === b.inView.from &&
    a.inView.to === b.inView.to &&
    a.minutes.from === b.minutes.from &&
    a.minutes.to === b.minutes.to
  );
}

export function TimeGrid(props: TimeGridProps) {
  const t = useStrings();
  const { days, timeZone, now, activeDate, onActiveDate, onNewPostAt, onNavigateTo } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = useRef(new Map<string, HTMLTableCellElement>());
  const [cursor, setCursor] = useState(9 * 60);
  const moved = useRef(false);
  const nowWall = wallTimeOf(now, timeZone);
  const active = days.some((d) => d.date === activeDate) ? activeDate : (days.find((d) => d.isToday)?.date ?? days[0]?.date ?? '');
  const single = days.length === 1;

  // Open at the working day (or an hour before now, when today is shown), not at midnight.
  const firstDate = days[0]?.date;
  const range = `${firstDate}|${days.length}`;
  const showsToday = days.some((d) => d.isToday);
  const openAt = (showsToday ? Math.max(0, minutesOfTime(nowWall.time) - 90) : 8 * 60) * MINUTE_PX;
  const [frame, setFrame] = useState(guessedFrame);
  const openedAt = useRef(-1);
  // Which hours have their posts drawn, for this range: a new range opens where it scrolls to, in the same render,
  // with the hours in view only. The hour of margin above and below (so a scroll rarely meets an undrawn hour) is
  // drawn once the person reaches for the grid: the pointer over it, focus in it, a wheel or a scroll. Until then
  // nothing can scroll it, and the first frame of a new week lays out only what is seen.
  const [drawn, setDrawn] = useState<DrawnState>(() => drawnState(range, openAt, frame.height, false));
  let current = drawn;
  if (drawn.range !== range) {
    current = drawnState(range, openAt, frame.height, false);
    setDrawn(current);
  }
  const minutesDrawn = current.reached ? current.minutes : current.inView;
  const updateDrawn = useCallback((el: HTMLElement, height: number, reach = false) => {
    setDrawn((d) => {
      const next = drawnState(d.range, el.scrollTop, height, d.reached || reach);
      return sameDrawn(d, next) ? d : next;
    });
  }, []);
  const reach = () => {
    if (!current.reached && scrollRef.current) updateDrawn(scrollRef.current, frame.height, true);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll once per range, not on every tick of the clock.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    el.scrollTop = openAt;
    openedAt.current = el.scrollTop;
    // Near the end of the day the frame cannot scroll as far as asked: draw where it is.
    if (Math.abs(el.scrollTop - openAt) > 1) updateDrawn(el, frame.height);
  }, [firstDate, single]);

  // The frame's size decides how many hours are in view and how much of each post's text can show.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      setFrame((f) =>
        f.height === el.clientHeight && f.width === el.clientWidth ? f : { height: el.clientHeight, width: el.clientWidth },
      );
      updateDrawn(el, el.clientHeight);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [updateDrawn]);
  const onScroll = () => {
    const el = scrollRef.current;
    // The scroll to the opening hour is ours, not the person's: it draws no margin.
    if (el) updateDrawn(el, frame.height, Math.abs(el.scrollTop - openedAt.current) > 1);
  };
  const columnWidth = (frame.width - HOURS_COLUMN_PX) / Math.max(1, days.length);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a keyboard step (day or time) hands focus back to the active column.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    columns.current.get(active)?.focus();
  }, [active, cursor]);

  const handleKey = (e: KeyboardEvent<HTMLTableCellElement>, day: CalendarDay) => {
    if (e.target !== e.currentTarget) return;
    const dayStep: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1 };
    const minuteStep: Record<string, number> = { ArrowUp: -30, ArrowDown: 30, PageUp: -180, PageDown: 180 };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onNewPostAt(day.date, timeOfMinutes(cursor));
      return;
    }
    const ds = dayStep[e.key];
    const ms = minuteStep[e.key];
    if (ds === undefined && ms === undefined && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    moved.current = true;
    if (ms !== undefined) {
      const next = Math.max(0, Math.min(24 * 60 - 30, cursor + ms));
      setCursor(next);
      if (scrollRef.current) scrollRef.current.scrollTop = Math.max(0, next * MINUTE_PX - 120);
      return;
    }
    if (e.key === 'Home' || e.key === 'End') {
      setCursor(e.key === 'Home' ? 0 : 24 * 60 - 30);
      return;
    }
    const next = addDays(day.date, ds as number);
    onActiveDate(next);
    if (next < (days[0]?.date ?? next) || next > (days.at(-1)?.date ?? next)) onNavigateTo(next);
  };
  const keyRef = useRef(handleKey);
  keyRef.current = handleKey;
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLTableCellElement>, day: CalendarDay) => keyRef.current(e, day), []);
  const registerColumn = useCallback((date: string, el: HTMLTableCellElement | null) => {
    if (el) columns.current.set(date, el);
    else columns.current.delete(date);
  }, []);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the pointer, focus and wheel handlers only notice that the grid is reached for; they do nothing a person uses.
    <div
      className={`timegrid-frame${single ? ' timegrid-frame--day' : ''}`}
      ref={scrollRef}
      onScroll={onScroll}
      onPointerOver={reach}
      onFocus={reach}
      onWheel={reach}
      onTouchStart={reach}
      data-drag-scroll
    >
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table: a column per day, arrow keys move between them. */}
      <table className="timegrid" role="grid" aria-label={props.label} aria-readonly="true">
        <thead>
          <tr>
            <th scope="col" className="timegrid__corner">
              <span className="sr-only">{t.calendar.hours}</span>
              {showsZone(timeZone) && firstDate ? (
                <span className="timegrid__zone" title={timeZone}>
                  {zoneAbbreviation(startOfDayIn(firstDate, timeZone), timeZone)}
                </span>
              ) : null}
            </th>
            {days.map((d) => (
              <th scope="col" key={d.date} className={`timegrid__dayhead${d.isToday ? ' is-today' : ''}`} abbr={formatDayLong(d.date)}>
                <span className="timegrid__weekday">{formatWeekday(d.date)}</span>
                <span className="timegrid__daynum">{formatDayNumber(d.date)}</span>
                {props.observances.get(d.date) ? (
                  <span className="timegrid__observance" title={props.observances.get(d.date)?.join(' · ')}>
                    {props.observances.get(d.date)?.join(' · ')}
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" className="timegrid__hours">
              <span className="sr-only">{t.calendar.hours}</span>
              <span className="timegrid__hours-inner" style={{ height: 24 * HOUR_PX }} aria-hidden="true">
                {HOURS.map((h) => (
                  <span key={h} className="timegrid__hour" style={{ top: h * HOUR_PX }}>
                    {h === 0 ? '' : formatHour(h)}
                  </span>
                ))}
              </span>
            </th>
            {days.map((day) => (
              <DayColumn
                key={day.date}
                day={day}
                posts={props.postsByDay.get(day.date) ?? EMPTY}
                timeZone={timeZone}
                accountsById={props.accountsById}
                selectedId={props.selectedId}
                movingId={props.movingId}
                handlers={props.handlers}
                active={day.date === active}
                cursor={day.date === active ? cursor : null}
                nowMinutes={day.date === nowWall.date ? minutesOfTime(nowWall.time) : null}
                maxColumns={single ? 8 : WEEK_COLUMNS}
                drawn={minutesDrawn}
                columnWidth={columnWidth}
                onNewPostAt={onNewPostAt}
                onShowDay={props.onShowDay}
                onFocusColumn={onActiveDate}
                onKeyDown={onKeyDown}
                registerColumn={registerColumn}
              />
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

interface DayColumnProps {
  readonly day: CalendarDay;
  readonly posts: readonly PostSummary[];
  readonly timeZone: string;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly selectedId: string | null;
  readonly movingId: string | null;
  readonly handlers: ChipHandlers;
  readonly active: boolean;
  readonly cursor: number | null;
  readonly nowMinutes: number | null;
  readonly maxColumns: number;
  /** The hours whose posts are drawn in full; the others are one text node each until they come near. */
  readonly drawn: DrawnMinutes;
  readonly columnWidth: number;
  readonly onNewPostAt: (date: string, time: string) => void;
  readonly onShowDay: (date: string) => void;
  readonly onFocusColumn: (date: string) => void;
  readonly onKeyDown: (e: KeyboardEvent<HTMLTableCellElement>, day: CalendarDay) => void;
  readonly registerColumn: (date: string, el: HTMLTableCellElement | null) => void;
}

const DayColumn = memo(function DayColumn(p: DayColumnProps) {
  const t = useStrings();
  // The selected and the moving post are never behind a "+N": they stay drawn where they are.
  const keep = useMemo(() => new Set([p.selectedId, p.movingId].filter((id): id is string => id !== null)), [p.selectedId, p.movingId]);
  const layout = useMemo(
    () => layoutColumn(p.posts, wallMinutesOf(p.posts, p.day.date, p.timeZone), p.maxColumns, keep),
    [p.posts, p.day.date, p.timeZone, p.maxColumns, keep],
  );
  const dayName = formatDayLong(p.day.date);
  const pastDay = p.day.isPast;
  const near = (minutes: number, id: string) => isDrawn(minutes, p.drawn) || id === p.selectedId || id === p.movingId;
  return (
    <td
      className={`timegrid__col${p.day.isToday ? ' is-today' : ''}${pastDay ? ' is-past' : ''}`}
      data-date={p.day.date}
      tabIndex={p.active ? 0 : -1}
      ref={(el) => p.registerColumn(p.day.date, el)}
      onFocus={(e) => {
        if (e.target === e.currentTarget) p.onFocusColumn(p.day.date);
      }}
      onKeyDown={(e) => p.onKeyDown(e, p.day)}
    >
      {/* The day, and in the focused column the time Enter would create a post at, said as the cursor moves. */}
      <span className="sr-only" aria-live={p.cursor !== null ? 'polite' : undefined}>
        {t.calendar.dayLabel(dayName, p.posts.length)}
        {p.cursor !== null ? `, ${formatMinutes(p.cursor)}` : ''}
      </span>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: clicking an empty time is the pointer shortcut for Enter on the focused cell. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the cell around it handles the keyboard (arrows and Enter). */}
      <div
        className="timegrid__slots"
        style={{ height: 24 * HOUR_PX }}
        data-drop-date={pastDay ? undefined : p.day.date}
        data-drop-kind="time"
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('button, a')) return;
          const minutes = minutesAtOffset(e.clientY - e.currentTarget.getBoundingClientRect().top, CLICK_STEP_MINUTES);
          if (pastDay || (p.nowMinutes !== null && minutes + CLICK_STEP_MINUTES <= p.nowMinutes)) return;
          p.onNewPostAt(p.day.date, timeOfMinutes(minutes));
        }}
      >
        {p.nowMinutes !== null ? <div className="timegrid__now" style={{ top: p.nowMinutes * MINUTE_PX }} aria-hidden="true" /> : null}
        {p.cursor !== null ? (
          <div className="timegrid__cursor" style={{ top: p.cursor * MINUTE_PX, height: 30 * MINUTE_PX }} aria-hidden="true">
            {formatMinutes(p.cursor)}
          </div>
        ) : null}
        {layout.placed.map(({ post, minutes, column, columns, crowded }) => {
          const far = !near(minutes, post.id);
          const width = chipWidth(p.columnWidth, columns, crowded, MORE_PX);
          // Out of the hours drawn, a post is in the page only in the active column, the one Tab walks through.
          return far && !p.active ? null : (
            <TimeGridChip
              key={post.id}
              post={post}
              accountsById={p.accountsById}
              timeZone={p.timeZone}
              selected={post.id === p.selectedId}
              moving={post.id === p.movingId}
              focusable={p.active}
              handlers={p.handlers}
              minutes={minutes}
              column={column}
              columns={columns}
              crowded={crowded}
              textLength={charsThatFit(width + 4)}
              marksWidth={width}
              far={far}
              t={t}
            />
          );
        })}
        {layout.hidden
          .filter((h) => p.active || isDrawn(h.minutes, p.drawn))
          .map((h) => (
            <button
              key={`more-${h.minutes}`}
              type="button"
              className="timegrid__more"
              tabIndex={p.active ? 0 : -1}
              style={{ top: h.minutes * MINUTE_PX }}
              aria-label={t.calendar.moreFrom(h.posts.length, formatMinutes(h.minutes), dayName)}
              onClick={() => p.onShowDay(p.day.date)}
            >
              {t.calendar.moreCount(h.posts.length)}
            </button>
          ))}
      </div>
    </td>
  );
});
