// The calendar's header: the period shown, Today and previous/next, the layout, the zone, the filters and the panel toggle.

import { Icon } from '../../components/Icon';
import { useStrings } from '../../i18n';
import { useCalendarState } from '../../state/calendarState';
import { CALENDAR_LAYOUTS } from './calendarModel';
import { FilterBar } from './FilterBar';
import { ZonePicker } from './ZonePicker';

export interface CalendarToolbarProps {
  readonly title: string;
  readonly today: string;
  readonly onGoToDate: () => void;
  /** Labels on the posts in view, offered as filters. */
  readonly labels: readonly string[];
}

export function CalendarToolbar({ title, today, onGoToDate, labels }: CalendarToolbarProps) {
  const t = useStrings();
  const cal = useCalendarState();
  const { layout } = cal;
  const showingToday =
    layout === 'month' ? cal.anchor.slice(0, 7) === today.slice(0, 7) : layout === 'list' ? cal.anchor <= today : cal.anchor === today;
  return (
    <header className="calendar-toolbar">
      <div className="calendar-toolbar__row">
        <div className="calendar-nav">
          <h1 className="sr-only">{t.calendar.title}</h1>
          <h2 className="view__title" id="calendar-title" aria-live="polite">
            {title}
          </h2>
          <div className="button-group">
            <button type="button" className="icon-button" onClick={() => cal.step(-1)} aria-label={t.calendar.previous[layout]}>
              <Icon name="chevronLeft" />
            </button>
            <button type="button" className={`button button--small${showingToday ? ' button--current' : ''}`} onClick={cal.goToday}>
              {t.calendar.today}
            </button>
            <button type="button" className="icon-button" onClick={() => cal.step(1)} aria-label={t.calendar.next[layout]}>
              <Icon name="chevronRight" />
            </button>
            <button type="button" className="button button--small button--ghost" onClick={onGoToDate} aria-keyshortcuts="g">
              {t.calendar.goToDate}
            </button>
          </div>
        </div>
        <div className="calendar-toolbar__end">
          <fieldset className="segmented" aria-label={t.calendar.layoutLabel}>
            {CALENDAR_LAYOUTS.map((l) => (
              <button
                key={l}
                type="button"
                className="segmented__button"
                aria-pressed={layout === l}
                aria-keyshortcuts={t.shortcuts.layoutKeys[l]}
                onClick={() => cal.setLayout(l)}
              >
                {t.calendar.layouts[l]}
              </button>
            ))}
          </fieldset>
          <button
            type="button"
            className="button button--small"
            aria-pressed={cal.conversationOpen}
            onClick={() => cal.setConversationOpen(!cal.conversationOpen)}
          >
            <Icon name="panel" size={16} />
            {t.calendar.conversationToggle}
          </button>
        </div>
      </div>
      <div className="calendar-toolbar__row calendar-toolbar__row--tools">
        <ZonePicker />
        <FilterBar labels={labels} />
      </div>
    </header>
  );
}
