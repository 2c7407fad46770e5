// Composer fields for a first comment (a reply by the same account some minutes later) and for evergreen re-posting.

import { useId } from 'react';
import type { FirstComment } from '../../../../shared/domain';
import { Field } from '../../components/Field';
import type { ComposerForm } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import './transfer.css';

export interface FollowUpFieldsProps {
  readonly form: ComposerForm;
  readonly onChange: (change: Partial<ComposerForm>) => void;
  readonly disabled: boolean;
}

const DEFAULT_DELAY = 5;

export function FollowUpFields({ form, onChange, disabled }: FollowUpFieldsProps) {
  const t = useStrings();
  const id = useId();
  const other = form.otherOptions;
  const comment = other.firstComment ?? null;
  const setOptions = (next: Partial<typeof other>) => {
    const merged = { ...other, ...next };
    // An option turned off leaves no key behind, so the post's options stay as the backend would write them.
    for (const k of Object.keys(next) as (keyof typeof other)[]) if (next[k] === undefined) delete merged[k];
    onChange({ otherOptions: merged });
  };
  const setComment = (c: FirstComment | undefined) => setOptions({ firstComment: c });

  return (
    <fieldset className="composer__followups" disabled={disabled} aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="sr-only">
        {t.firstComment.label}
      </legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={comment !== null}
          onChange={(e) => setComment(e.target.checked ? { text: '', delayMinutes: DEFAULT_DELAY } : undefined)}
        />
        {t.firstComment.toggle}
      </label>
      {comment ? (
        <div className="composer__first-comment">
          <Field label={t.firstComment.label} hint={t.firstComment.hint}>
            <textarea rows={3} value={comment.text} onChange={(e) => setComment({ ...comment, text: e.target.value })} />
          </Field>
          <Field label={t.firstComment.delay}>
            <input
              type="number"
              min={0}
              max={10080}
              value={comment.delayMinutes}
              onChange={(e) => setComment({ ...comment, delayMinutes: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
            />
          </Field>
        </div>
      ) : null}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={other.evergreen === true}
          onChange={(e) => setOptions(e.target.checked ? { evergreen: true } : { evergreen: undefined, evergreenVariants: undefined })}
        />
        {t.evergreen.toggle}
      </label>
      {other.evergreen ? (
        <Field label={t.evergreen.variants} hint={`${t.evergreen.hint} ${t.evergreen.variantsHint}`}>
          <textarea
            rows={3}
            value={(other.evergreenVariants ?? []).join('\n')}
            onChange={(e) => {
              const lines = e.target.value.split('\n');
              setOptions({ evergreenVariants: lines.some((l) => l.trim() !== '') ? lines : undefined });
            }}
          />
        </Field>
      ) : null}
    </fieldset>
  );
}
