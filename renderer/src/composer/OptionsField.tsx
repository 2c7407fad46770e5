// The post's options: content warning, language, visibility, the link card, and labels with their colours.

import { type KeyboardEvent, useId, useState } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import { VISIBILITIES } from '../../../shared/domain';
import { LabelDot } from '../components/Swatches';
import { useStrings } from '../i18n';
import type { ComposerForm } from './composerModel';

export interface OptionsFieldProps {
  readonly form: ComposerForm;
  readonly onChange: (patch: Partial<ComposerForm>) => void;
  readonly selectedAccounts: readonly AccountWithRule[];
  /** Labels used before, offered as suggestions. */
  readonly knownLabels: readonly string[];
  readonly disabled: boolean;
  readonly errors: { readonly options?: string | undefined; readonly labels?: string | undefined };
}

const LANGUAGE_CHOICES = ['en', 'it', 'es', 'fr', 'de', 'pt', 'nl', 'ja'] as const;

export function OptionsField({ form, onChange, selectedAccounts, knownLabels, disabled, errors }: OptionsFieldProps) {
  const t = useStrings();
  const id = useId();
  const [labelDraft, setLabelDraft] = useState('');
  const hasMastodon = selectedAccounts.some((a) => a.platform === 'mastodon');

  const addLabel = () => {
    const label = labelDraft.trim().replace(/,$/, '');
    if (label === '' || form.labels.includes(label) || form.labels.length >= 20) return;
    onChange({ labels: [...form.labels, label.slice(0, 60)] });
    setLabelDraft('');
  };
  const onLabelKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      addLabel();
    } else if (e.key === 'Backspace' && labelDraft === '' && form.labels.length > 0) {
      onChange({ labels: form.labels.slice(0, -1) });
    }
  };

  return (
    <section className="options" aria-labelledby={`${id}-title`}>
      <h3 className="section-title" id={`${id}-title`}>
        {t.options.title}
      </h3>
      <div className="options__grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-cw`}>
            {t.options.contentWarning}
          </label>
          <input
            id={`${id}-cw`}
            type="text"
            value={form.contentWarning}
            maxLength={1000}
            disabled={disabled}
            placeholder={t.options.contentWarningPlaceholder}
            onChange={(e) => onChange({ contentWarning: e.target.value })}
            aria-describedby={`${id}-cw-hint`}
          />
          <p className="field__hint" id={`${id}-cw-hint`}>
            {t.options.contentWarningHint}
          </p>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-lang`}>
            {t.options.language}
          </label>
          <select id={`${id}-lang`} value={form.language} disabled={disabled} onChange={(e) => onChange({ language: e.target.value })}>
            <option value="">{t.options.languageAuto}</option>
            {[...new Set([...LANGUAGE_CHOICES, ...(form.language ? [form.language] : [])])].map((code) => (
              <option key={code} value={code}>
                {t.options.languageName(code)}
              </option>
            ))}
          </select>
        </div>
        {hasMastodon ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-vis`}>
              {t.options.visibility}
            </label>
            <select
              id={`${id}-vis`}
              value={form.visibility}
              disabled={disabled}
              onChange={(e) => onChange({ visibility: e.target.value as ComposerForm['visibility'] })}
            >
              <option value="">{t.options.visibilityDefault}</option>
              {VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {t.options.visibilities[v]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <label className="check options__check">
          <input
            type="checkbox"
            checked={form.noLinkCard}
            disabled={disabled}
            onChange={(e) => onChange({ noLinkCard: e.target.checked })}
          />
          {t.options.noLinkCard}
        </label>
        {selectedAccounts.some((a) => a.platform === 'telegram') ? (
          <label className="check options__check">
            <input
              type="checkbox"
              checked={form.otherOptions.silent === true}
              disabled={disabled}
              onChange={(e) => {
                const { silent: _silent, ...rest } = form.otherOptions;
                onChange({ otherOptions: e.target.checked ? { ...rest, silent: true } : rest });
              }}
            />
            {t.telegram.silentPost}
          </label>
        ) : null}
      </div>
      {errors.options ? (
        <p className="field__error" role="alert">
          {errors.options}
        </p>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-labels`}>
          {t.options.labels}
        </label>
        <div className="label-input">
          {form.labels.map((l) => (
            <span key={l} className="label-chip">
              <LabelDot label={l} />
              {l}
              <button
                type="button"
                className="label-chip__remove"
                aria-label={t.options.removeLabel(l)}
                disabled={disabled}
                onClick={() => onChange({ labels: form.labels.filter((x) => x !== l) })}
              >
                ×
              </button>
            </span>
          ))}
          <input
            id={`${id}-labels`}
            type="text"
            list={`${id}-label-list`}
            value={labelDraft}
            disabled={disabled}
            placeholder={form.labels.length === 0 ? t.options.labelsPlaceholder : ''}
            onChange={(e) => setLabelDraft(e.target.value)}
            onKeyDown={onLabelKey}
            onBlur={addLabel}
            aria-describedby={`${id}-labels-hint`}
            aria-invalid={errors.labels ? true : undefined}
          />
          <datalist id={`${id}-label-list`}>
            {knownLabels
              .filter((l) => !form.labels.includes(l))
              .map((l) => (
                <option key={l} value={l} />
              ))}
          </datalist>
        </div>
        <p className="field__hint" id={`${id}-labels-hint`}>
          {t.options.labelsHint}
        </p>
        {errors.labels ? (
          <p className="field__error" role="alert">
            {errors.labels}
          </p>
        ) : null}
      </div>
    </section>
  );
}
