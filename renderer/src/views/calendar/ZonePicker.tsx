// The calendar's zone switcher: show the calendar in the settings zone, this computer's, or any other, without changing a post.

import { type FormEvent, useId, useRef, useState } from 'react';
import { isValidTimeZone } from '../../../../shared/time/wallTime';
import { Icon } from '../../components/Icon';
import { deviceTimeZone, knownTimeZones } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useCalendarState } from '../../state/calendarState';

export function ZonePicker() {
  const t = useStrings();
  const app = useAppData();
  const cal = useCalendarState();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  const inputId = useId();
  const listId = useId();
  const errorId = useId();
  const device = deviceTimeZone();

  const choose = (zone: string) => {
    cal.setZone(zone);
    setTyped('');
    setError(null);
    if (details.current) details.current.open = false;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const zone = typed.trim();
    if (!isValidTimeZone(zone)) {
      setError(t.calendar.zoneUnknown(zone));
      return;
    }
    choose(zone);
  };

  const quick = [...new Set([app.timeZone, device, 'UTC'])];
  return (
    <details className="menu zone-picker" ref={details} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="menu__summary">
        <Icon name="globe" size={16} />
        <span>{t.calendar.timesIn(cal.zone)}</span>
        {cal.zoneOverridden ? <span className="pill pill--warn">{t.calendar.notSettingsZone}</span> : null}
      </summary>
      <div className="menu__panel">
        <ul className="menu__list">
          {quick.map((zone) => (
            <li key={zone}>
              <button type="button" className="menu__item" aria-pressed={cal.zone === zone} onClick={() => choose(zone)}>
                <span>{zone}</span>
                <span className="muted">
                  {zone === app.timeZone ? t.calendar.zoneFromSettings : zone === device ? t.calendar.zoneOfDevice : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <form className="menu__form" onSubmit={submit} noValidate>
          <label htmlFor={inputId} className="field__label">
            {t.calendar.otherZone}
          </label>
          <div className="menu__inline">
            <input
              id={inputId}
              type="text"
              list={listId}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder="Europe/Rome"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
            />
            <button type="submit" className="button button--small">
              {t.calendar.showZone}
            </button>
          </div>
          {error ? (
            <p className="field__error" id={errorId} role="alert">
              {error}
            </p>
          ) : null}
          {open ? (
            <datalist id={listId}>
              {knownTimeZones().map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          ) : null}
        </form>
      </div>
    </details>
  );
}
