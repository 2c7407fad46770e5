// The days beside the Drafts & ideas board that a card can be dropped on, with how busy each already is.

import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { formatDayNumber, formatDayShort, formatRange, formatWeekday } from '../../format/dates';
import { useStrings } from '../../i18n';
import { postsByDay, startOfDayIn } from '../calendar/calendarModel';

/** Drop targets speak the calendar's language (data-drop-date), so dragToMove needs nothing new to find them. */
export function DropDays({ days, timeZone }: { readonly days: readonly string[]; readonly timeZone: string }) {
  const t = useStrings();
  const b = t.draftsBoard;
  const first = days[0] ?? '';
  const last = days.at(-1) ?? first;
  const busy = useLiveQuery(
    `drop-days-${timeZone}-${first}-${last}`,
    () => invoke('posts.summaries', { from: startOfDayIn(first, timeZone), to: startOfDayIn(last, timeZone) + 36 * 3_600_000 }),
    (e) => e.type === 'posts.changed',
  );
  const byDay = postsByDay(busy.data ?? [], timeZone, days);
  return (
    <section className="drop-days" aria-labelledby="drop-days-title">
      <h2 className="section-title" id="drop-days-title">
        {b.dropTitle}
      </h2>
      <p className="drop-days__hint muted">{b.dropHint}</p>
      <p className="drop-days__zone muted">
        {formatRange(first, last)} · {b.zone(timeZone)}
      </p>
      <ol className="drop-days__grid" aria-labelledby="drop-days-title">
        {days.map((date) => {
          const count = byDay.get(date)?.length ?? 0;
          return (
            <li key={date} className="drop-day" data-drop-date={date}>
              <span className="sr-only">{b.dropDay(formatDayShort(date), count)}</span>
              <span className="drop-day__weekday" aria-hidden="true">
                {formatWeekday(date)}
              </span>
              <span className="drop-day__number" aria-hidden="true">
                {formatDayNumber(date)}
              </span>
              <span className="drop-day__count" aria-hidden="true">
                {count > 0 ? `•${count}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
