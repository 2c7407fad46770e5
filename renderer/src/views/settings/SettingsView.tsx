// The Settings view: time zone, grace window, theme and language, posting slots, and what this installation runs on.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { SettingKey } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { Banner } from '../../components/Banner';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { ConversationSettingsForm } from '../../features/conversation/ConversationSettingsForm';
import { WorkspaceSection } from '../../features/workspace/WorkspaceSection';
import { deviceTimeZone, knownTimeZones } from '../../format/dates';
import { useStrings, wordProblems } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { QueueSlotsEditor } from './QueueSlotsEditor';

type EditableKey = Extract<SettingKey, 'timeZone' | 'graceMinutes' | 'theme' | 'locale'>;
const EDITABLE: readonly EditableKey[] = ['timeZone', 'graceMinutes', 'theme', 'locale'];
const THEMES = ['system', 'light', 'dark'] as const;
const LOCALES = ['system', 'en', 'it'] as const;

export function SettingsView() {
  const t = useStrings();
  const app = useAppData();
  const notify = useNotify();
  const saved = app.settings;
  const [draft, setDraft] = useState<Record<EditableKey, string>>({
    timeZone: saved.timeZone,
    graceMinutes: saved.graceMinutes,
    theme: saved.theme,
    locale: saved.locale || 'system',
  });
  const [errors, setErrors] = useState<Partial<Record<EditableKey, string>>>({});
  const [busy, setBusy] = useState(false);
  const zoneRef = useRef<HTMLInputElement>(null);
  const graceRef = useRef<HTMLInputElement>(null);
  const device = deviceTimeZone();

  // Someone else (another window, the CLI) changed a setting: take it in unless the user is editing that field.
  const previous = useRef(saved);
  useEffect(() => {
    const before = previous.current;
    previous.current = saved;
    setDraft((d) => {
      const next = { ...d };
      for (const key of EDITABLE) if (d[key] === before[key]) next[key] = saved[key];
      return next;
    });
  }, [saved]);

  useEffect(() => {
    if (errors.timeZone) zoneRef.current?.focus();
    else if (errors.graceMinutes) graceRef.current?.focus();
  }, [errors]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const changed = EDITABLE.filter((key) => draft[key].trim() !== saved[key]);
    if (changed.length === 0) {
      notify({ message: t.settings.noChanges });
      return;
    }
    setBusy(true);
    setErrors({});
    const failures: Partial<Record<EditableKey, string>> = {};
    for (const key of changed) {
      const result = await invoke('settings.set', { key, value: draft[key].trim() });
      if (!result.ok) failures[key] = messageFor(result.error);
    }
    setBusy(false);
    setErrors(failures);
    if (Object.keys(failures).length === 0) notify({ message: t.settings.saved, tone: 'success' });
  }

  const secret = app.info.secretStorage;
  return (
    <div className="view view--narrow">
      <header className="view__header">
        <h1 className="view__title">{t.settings.title}</h1>
      </header>
      {secret.warning ? (
        <Banner tone="warning" title={t.banners.secretStorageTitle}>
          <p>{wordProblems(secret.warningProblems, secret.warning, t)}</p>
        </Banner>
      ) : null}

      <form className="panel settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <h2 className="section-title">{t.settings.scheduling}</h2>
        <Field label={t.settings.timeZone} hint={t.settings.timeZoneHint} error={errors.timeZone ?? null}>
          <input
            ref={zoneRef}
            type="text"
            list="settings-time-zones"
            value={draft.timeZone}
            onChange={(e) => setDraft((d) => ({ ...d, timeZone: e.target.value }))}
            autoComplete="off"
            spellCheck={false}
            disabled={busy}
          />
        </Field>
        <datalist id="settings-time-zones">
          {knownTimeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {draft.timeZone !== device ? (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setDraft((d) => ({ ...d, timeZone: device }))}
          >
            {t.settings.matchDevice(device)}
          </button>
        ) : null}
        <Field label={t.settings.graceMinutes} hint={t.settings.graceHint} error={errors.graceMinutes ?? null}>
          <input
            ref={graceRef}
            type="number"
            inputMode="numeric"
            min={0}
            max={9999}
            value={draft.graceMinutes}
            onChange={(e) => setDraft((d) => ({ ...d, graceMinutes: e.target.value }))}
            disabled={busy}
          />
        </Field>

        <h2 className="section-title section-title--spaced">{t.settings.appearance}</h2>
        <fieldset className="radio-group" disabled={busy}>
          <legend className="field__label">{t.settings.theme}</legend>
          {THEMES.map((theme) => (
            <label key={theme} className="radio">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={draft.theme === theme}
                onChange={() => setDraft((d) => ({ ...d, theme }))}
              />
              {theme === 'system' ? t.settings.themeSystem : theme === 'light' ? t.settings.themeLight : t.settings.themeDark}
            </label>
          ))}
          {errors.theme ? (
            <p className="field__error" role="alert">
              {errors.theme}
            </p>
          ) : null}
        </fieldset>

        <Field label={t.settings.language} hint={t.settings.languageHint} error={errors.locale ?? null}>
          <select value={draft.locale} onChange={(e) => setDraft((d) => ({ ...d, locale: e.target.value }))} disabled={busy}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t.settings.languages[l]}
              </option>
            ))}
          </select>
        </Field>

        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t.settings.saving : t.settings.save}
          </button>
        </div>
      </form>

      <WorkspaceSection />

      <QueueSlotsEditor />

      <ConversationSettingsForm />

      <section className="panel" aria-labelledby="settings-about">
        <h2 className="section-title" id="settings-about">
          {t.settings.about}
        </h2>
        <dl className="facts">
          <dt>{t.settings.version}</dt>
          <dd>{app.info.version}</dd>
          <dt>{t.settings.shell}</dt>
          <dd>{t.settings.shellNames[app.info.shell]}</dd>
          <dt>{t.settings.dataDir}</dt>
          <dd>
            <code>{app.info.dataDir}</code>
          </dd>
          <dt>{t.settings.secretStorage}</dt>
          <dd>{secret.encrypted ? t.settings.encrypted(secret.backend) : t.settings.notEncrypted(secret.backend)}</dd>
        </dl>
      </section>
    </div>
  );
}
