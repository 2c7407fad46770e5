// The form the setup, sign-in and invitation pages share: fields, one submit button, the server's refusal in words.

import { type FormEvent, type ReactNode, useState } from 'react';
import { Field } from '../../components/Field';
import { useStrings } from '../../i18n';
import type { Answer } from '../api';

export interface AccountFormProps {
  readonly fields: readonly ('code' | 'email' | 'name' | 'password')[];
  readonly submitLabel: string;
  readonly initial?: Partial<Record<'code' | 'email' | 'name' | 'password', string>>;
  readonly onSubmit: (values: Record<'code' | 'email' | 'name' | 'password', string>) => Promise<Answer<unknown>>;
  readonly onDone: () => void;
  readonly children?: ReactNode;
}

export function AccountForm({ fields, submitLabel, initial, onSubmit, onDone, children }: AccountFormProps) {
  const t = useStrings().team;
  const [values, setValues] = useState({ code: '', email: '', name: '', password: '', ...initial });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await onSubmit(values);
    setBusy(false);
    if (r.ok) onDone();
    else setError(r.error.message);
  };
  return (
    <form className="ws-form" onSubmit={(e) => void submit(e)}>
      {children}
      {fields.includes('code') ? (
        <Field label={t.setup.code} hint={t.setup.codeHint}>
          <input type="text" value={values.code} onChange={set('code')} autoComplete="off" spellCheck={false} required />
        </Field>
      ) : null}
      {fields.includes('name') ? (
        <Field label={t.name} hint={t.nameHint}>
          <input type="text" value={values.name} onChange={set('name')} autoComplete="name" required />
        </Field>
      ) : null}
      {fields.includes('email') ? (
        <Field label={t.email}>
          <input type="email" value={values.email} onChange={set('email')} autoComplete="email" required />
        </Field>
      ) : null}
      {fields.includes('password') ? (
        <Field label={t.password} hint={fields.includes('name') ? t.passwordHint : null}>
          <input
            type="password"
            value={values.password}
            onChange={set('password')}
            autoComplete={fields.includes('name') ? 'new-password' : 'current-password'}
            minLength={fields.includes('name') ? 10 : undefined}
            required
          />
        </Field>
      ) : null}
      {error ? (
        <p className="callout callout--danger" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--block" disabled={busy}>
        {busy ? t.working : submitLabel}
      </button>
    </form>
  );
}
