// The conversation panel's settings, in the Settings view: holiday countries, brand names, the pre-flight check, and the user's own awareness days.

import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import type { ErrorInfo, Result } from '../../../../shared/contract';
import type { ConversationSettings, CountryOption, UserAwarenessDay } from '../../../../shared/contract/conversation';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { messageFor } from '../../composer/composerModel';
import { type Dictionary, useLanguage, useStrings } from '../../i18n';
import './conversation.css';

type SettingsStrings = Dictionary['conversation']['settings'];

/** How a user's awareness day repeats, with month and weekday names in the UI's language. */
function ruleText(day: UserAwarenessDay, t: SettingsStrings, language: string): string {
  const r = day.rule;
  const month = new Date(Date.UTC(2000, r.month - 1, 1)).toLocaleString(language, { month: 'long', timeZone: 'UTC' });
  if (r.kind === 'fixed') return t.ruleFixed(r.day, month);
  if (r.kind === 'month') return t.ruleMonth(month);
  // 2000-01-02 was a Sunday, so weekday 0 (Sunday) to 6 (Saturday) land on the right names.
  const weekday = new Date(Date.UTC(2000, 0, 2 + r.weekday)).toLocaleString(language, { weekday: 'long', timeZone: 'UTC' });
  return t.ruleNth(r.nth, weekday, month);
}

export function ConversationSettingsForm() {
  const t = useStrings().conversation.settings;
  const titleId = useId();
  const settings = useLiveQuery(
    'conversation-settings',
    () => invoke('conversation.settings.get', {}),
    (e) => e.type === 'settings.changed',
  );
  const countries = useLiveQuery(
    'conversation-countries',
    () => invoke('conversation.countries', {}),
    () => false,
  );
  const days = useLiveQuery(
    'conversation-days',
    () => invoke('conversation.awareness.list', {}),
    (e) => e.type === 'settings.changed',
  );
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const run = useCallback(async (p: Promise<Result<unknown>>, done?: string) => {
    const r = await p;
    setError(r.ok ? null : r.error);
    setNote(r.ok && done ? done : null);
    return r.ok;
  }, []);

  if (!settings.data) return null;
  const names = new Map((countries.data ?? []).map((c) => [c.code, c.name]));
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {t.title}
      </h2>
      {error ? <p className="callout callout--danger">{messageFor(error)}</p> : null}
      {note ? (
        <p className="muted" role="status">
          {note}
        </p>
      ) : null}
      <CountriesField
        chosen={settings.data.countries}
        options={countries.data ?? []}
        names={names}
        onChange={(list) => void run(invoke('conversation.settings.set', { countries: list }))}
      />
      <SettingsFields settings={settings.data} onSave={(change) => run(invoke('conversation.settings.set', change), t.saved)} />
      <AwarenessDays
        days={days.data ?? []}
        onAdd={(name, month, day) => run(invoke('conversation.awareness.add', { name, rule: { kind: 'fixed', month, day } }))}
        onRemove={(id) => void run(invoke('conversation.awareness.remove', { id }))}
      />
    </section>
  );
}

function CountriesField(props: {
  readonly chosen: readonly string[];
  readonly options: readonly CountryOption[];
  readonly names: ReadonlyMap<string, string>;
  readonly onChange: (list: string[]) => void;
}) {
  const t = useStrings().conversation.settings;
  const [pick, setPick] = useState('');
  return (
    <fieldset className="field">
      <legend className="field__label">{t.countries}</legend>
      <p className="field__hint">{t.countriesHint}</p>
      <ul className="conv-watchlist">
        {props.chosen.map((code) => (
          <li key={code} className="conv-watch">
            <span className="pill">{props.names.get(code) ?? code}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={t.removeCountry(props.names.get(code) ?? code)}
              onClick={() => props.onChange(props.chosen.filter((c) => c !== code))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="conv-watch-form">
        <select className="input" aria-label={t.addCountry} value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
          <option value="" />
          {props.options
            .filter((o) => !props.chosen.includes(o.code))
            .map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
        </select>
        <button
          type="button"
          className="button button--small"
          disabled={pick === ''}
          onClick={() => {
            props.onChange([...props.chosen, pick]);
            setPick('');
          }}
        >
          {t.addCountry}
        </button>
      </div>
    </fieldset>
  );
}

function SettingsFields({
  settings,
  onSave,
}: {
  readonly settings: ConversationSettings;
  readonly onSave: (change: Partial<ConversationSettings>) => Promise<boolean>;
}) {
  const t = useStrings().conversation.settings;
  const brandsId = useId();
  const minutesId = useId();
  const [brands, setBrands] = useState(settings.brandNames.join(', '));
  const [enabled, setEnabled] = useState(settings.preflightEnabled);
  const [minutes, setMinutes] = useState(String(settings.preflightMinutes));
  useEffect(() => {
    setBrands(settings.brandNames.join(', '));
    setEnabled(settings.preflightEnabled);
    setMinutes(String(settings.preflightMinutes));
  }, [settings]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const brandNames = brands
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== '');
    void onSave({ brandNames, preflightEnabled: enabled, preflightMinutes: Number(minutes) });
  };
  return (
    <form onSubmit={submit}>
      <div className="field">
        <label className="field__label" htmlFor={brandsId}>
          {t.brandNames}
        </label>
        <input id={brandsId} className="input" value={brands} onChange={(e) => setBrands(e.currentTarget.value)} />
        <p className="field__hint">{t.brandHint}</p>
      </div>
      <div className="field">
        <label className="conv-check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          {t.preflight}
        </label>
        <p className="field__hint">{t.preflightHint}</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={minutesId}>
          {t.minutes}
        </label>
        <input
          id={minutesId}
          className="input"
          type="number"
          min={1}
          max={1440}
          value={minutes}
          disabled={!enabled}
          onChange={(e) => setMinutes(e.currentTarget.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary button--small">
          {t.save}
        </button>
      </div>
    </form>
  );
}

function AwarenessDays(props: {
  readonly days: readonly UserAwarenessDay[];
  readonly onAdd: (name: string, month: number, day: number) => Promise<boolean>;
  readonly onRemove: (id: string) => void;
}) {
  const t = useStrings().conversation.settings;
  const language = useLanguage();
  const [name, setName] = useState('');
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const m = /^(\d{1,2})-(\d{1,2})$/.exec(date.trim());
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 12 || Number(m[2]) < 1 || Number(m[2]) > 31) {
      setProblem(t.badDate);
      return;
    }
    setProblem(null);
    if (await props.onAdd(name.trim(), Number(m[1]), Number(m[2]))) {
      setName('');
      setDate('');
    }
  };
  return (
    <fieldset className="field">
      <legend className="field__label">{t.days}</legend>
      {props.days.length === 0 ? <p className="field__hint">{t.noDays}</p> : null}
      <ul className="conv-list">
        {props.days.map((d) => (
          <li key={d.id} className="conv-observance">
            <span className="conv-observance__name">{d.name}</span>
            <span className="muted">{ruleText(d, t, language)}</span>
            <button type="button" className="icon-button" aria-label={t.removeDay(d.name)} onClick={() => props.onRemove(d.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="conv-watch-form" onSubmit={submit}>
        <input
          className="input"
          aria-label={t.dayName}
          placeholder={t.dayName}
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <input
          className="input"
          aria-label={t.dayDate}
          aria-invalid={problem !== null}
          placeholder="MM-DD"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        <button type="submit" className="button button--small" disabled={name.trim() === ''}>
          {t.addDay}
        </button>
      </form>
      {problem ? <p className="field__error">{problem}</p> : null}
    </fieldset>
  );
}
