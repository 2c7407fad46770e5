// The composer's inputs: text with live counters, the accounts to post to, and when (date, time, zone).

import type { Ref } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import { Field } from '../components/Field';
import { knownTimeZones } from '../format/dates';
import { useStrings } from '../i18n';
import { hrefOf } from '../state/route';
import type { ComposerForm, FieldErrors } from './composerModel';
import { type LengthCheck, LengthMeter } from './LengthMeter';

export interface FieldRefs {
  readonly text: Ref<HTMLTextAreaElement>;
  readonly accounts: Ref<HTMLFieldSetElement>;
  readonly date: Ref<HTMLInputElement>;
  readonly timeZone: Ref<HTMLInputElement>;
}

export interface ComposerFieldsProps {
  readonly form: ComposerForm;
  readonly onChange: (patch: Partial<ComposerForm>) => void;
  readonly accounts: readonly AccountWithRule[];
  readonly checks: readonly LengthCheck[];
  readonly errors: FieldErrors;
  readonly disabled: boolean;
  readonly refs: FieldRefs;
}

const ZONE_LIST_ID = 'composer-time-zones';

export function ComposerFields({ form, onChange, accounts, checks, errors, disabled, refs }: ComposerFieldsProps) {
  const t = useStrings();
  const selected = new Set(form.accountIds);
  const toggle = (id: string, on: boolean) =>
    onChange({ accountIds: on ? [...form.accountIds, id] : form.accountIds.filter((x) => x !== id) });

  return (
    <div className="composer">
      <Field label={t.composer.text} error={errors.text ?? null} className="composer__text">
        <textarea
          ref={refs.text}
          value={form.text}
          onChange={(e) => onChange({ text: e.target.value })}
          placeholder={t.composer.textPlaceholder}
          rows={7}
          disabled={disabled}
          spellCheck
        />
      </Field>
      <LengthMeter checks={checks} />

      <fieldset className="composer__accounts" ref={refs.accounts} aria-invalid={errors.accountIds ? true : undefined}>
        <legend className="field__label">{t.composer.accounts}</legend>
        {accounts.length === 0 ? (
          <p className="muted">
            {t.composer.noAccounts} <a href={hrefOf('accounts')}>{t.empty.connectAccount}</a>
          </p>
        ) : (
          <div className="chips">
            {accounts.map((a) => (
              <label key={a.id} className={`chip-check${selected.has(a.id) ? ' chip-check--on' : ''}`}>
                <input type="checkbox" checked={selected.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} disabled={disabled} />
                <span className="chip-check__name">{a.name}</span>
                <span className="chip-check__platform">{t.accounts.platform[a.platform]}</span>
              </label>
            ))}
          </div>
        )}
        {errors.accountIds ? (
          <p className="field__error" role="alert">
            {errors.accountIds}
          </p>
        ) : null}
      </fieldset>

      <div className="composer__when">
        <Field label={t.composer.date} error={errors.when ?? null}>
          <input ref={refs.date} type="date" value={form.date} onChange={(e) => onChange({ date: e.target.value })} disabled={disabled} />
        </Field>
        <Field label={t.composer.time}>
          <input type="time" value={form.time} onChange={(e) => onChange({ time: e.target.value })} disabled={disabled} />
        </Field>
        <Field label={t.composer.timeZone} error={errors.timeZone ?? null} className="composer__zone">
          <input
            ref={refs.timeZone}
            type="text"
            list={ZONE_LIST_ID}
            value={form.timeZone}
            onChange={(e) => onChange({ timeZone: e.target.value })}
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
          />
        </Field>
        <datalist id={ZONE_LIST_ID}>
          {knownTimeZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
    </div>
  );
}
