// A small month in the sidebar for jumping to any date; the days the calendar shows are highlighted.

import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { formatDayLong, formatMonthTitle, formatWeekday, formatWeekdayNarrow } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useCalendarState } from '../../state/calendarState';
import { addDays, gridDays, monthOf, monthWeeks, shiftMonth } from './calendarModel';

export function MiniMonth({ today }: { readonly today: string }) {
  const t = useStrings();
  const cal = useCalendarState();
  const [month, setMonth] = useState(() => monthOf(cal.anchor));
  const [focusDate, setFocusDate] = useState(cal.anchor);
  const table = useRef<HTMLTableElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    setMonth(monthOf(cal.anchor));
    setFocusDate(cal.anchor);
  }, [cal.anchor]);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    table.current?.querySelector<HTMLButtonElement>(`[data-mini-date="${focusDate}"]`)?.focus();
  }, [focusDate]);

  // One day is in the tab order; arrow keys move between days (and months), as in the big grid.
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, date: string) => {
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    const delta = step[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    const next = addDays(date, delta);
    moved.current = true;
    setFocusDate(next);
    setMonth(monthOf(next));
  };
  const weeks = monthWeeks(month, t.weekStartsOn, today);
  const shown =
    cal.layout === 'week' || cal.layout === 'day'
      ? new Set(gridDays(cal.layout, cal.anchor, t.weekStartsOn, today).map((d) => d.date))
      : cal.layout === 'month'
        ? new Set(monthWeeks(monthOf(cal.anchor), t.weekStartsOn, today).flatMap((w) => w.filter((d) => d.inMonth).map((d) => d.date)))
        : new Set<string>();
  const title = formatMonthTitle(month.year, month.month);
  const days = weeks.flat();
  const tabbable = days.some((d) => d.date === focusDate) ? focusDate : (days.find((d) => d.inMonth)?.date ?? '');

  return (
    <section className="mini-month" aria-label={t.calendar.jumpTo}>
      <div className="mini-month__head">
        <span className="mini-month__title" aria-live="polite">
          {title}
        </span>
        <button
          type="button"
          className="icon-button icon-button--small"
          onClick={() => setMonth((m) => shiftMonth(m, -1))}
          aria-label={t.calendar.miniPrevious}
        >
          <Icon name="chevronLeft" size={14} />
        </button>
        <button
          type="button"
          className="icon-button icon-button--small"
          onClick={() => setMonth((m) => shiftMonth(m, 1))}
          aria-label={t.calendar.miniNext}
        >
          <Icon name="chevronRight" size={14} />
        </button>
      </div>
      <table className="mini-month__table" ref={table}>
        <thead>
          <tr>
            {(weeks[0] ?? []).map((d) => (
              <th key={d.date} scope="col" abbr={formatWeekday(d.date, true)}>
                {formatWeekdayNarrow(d.date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.date}>
              {week.map((d) => (
                <td key={d.date}>
                  <button
                    type="button"
                    className={`mini-day${d.inMonth ? '' : ' mini-day--outside'}${d.isToday ? ' mini-day--today' : ''}${shown.has(d.date) ? ' mini-day--shown' : ''}`}
                    data-mini-date={d.date}
                    aria-label={formatDayLong(d.date)}
                    aria-current={d.isToday ? 'date' : undefined}
                    tabIndex={d.date === tabbable ? 0 : -1}
                    onKeyDown={(e) => onKey(e, d.date)}
                    onClick={() => cal.goTo(d.date)}
                  >
                    {d.dayOfMonth}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
