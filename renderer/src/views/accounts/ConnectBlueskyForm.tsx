// Connects a Bluesky account with its handle and an app password (never the main password), optionally on another server.

import { type FormEvent, useRef, useState } from 'react';
import { invoke } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { AccountNameField, ConnectButton, ConnectExplain, FormError, fieldOrForm, TextField, useFocusFirstError } from './ConnectFormParts';

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

  useFocusFirstError(errors, [...FIELDS, 'form'], refs);

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
      setErrors({ [fieldOrForm(FIELDS, result.error.field)]: messageFor(result.error) });
      return;
    }
    setValues({ name: '', identifier: '', appPassword: '', service: '' });
    notify({ message: t.accounts.connectedToast(result.value.name), tone: 'success' });
  }

  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.accounts.connectBluesky}>
      <ConnectExplain title={t.accounts.appPasswordTitle} text={t.accounts.appPasswordExplain} />
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
        <TextField
          label={t.accounts.handle}
          hint={t.accounts.handleHint}
          error={errors.identifier}
          inputRef={refs.identifier}
          type="text"
          value={values.identifier}
          onChange={set('identifier')}
          placeholder="alice.bsky.social"
          autoComplete="username"
          disabled={busy}
        />
        <TextField
          label={t.accounts.appPassword}
          hint={t.accounts.appPasswordHint}
          error={errors.appPassword}
          inputRef={refs.appPassword}
          type="password"
          value={values.appPassword}
          onChange={set('appPassword')}
          placeholder="xxxx-xxxx-xxxx-xxxx"
          disabled={busy}
        />
        <TextField
          label={t.accounts.service}
          hint={t.accounts.serviceHint}
          error={errors.service}
          inputRef={refs.service}
          type="url"
          value={values.service}
          onChange={set('service')}
          placeholder="https://bsky.social"
          disabled={busy}
        />
      </div>
      <div className="form-actions">
        <ConnectButton busy={busy} />
      </div>
    </form>
  );
}
