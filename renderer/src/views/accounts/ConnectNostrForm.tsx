// Connects a Nostr account: a new key, an imported nsec, or a remote signer (NIP-46), the relays, and a media server.

import { type FormEvent, useRef, useState } from 'react';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { AccountNameField, ConnectButton, ConnectExplain, FormError, fieldOrForm, TextField, useFocusFirstError } from './ConnectFormParts';

type NostrField = 'name' | 'nsec' | 'bunkerUrl' | 'relays' | 'minRelayOks' | 'mediaServer' | 'form';
const FIELDS: readonly NostrField[] = ['name', 'nsec', 'bunkerUrl', 'relays', 'minRelayOks', 'mediaServer'];
type KeyChoice = 'new' | 'nsec' | 'bunker';
const EMPTY = { name: '', nsec: '', bunkerUrl: '', relays: '', minRelayOks: '', mediaServer: '' };

export function ConnectNostrForm() {
  const t = useStrings();
  const notify = useNotify();
  const [key, setKey] = useState<KeyChoice>('new');
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<NostrField, string>>>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    nsec: useRef<HTMLInputElement>(null),
    bunkerUrl: useRef<HTMLInputElement>(null),
    relays: useRef<HTMLTextAreaElement>(null),
    minRelayOks: useRef<HTMLInputElement>(null),
    mediaServer: useRef<HTMLInputElement>(null),
    form: useRef<HTMLParagraphElement>(null),
  };

  useFocusFirstError(errors, [...FIELDS, 'form'], refs);

  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const min = values.minRelayOks.trim();
    if (min !== '' && !/^\d{1,2}$/.test(min)) {
      setErrors({ minRelayOks: t.nostr.minRelayOksHint });
      return;
    }
    setBusy(true);
    setErrors({});
    const result = await invoke('accounts.connect', {
      platform: 'nostr',
      name: values.name,
      key,
      ...(key === 'nsec' ? { nsec: values.nsec } : {}),
      ...(key === 'bunker' ? { bunkerUrl: values.bunkerUrl } : {}),
      relays: values.relays,
      ...(min !== '' ? { minRelayOks: Number(min) } : {}),
      ...(values.mediaServer.trim() !== '' ? { mediaServer: values.mediaServer.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors({ [fieldOrForm(FIELDS, result.error.field)]: messageFor(result.error) });
      return;
    }
    setValues(EMPTY);
    notify({ message: t.accounts.connectedToast(result.value.name), tone: 'success' });
  }

  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.nostr.connect}>
      <ConnectExplain title={t.nostr.explainTitle} text={t.nostr.explain} />
      <FormError message={errors.form} errorRef={refs.form} />
      <div className="connect-form__grid">
        <AccountNameField
          inputRef={refs.name}
          value={values.name}
          onChange={set('name')}
          placeholder={t.nostr.namePlaceholder}
          error={errors.name}
          disabled={busy}
        />
        <fieldset className="field">
          <legend className="field__label">{t.nostr.keyChoice}</legend>
          {(['new', 'nsec', 'bunker'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="nostr-key" value={k} checked={key === k} onChange={() => setKey(k)} disabled={busy} />
              {t.nostr.keys[k]}
            </label>
          ))}
        </fieldset>
        {key === 'nsec' ? (
          <TextField
            label={t.nostr.nsec}
            hint={t.nostr.nsecHint}
            error={errors.nsec}
            inputRef={refs.nsec}
            type="password"
            value={values.nsec}
            onChange={set('nsec')}
            placeholder="nsec1…"
            disabled={busy}
          />
        ) : null}
        {key === 'bunker' ? (
          <TextField
            label={t.nostr.bunkerUrl}
            hint={t.nostr.bunkerUrlHint}
            error={errors.bunkerUrl}
            inputRef={refs.bunkerUrl}
            type="text"
            value={values.bunkerUrl}
            onChange={set('bunkerUrl')}
            placeholder="bunker://…"
            disabled={busy}
          />
        ) : null}
        <Field label={t.nostr.relays} hint={t.nostr.relaysHint} error={errors.relays ?? null}>
          <textarea
            ref={refs.relays}
            rows={3}
            value={values.relays}
            onChange={set('relays')}
            placeholder={'wss://relay.damus.io\nwss://nos.lol'}
            spellCheck={false}
            disabled={busy}
          />
        </Field>
        <Field label={t.nostr.minRelayOks} hint={t.nostr.minRelayOksHint} error={errors.minRelayOks ?? null}>
          <input
            ref={refs.minRelayOks}
            type="text"
            inputMode="numeric"
            value={values.minRelayOks}
            onChange={set('minRelayOks')}
            autoComplete="off"
            disabled={busy}
          />
        </Field>
        <TextField
          label={t.nostr.mediaServer}
          hint={t.nostr.mediaServerHint}
          error={errors.mediaServer}
          inputRef={refs.mediaServer}
          type="url"
          value={values.mediaServer}
          onChange={set('mediaServer')}
          placeholder="https://blossom.example.com"
          disabled={busy}
        />
      </div>
      <div className="form-actions">
        <ConnectButton busy={busy} />
      </div>
    </form>
  );
}
