// Posting slots per account for "Add to queue": the weekly times (in the account's zone) a queued post may take.

import { type FormEvent, useEffect, useId, useState } from 'react';
import type { AccountSlots } from '../../../../shared/contract/queue';
import { WEEKDAYS, type Weekday } from '../../../../shared/time/recurrence';
import type { WeeklySlot } from '../../../../shared/time/slots';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { formatMinutes, knownTimeZones } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { minutesOfTime } from '../calendar/calendarModel';

export function QueueSlotsEditor() {
  const t = useStrings();
  const app = useAppData();
  const notify = useNotify();
  const id = useId();
  const [accountId, setAccountId] = useState(app.accounts[0]?.id ?? '');
  const [loaded, setLoaded] = useState<AccountSlots | null>(null);
  const [slots, setSlots] = useState<readonly WeeklySlot[]>([]);
  const [zone, setZone] = useState('');
  const [newDay, setNewDay] = useState<Weekday>('mon');
  const [newTime, setNewTime] = useState('09:00');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!app.accounts.some((a) => a.id === accountId)) setAccountId(app.accounts[0]?.id ?? '');
  }, [app.accounts, accountId]);

  useEffect(() => {
    if (!accountId) return;
    let live = true;
    setError(null);
    void invoke('queue.slots.get', { accountId }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setError(messageFor(r.error));
        return;
      }
      setLoaded(r.value);
      setSlots(r.value.slots);
      setZone(r.value.timeZone);
    });
    return () => {
      live = false;
    };
  }, [accountId]);

  const add = () => {
    const time = newTime.trim();
    if (!/^\d{1,2}:\d{2}$/.test(time)) return;
    if (slots.some((s) => s.day === newDay && s.time === time)) return;
    setSlots(sortSlots([...slots, { day: newDay, time }]));
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await invoke('queue.slots.set', {
      accountId,
      timeZone: zone.trim(),
      slots: slots.map((s) => ({ day: s.day, time: s.time })),
    });
    setBusy(false);
    if (!r.ok) {
      setError(messageFor(r.error));
      return;
    }
    setLoaded(r.value);
    setSlots(r.value.slots);
    notify({ message: t.slots.saved, tone: 'success' });
  }

  if (app.accounts.length === 0) {
    return (
      <section className="panel" aria-labelledby={`${id}-title`}>
        <h2 className="section-title" id={`${id}-title`}>
          {t.slots.title}
        </h2>
        <p className="muted">{t.slots.noAccounts}</p>
      </section>
    );
  }

  return (
    <form className="panel slots" aria-labelledby={`${id}-title`} onSubmit={(e) => void save(e)} noValidate>
      <h2 className="section-title" id={`${id}-title`}>
        {t.slots.title}
      </h2>
      <p className="muted">{t.slots.hint}</p>
      <div className="slots__top">
        <Field label={t.slots.account}>
          <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            {app.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({t.accounts.platform[a.platform]})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.slots.zone}>
          <input
            type="text"
            list={`${id}-zones`}
            value={zone}
            onChange={(e) => setZone(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <datalist id={`${id}-zones`}>
          {knownTimeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      {loaded?.isDefault ? <p className="muted">{t.slots.usingDefault}</p> : null}
      <ul className="slots__week" aria-label={t.slots.weekLabel}>
        {WEEKDAYS.map((day) => {
          const times = slots.filter((s) => s.day === day);
          return (
            <li key={day} className="slots__day">
              <span className="slots__day-name">{t.slots.days[day]}</span>
              <span className="slots__times">
                {times.length === 0 ? <span className="muted">{t.slots.none}</span> : null}
                {times.map((s) => (
                  <span key={s.time} className="slot-chip">
                    {formatMinutes(minutesOfTime(s.time))}
                    <button
                      type="button"
                      className="label-chip__remove"
                      aria-label={t.slots.remove(t.slots.days[day], formatMinutes(minutesOfTime(s.time)))}
                      onClick={() => setSlots(slots.filter((x) => !(x.day === day && x.time === s.time)))}
                    >
                      ×
                    </button>
                  </span>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="slots__add">
        <Field label={t.slots.day}>
          <select value={newDay} onChange={(e) => setNewDay(e.target.value as Weekday)}>
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {t.slots.days[d]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.slots.time}>
          <input type="time" value={newTime} onChange={(e) => setNewTime(e.target.value)} />
        </Field>
        <button type="button" className="button" onClick={add}>
          {t.slots.add}
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.settings.saving : t.slots.save}
        </button>
      </div>
    </form>
  );
}

function sortSlots(slots: readonly WeeklySlot[]): WeeklySlot[] {
  return [...slots].sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || minutesOfTime(a.time) - minutesOfTime(b.time));
}
