// The workspace's approval rules on its home page: every member reads which posts wait for approval; the owner and
// admins add, change and remove rules here instead of calling the routes by hand. The server checks the role again.

import { type FormEvent, useId, useMemo, useState } from 'react';
import type { AccountWithRule } from '../../../shared/contract';
import { Field } from '../components/Field';
import { useStrings } from '../i18n';
import { contractApi, rulesApi, type WorkspaceChange } from './api';
import { accountChoice, describeRule, labelsInUse, orderRules, ruleFor, scopeOfForm } from './rulesModel';
import type { ApprovalRule } from './types';
import { useWorkspaceQuery } from './useWorkspace';

export interface ApprovalRulesProps {
  /** Whether this person may set rules (approvalRules.set: the owner and admins); the others read them. */
  readonly canSet: boolean;
}

// The list reloads when anyone changes a rule, from any page or script (the server's rules.changed signal), and at
// once after a change made here. Accounts are read once: a rule names an account by id, and its name is only words.
const rulesChanged = (c: WorkspaceChange) => c.type === 'rules.changed';
const never = () => false;

export function ApprovalRules({ canSet }: ApprovalRulesProps) {
  const t = useStrings().team.rules;
  const id = useId();
  const rules = useWorkspaceQuery('approval-rules', () => rulesApi.list(), rulesChanged);
  const accounts = useWorkspaceQuery('accounts', () => contractApi.accounts(), never);
  const names = useMemo(() => new Map((accounts.data ?? []).map((a) => [a.id, a.name])), [accounts.data]);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const listed = orderRules(rules.data ?? [], names);

  const remove = async (rule: ApprovalRule) => {
    setError(null);
    setRemoving(rule.id);
    const r = await rulesApi.remove(rule.scope);
    setRemoving(null);
    if (!r.ok) setError(r.error.message);
    rules.reload();
  };

  return (
    <section className="ws-panel ws-rules" aria-labelledby={`${id}-title`} data-testid="approval-rules">
      <h2 id={`${id}-title`} className="section-title">
        {t.title}
      </h2>
      <p className="muted">{t.intro}</p>
      {canSet ? null : <p className="muted">{t.readOnly}</p>}
      {rules.error ? (
        <p className="callout callout--danger" role="alert">
          {rules.error}
        </p>
      ) : null}
      {error ? (
        <p className="callout callout--danger" role="alert">
          {error}
        </p>
      ) : null}
      {rules.data === undefined ? (
        rules.error ? null : (
          <p className="muted">{t.loading}</p>
        )
      ) : listed.length === 0 ? (
        <p data-testid="no-rules">{t.none}</p>
      ) : (
        <ul className="ws-rules__list" aria-label={t.title}>
          {listed.map((rule) => {
            const sentence = describeRule(rule, names, t);
            return (
              <li key={rule.id} className="ws-rules__rule">
                <span>{sentence}</span>
                {canSet ? (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={t.removeRule(sentence)}
                    disabled={removing === rule.id}
                    onClick={() => void remove(rule)}
                  >
                    {t.remove}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canSet ? (
        <RuleForm
          rules={rules.data ?? []}
          accounts={accounts.data ?? []}
          accountsError={accounts.error}
          names={names}
          onSaved={rules.reload}
        />
      ) : null}
    </section>
  );
}

interface RuleFormProps {
  readonly rules: readonly ApprovalRule[];
  readonly accounts: readonly AccountWithRule[];
  readonly accountsError: string | null;
  readonly names: ReadonlyMap<string, string>;
  readonly onSaved: () => void;
}

function RuleForm({ rules, accounts, accountsError, names, onSaved }: RuleFormProps) {
  const t = useStrings().team.rules;
  const id = useId();
  const posts = useWorkspaceQuery('rule-labels', () => contractApi.postSummaries(), never);
  const labels = useMemo(() => labelsInUse(posts.data ?? []), [posts.data]);
  const [kind, setKind] = useState<'account' | 'label'>('account');
  const [accountId, setAccountId] = useState('');
  const [label, setLabel] = useState('');
  const [needed, setNeeded] = useState<1 | 2>(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scope = scopeOfForm({ kind, accountId, label });
  const existing = ruleFor(rules, scope);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!scope) {
      setError(t.scopeMissing);
      return;
    }
    setBusy(true);
    const r = await rulesApi.set(scope, needed);
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setAccountId('');
    setLabel('');
    onSaved();
  };

  return (
    <form className="ws-rules__form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-add`}>
      <h3 id={`${id}-add`} className="section-title">
        {t.add}
      </h3>
      <fieldset className="field radio-group--row">
        <legend className="field__label">{t.which}</legend>
        {(['account', 'label'] as const).map((k) => (
          <label key={k} className="check">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {k === 'account' ? t.byAccount : t.byLabel}
          </label>
        ))}
      </fieldset>
      {kind === 'account' ? (
        <Field label={t.accountField} hint={accounts.length === 0 && !accountsError ? t.noAccounts : null} error={accountsError}>
          <select value={accountId} onChange={(e) => setAccountId(e.target.value)} disabled={accounts.length === 0}>
            <option value="">{t.chooseAccount}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {accountChoice(a)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <Field label={t.labelField} hint={t.labelHint}>
          <input type="text" value={label} onChange={(e) => setLabel(e.target.value)} list={`${id}-labels`} maxLength={60} />
        </Field>
      )}
      {kind === 'label' ? (
        // Labels come from the posts and can be missing (a new label), so they are offered, not imposed.
        <datalist id={`${id}-labels`}>
          {labels.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      ) : null}
      <Field label={t.approvals}>
        <select value={needed} onChange={(e) => setNeeded(e.target.value === '2' ? 2 : 1)}>
          <option value={1}>{t.one}</option>
          <option value={2}>{t.two}</option>
        </select>
      </Field>
      {existing ? (
        <p className="muted" data-testid="rule-replaces">
          {t.replaces(describeRule(existing, names, t))}
        </p>
      ) : null}
      {error ? (
        <p className="callout callout--danger" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {existing ? t.update : t.save}
        </button>
      </div>
    </form>
  );
}
