// Connects a Bluesky account with its handle and an app password (never the main password), optionally on another server.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { AccountNameField, ConnectButton, FormError } from './ConnectFormParts';

type BlueskyField = 'name' | 'identifier' | 'appPassword' | 'service' | 'form';
const FIELDS: readonly BlueskyField[] = ['name', 'identifier', 'appPassword', 'service'];

export function ConnectBlueskyForm() {
  const t = useStrings();
  const notify = useNotify();
  const [values, setValues] = useState({ name: '', identifier: '', appPassword: '', service: '' });
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<BlueskyField, string>>>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    identifier: useRef<HTMLInputElement>(null),
    appPassword: useRef<HTMLInputElement>(null),
    service: useRef<HTMLInputElement>(null),
    form: useRef<HTMLParagraphElement>(null),
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are stable; only new errors move focus.
  useEffect(() => {
    const first = [...FIELDS, 'form' as const].find((f) => errors[f]);
    if (first) refs[first].current?.focus();
  }, [errors]);

  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    const service = values.service.trim();
    const result = await invoke('accounts.connect', {
      platform: 'bluesky',
      name: values.name,
      identifier: values.identifier.trim().replace(/^@/, ''),
      appPassword: values.appPassword,
      ...(service ? { service } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      const field = FIELDS.find((f) => f === result.error.field) ?? 'form';
      setErrors({ [field]: messageFor(result.error) });
      return;
    }
    setValues({ name: '', identifier: '', appPassword: '', service: '' });
    notify({ message: t.accounts.connectedToast(result.value.name), tone: 'success' });
  }

  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.accounts.connectBluesky}>
      <div className="callout callout--info connect-form__explain">
        <p>
          <strong>{t.accounts.appPasswordTitle}</strong> {t.accounts.appPasswordExplain}
        </p>
      </div>
      <FormError message={errors.form} errorRef={refs.form} />
      <div className="connect-form__grid">
        <AccountNameField
          inputRef={refs.name}
          value={values.name}
          onChange={set('name')}
          placeholder={t.accounts.blueskyNamePlaceholder}
          error={errors.name}
          disabled={busy}
        />
        <Field label={t.accounts.handle} hint={t.accounts.handleHint} error={errors.identifier ?? null}>
          <input
            ref={refs.identifier}
            type="text"
            value={values.identifier}
            onChange={set('identifier')}
            placeholder="alice.bsky.social"
            autoComplete="username"
            spellCheck={false}
            disabled={busy}
          />
        </Field>
        <Field label={t.accounts.appPassword} hint={t.accounts.appPasswordHint} error={errors.appPassword ?? null}>
          <input
            ref={refs.appPassword}
            type="password"
            value={values.appPassword}
            onChange={set('appPassword')}
            placeholder="xxxx-xxxx-xxxx-xxxx"
            autoComplete="off"
            spellCheck={false}
            disabled={busy}
          />
        </Field>
        <Field label={t.accounts.service} hint={t.accounts.serviceHint} error={errors.service ?? null}>
          <input
            ref={refs.service}
            type="url"
            value={values.service}
            onChange={set('service')}
            placeholder="https://bsky.social"
            autoComplete="off"
            spellCheck={false}
            disabled={busy}
          />
        </Field>
      </div>
      <div className="form-actions">
        <ConnectButton busy={busy} />
      </div>
    </form>
  );
}
