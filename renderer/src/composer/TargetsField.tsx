// Where the post goes: the accounts to pick, each with its own version of the text if wanted, and what its network objects to.

import { type Ref, useId } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import { NetworkIcon, swatchOf } from '../components/Swatches';
import { useStrings } from '../i18n';
import { hrefOf } from '../state/route';
import type { ComposerForm } from './composerModel';
import type { LengthCheck } from './LengthMeter';

export interface TargetsFieldProps {
  readonly form: ComposerForm;
  readonly onChange: (patch: Partial<ComposerForm>) => void;
  readonly accounts: readonly AccountWithRule[];
  readonly checks: readonly LengthCheck[];
  /** What the backend's validation says about each account, beyond length (shown live by the counters). */
  readonly problems: ReadonlyMap<string, readonly string[]>;
  readonly error: string | null;
  readonly disabled: boolean;
  readonly fieldsetRef: Ref<HTMLFieldSetElement>;
}

export function TargetsField({ form, onChange, accounts, checks, problems, error, disabled, fieldsetRef }: TargetsFieldProps) {
  const t = useStrings();
  const errorId = useId();
  const selected = new Set(form.accountIds);
  const toggle = (id: string, on: boolean) =>
    onChange({ accountIds: on ? [...form.accountIds, id] : form.accountIds.filter((x) => x !== id) });
  const setOverride = (id: string, value: string | null) => {
    const next = { ...form.overrides };
    if (value === null) delete next[id];
    else next[id] = value;
    onChange({ overrides: next });
  };

  return (
    <fieldset
      className="composer__accounts"
      ref={fieldsetRef}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
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
              <span className={`mark swatch-${swatchOf(a.id)}`} aria-hidden="true">
                <NetworkIcon platform={a.platform} size={11} />
              </span>
              <span className="chip-check__name">{a.name}</span>
              <span className="chip-check__platform">{t.accounts.platform[a.platform]}</span>
            </label>
          ))}
        </div>
      )}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      {form.accountIds.length > 0 ? (
        <ul className="target-list">
          {form.accountIds.map((id) => {
            const account = accounts.find((a) => a.id === id);
            if (!account) return null;
            const own = form.overrides[id];
            const check = checks.find((c) => c.account.id === id);
            const issues = problems.get(id) ?? [];
            return (
              <TargetRow
                key={id}
                account={account}
                own={own}
                check={check}
                issues={issues}
                disabled={disabled}
                onOwn={(value) => setOverride(id, value)}
                sharedText={form.text}
              />
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}

interface TargetRowProps {
  readonly account: AccountWithRule;
  readonly own: string | undefined;
  readonly check: LengthCheck | undefined;
  readonly issues: readonly string[];
  readonly disabled: boolean;
  readonly sharedText: string;
  readonly onOwn: (value: string | null) => void;
}

function TargetRow({ account, own, check, issues, disabled, sharedText, onOwn }: TargetRowProps) {
  const t = useStrings();
  const areaId = useId();
  const issuesId = useId();
  const hasOwn = own !== undefined;
  return (
    <li className={`target-row${issues.length > 0 || check?.overflow ? ' target-row--problem' : ''}`} data-account={account.name}>
      <div className="target-row__head">
        <span className="target-row__name">
          <span className={`mark swatch-${swatchOf(account.id)}`} aria-hidden="true">
            <NetworkIcon platform={account.platform} size={11} />
          </span>
          {account.name}
        </span>
        {check ? (
          <span className={`target-row__count${check.overflow ? ' is-over' : ''}`}>
            {check.length.toLocaleString()} / {check.maxLength.toLocaleString()}
          </span>
        ) : null}
        <button
          type="button"
          className="button button--small button--ghost"
          aria-expanded={hasOwn}
          aria-controls={hasOwn ? areaId : undefined}
          disabled={disabled}
          onClick={() => onOwn(hasOwn ? null : sharedText)}
        >
          {hasOwn ? t.composer.useShared : t.composer.writeOwn(account.name)}
        </button>
      </div>
      {hasOwn ? (
        <div className="field">
          <label className="field__label" htmlFor={areaId}>
            {t.composer.versionFor(account.name)}
          </label>
          <textarea
            id={areaId}
            value={own}
            rows={3}
            disabled={disabled}
            onChange={(e) => onOwn(e.target.value)}
            aria-invalid={check?.overflow ? true : undefined}
            aria-describedby={issues.length > 0 ? issuesId : undefined}
          />
        </div>
      ) : null}
      {issues.length > 0 ? (
        <ul className="target-row__issues" id={issuesId}>
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
