// The form that connects a Discord channel webhook; the backend checks the URL and reports problems inline.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { AccountNameField, ConnectButton, FormError } from './ConnectFormParts';

type ConnectField = 'name' | 'webhookUrl' | 'form';

export function ConnectDiscordForm() {
  const t = useStrings();
  const notify = useNotify();
  const [name, setName] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<ConnectField, string>>>({});
  const nameRef = useRef<HTMLInputElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const formErrorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const target = errors.name ? nameRef.current : errors.webhookUrl ? urlRef.current : errors.form ? formErrorRef.current : null;
    target?.focus();
  }, [errors]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    const result = await invoke('accounts.connect', { platform: 'discord', name, webhookUrl });
    setBusy(false);
    if (!result.ok) {
      const field: ConnectField = result.error.field === 'name' || result.error.field === 'webhookUrl' ? result.error.field : 'form';
      setErrors({ [field]: messageFor(result.error) });
      return;
    }
    setName('');
    setWebhookUrl('');
    notify({ message: t.accounts.connectedToast(result.value.name), tone: 'success' });
  }

  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.accounts.connectDiscord}>
      <p className="muted">{t.accounts.connectDiscordHint}</p>
      <FormError message={errors.form} errorRef={formErrorRef} />
      <div className="connect-form__fields">
        <AccountNameField
          inputRef={nameRef}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t.accounts.namePlaceholder}
          error={errors.name}
          disabled={busy}
        />
        <Field label={t.accounts.webhookUrl} error={errors.webhookUrl ?? null} className="connect-form__url">
          <input
            ref={urlRef}
            type="url"
            value={webhookUrl}
            onChange={(e) => setWebhookUrl(e.target.value)}
            placeholder={t.accounts.webhookPlaceholder}
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
