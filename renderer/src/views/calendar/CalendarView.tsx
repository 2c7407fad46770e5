// The Calendar view: a month of posts in the settings time zone, with Today and month navigation.

import { useMemo, useState } from 'react';
import { invoke } from '../../api/client';
import { useLiveQuery, useNow } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { messageFor } from '../../composer/composerModel';
import { formatMonthTitle } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useComposer } from '../../state/composer';
import { hrefOf } from '../../state/route';
import { type MonthRef, monthOf, monthWeeks, postsByDay, rangeOfDays, shiftMonth, todayIn } from './calendarModel';
import { MonthGrid } from './MonthGrid';

export function CalendarView() {
  const t = useStrings();
  const app = useAppData();
  const composer = useComposer();
  const now = useNow();
  const zone = app.timeZone;
  const today = todayIn(zone, now);
  const [month, setMonth] = useState<MonthRef>(() => monthOf(today));

  const weeks = useMemo(() => monthWeeks(month, t.weekStartsOn, today), [month, t.weekStartsOn, today]);
  const range = useMemo(() => rangeOfDays(weeks.flat(), zone), [weeks, zone]);
  const posts = useLiveQuery(
    `${range.from}-${range.to}`,
    () => invoke('posts.list', { from: range.from, to: range.to }),
    (e) => e.type === 'posts.changed',
  );
  const byDay = useMemo(() => postsByDay(posts.data ?? [], zone), [posts.data, zone]);
  const title = formatMonthTitle(month.year, month.month);
  const monthPrefix = `${month.year}-${String(month.month).padStart(2, '0')}`;
  const inMonthCount = [...byDay].filter(([day]) => day.startsWith(monthPrefix)).reduce((n, [, list]) => n + list.length, 0);
  const isCurrentMonth = monthPrefix === today.slice(0, 7);

  return (
    <div className="view view--calendar">
      <header className="view__header">
        <div className="calendar-nav">
          <h1 className="sr-only">{t.calendar.title}</h1>
          <h2 className="view__title" id="calendar-title" aria-live="polite">
            {title}
          </h2>
          <div className="button-group">
            <button
              type="button"
              className="icon-button"
              onClick={() => setMonth((m) => shiftMonth(m, -1))}
              aria-label={t.calendar.previousMonth}
            >
              <Icon name="chevronLeft" />
            </button>
            <button
              type="button"
              className={`button button--small${isCurrentMonth ? ' button--current' : ''}`}
              onClick={() => setMonth(monthOf(today))}
            >
              {t.calendar.today}
            </button>
            <button
              type="button"
              className="icon-button"
              onClick={() => setMonth((m) => shiftMonth(m, 1))}
              aria-label={t.calendar.nextMonth}
            >
              <Icon name="chevronRight" />
            </button>
          </div>
        </div>
        <p className="view__meta">{t.calendar.timesIn(zone)}</p>
      </header>

      {app.accounts.length === 0 ? (
        <EmptyState
          title={t.empty.noAccounts}
          hint={t.empty.noAccountsHint}
          action={
            <a className="button button--primary" href={hrefOf('accounts')}>
              {t.empty.connectAccount}
            </a>
          }
        />
      ) : null}

      {posts.status === 'error' ? (
        <p className="callout callout--danger" role="alert">
          {t.errors.loadFailed} {messageFor(posts.error)}{' '}
          <button type="button" className="button button--small" onClick={posts.reload}>
            {t.actions.retry}
          </button>
        </p>
      ) : null}
      {posts.status === 'ready' && inMonthCount === 0 ? (
        <p className="calendar-empty" role="status">
          <strong>{t.calendar.nothingThisMonth}</strong> <span className="muted">{t.calendar.nothingThisMonthHint}</span>
        </p>
      ) : null}

      <MonthGrid
        label={t.calendar.gridLabel(title)}
        weeks={weeks}
        postsByDay={byDay}
        accountsById={app.accountsById}
        timeZone={zone}
        onOpenPost={composer.openPost}
        onNewPost={composer.openNew}
        onNavigateTo={(date) => setMonth(monthOf(date))}
      />
    </div>
  );
}
