// The month grid: a table with the grid role, a row per week and a cell per day, each day listing its posts; arrow keys move between days.

import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PostView } from '../../../../shared/domain';
import { Icon } from '../../components/Icon';
import { ATTENTION_STATUSES, StatusBadge } from '../../components/StatusBadge';
import { excerpt } from '../../composer/composerModel';
import { formatDayLong, formatTime, formatWeekday } from '../../format/dates';
import { useStrings } from '../../i18n';
import { addDays, type CalendarDay } from './calendarModel';

const VISIBLE_PER_DAY = 3;

export interface MonthGridProps {
  readonly label: string;
  readonly weeks: readonly (readonly CalendarDay[])[];
  readonly postsByDay: ReadonlyMap<string, readonly PostView[]>;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly onOpenPost: (postId: string) => void;
  readonly onNewPost: (date: string) => void;
  /** Keyboard navigation reached a day outside the grid: show the month holding it. */
  readonly onNavigateTo: (date: string) => void;
}

export function MonthGrid({ label, weeks, postsByDay, accountsById, timeZone, onOpenPost, onNewPost, onNavigateTo }: MonthGridProps) {
  const t = useStrings();
  const days = weeks.flat();
  const initial = days.find((d) => d.isToday)?.date ?? days.find((d) => d.inMonth)?.date ?? days[0]?.date ?? '';
  const [active, setActive] = useState(initial);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const moved = useRef(false);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const activeDate = days.some((d) => d.date === active) ? active : initial;

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    cells.current.get(activeDate)?.focus();
  }, [activeDate]);

  function onKeyDown(e: KeyboardEvent<HTMLTableCellElement>, day: CalendarDay) {
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
    setActive(next);
    if (next < first || next > last) onNavigateTo(next);
  }

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
              {week.map((day) => {
                const posts = postsByDay.get(day.date) ?? [];
                const open = expanded.has(day.date);
                const shown = open ? posts : posts.slice(0, VISIBLE_PER_DAY);
                const dayName = formatDayLong(day.date);
                const classes = ['day', day.inMonth ? '' : 'day--outside', day.isToday ? 'day--today' : '', day.isPast ? 'day--past' : '']
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td
                    key={day.date}
                    className={classes}
                    data-date={day.date}
                    aria-current={day.isToday ? 'date' : undefined}
                    tabIndex={day.date === activeDate ? 0 : -1}
                    ref={(el) => {
                      if (el) cells.current.set(day.date, el);
                      else cells.current.delete(day.date);
                    }}
                    onFocus={(e) => {
                      if (e.target === e.currentTarget) setActive(day.date);
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
                      <ul className="day__posts">
                        {shown.map((post) => (
                          <li key={post.id}>
                            <PostChip post={post} accountsById={accountsById} timeZone={timeZone} onOpen={onOpenPost} />
                          </li>
                        ))}
                      </ul>
                      {posts.length > VISIBLE_PER_DAY ? (
                        <button
                          type="button"
                          className="day__more"
                          aria-expanded={open}
                          onClick={() =>
                            setExpanded((set) => {
                              const next = new Set(set);
                              if (open) next.delete(day.date);
                              else next.add(day.date);
                              return next;
                            })
                          }
                        >
                          {open ? t.calendar.fewer : t.calendar.more(posts.length - VISIBLE_PER_DAY)}
                        </button>
                      ) : null}
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface PostChipProps {
  readonly post: PostView;
  readonly accountsById: ReadonlyMap<string, AccountWithRule>;
  readonly timeZone: string;
  readonly onOpen: (postId: string) => void;
}

/** One post in a day: time, status, where it goes and how it starts. */
export function PostChip({ post, accountsById, timeZone, onOpen }: PostChipProps) {
  const t = useStrings();
  const time = post.scheduledAt === null ? '' : formatTime(post.scheduledAt, timeZone);
  const names = post.targets.map((x) => accountsById.get(x.accountId)?.name ?? t.composer.removedAccount).join(', ');
  const accounts = names || t.calendar.noAccountsOnPost;
  const text = excerpt(post.text, 60);
  const attention = ATTENTION_STATUSES.has(post.status);
  return (
    <button
      type="button"
      className={`post-chip post-chip--${post.status}${attention ? ' post-chip--attention' : ''}`}
      data-post-id={post.id}
      data-status={post.status}
      onClick={() => onOpen(post.id)}
    >
      <span className="post-chip__top">
        <span className="post-chip__time">{time}</span>
        <StatusBadge status={post.status} />
      </span>
      <span className="post-chip__text">{text}</span>
      <span className="post-chip__accounts">{accounts}</span>
    </button>
  );
}
