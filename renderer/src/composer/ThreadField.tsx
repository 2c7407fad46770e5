// The thread builder: the parts after the first, each with its own counters, and a button that splits a long text into parts.

import { useId } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import { measureText } from '../../../shared/platforms/rules';
import { Icon } from '../components/Icon';
import { useStrings } from '../i18n';
import { type ComposerForm, splitIntoParts } from './composerModel';

export interface ThreadFieldProps {
  readonly form: ComposerForm;
  readonly onChange: (patch: Partial<ComposerForm>) => void;
  readonly accounts: readonly AccountWithRule[];
  readonly disabled: boolean;
  readonly error: string | null;
}

/** Whether the first part is too long for any chosen account, so splitting would help. */
export function needsSplitting(form: ComposerForm, accounts: readonly AccountWithRule[]): boolean {
  return accounts.some((a) => form.overrides[a.id] === undefined && !measureText(form.text, a.lengthRule).fits);
}

export function ThreadField({ form, onChange, accounts, disabled, error }: ThreadFieldProps) {
  const t = useStrings();
  const errorId = useId();
  const setPart = (i: number, value: string) => onChange({ parts: form.parts.map((p, k) => (k === i ? value : p)) });
  const removePart = (i: number) =>
    onChange({
      parts: form.parts.filter((_, k) => k !== i),
      // Images of the removed part go with the part before it; those after it move up one.
      media: form.media.map((m) =>
        m.partIndex > i + 1 ? { ...m, partIndex: m.partIndex - 1 } : m.partIndex === i + 1 ? { ...m, partIndex: i } : m,
      ),
    });
  const split = () => {
    const all = [form.text, ...form.parts].join('\n\n');
    const [first = '', ...rest] = splitIntoParts(
      all,
      accounts.map((a) => a.lengthRule),
    );
    onChange({ text: first, parts: rest });
  };
  const canSplit = accounts.length > 0 && needsSplitting(form, accounts);

  return (
    <div className="thread" aria-describedby={error ? errorId : undefined}>
      {form.parts.length > 0 ? <p className="thread__note muted">{t.thread.intro(form.parts.length + 1)}</p> : null}
      <ol className="thread__parts" start={2}>
        {form.parts.map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a part is its position in the thread.
          <li key={i} className="thread__part">
            <PartEditor
              index={i}
              value={part}
              accounts={accounts}
              disabled={disabled}
              onChange={(v) => setPart(i, v)}
              onRemove={() => removePart(i)}
            />
          </li>
        ))}
      </ol>
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      <div className="thread__actions">
        <button type="button" className="button button--small" disabled={disabled} onClick={() => onChange({ parts: [...form.parts, ''] })}>
          <Icon name="thread" size={14} />
          {t.thread.addPart}
        </button>
        {canSplit ? (
          <button type="button" className="button button--small" disabled={disabled} onClick={split}>
            {t.thread.split}
          </button>
        ) : null}
      </div>
    </div>
  );
}

interface PartEditorProps {
  readonly index: number;
  readonly value: string;
  readonly accounts: readonly AccountWithRule[];
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
  readonly onRemove: () => void;
}

function PartEditor({ index, value, accounts, disabled, onChange, onRemove }: PartEditorProps) {
  const t = useStrings();
  const id = useId();
  const counts = accounts.map((a) => ({ account: a, m: measureText(value, a.lengthRule) }));
  const over = counts.filter((c) => !c.m.fits);
  return (
    <div className="field">
      <div className="thread__part-head">
        <label className="field__label" htmlFor={id}>
          {t.thread.part(index + 2)}
        </label>
        <button type="button" className="button button--small button--ghost" onClick={onRemove} disabled={disabled}>
          {t.thread.removePart(index + 2)}
        </button>
      </div>
      <textarea
        id={id}
        value={value}
        rows={3}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={over.length > 0 ? true : undefined}
        aria-describedby={`${id}-count`}
      />
      <p className={`thread__count${over.length > 0 ? ' is-over' : ''}`} id={`${id}-count`}>
        {counts.length === 0
          ? t.thread.noAccounts
          : counts.map((c) => t.thread.count(c.account.name, c.m.length, c.m.maxLength)).join(' · ')}
      </p>
      {over.map((c) => (
        <p key={c.account.id} className="meter__warning">
          {t.composer.overflow(c.m, `${c.account.name}, ${t.thread.part(index + 2).toLowerCase()}`)}
        </p>
      ))}
    </div>
  );
}
