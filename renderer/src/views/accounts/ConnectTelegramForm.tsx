// Connects a Telegram channel or group through the user's bot: token pasted or read from a file, chat found or typed.

import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import type { TelegramChatChoice } from '../../../../shared/platforms/telegram/contract';
import { invoke } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { AccountNameField, ConnectButton, ConnectExplain, FormError, fieldOrForm, TextField, useFocusFirstError } from './ConnectFormParts';

type TelegramField = 'name' | 'botToken' | 'chat' | 'apiBase' | 'form';
const FIELDS: readonly TelegramField[] = ['name', 'botToken', 'chat', 'apiBase'];
const EMPTY = { name: '', botToken: '', chat: '', apiBase: '', silent: false };

export function ConnectTelegramForm() {
  const t = useStrings();
  const notify = useNotify();
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [finding, setFinding] = useState(false);
  const [found, setFound] = useState<{ bot: string; chats: readonly TelegramChatChoice[] } | null>(null);
  const [errors, setErrors] = useState<Partial<Record<TelegramField, string>>>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    botToken: useRef<HTMLInputElement>(null),
    chat: useRef<HTMLInputElement>(null),
    apiBase: useRef<HTMLInputElement>(null),
    form: useRef<HTMLParagraphElement>(null),
  };

  useFocusFirstError(errors, [...FIELDS, 'form'], refs);

  const set = (key: 'name' | 'botToken' | 'chat' | 'apiBase') => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  const fieldOf = (field: string | undefined): TelegramField => fieldOrForm(FIELDS, field);

  async function readTokenFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // The file stays on this computer: it is read here and only its first line goes into the field.
    const text = (await file.text()).split(/\r?\n/)[0]?.trim() ?? '';
    setValues((v) => ({ ...v, botToken: text }));
  }

  async function findChats() {
    setFinding(true);
    setErrors({});
    const apiBase = values.apiBase.trim();
    const result = await invoke('telegram.findChats', { botToken: values.botToken, ...(apiBase ? { apiBase } : {}) });
    setFinding(false);
    if (!result.ok) {
      setErrors({ [fieldOf(result.error.field ?? 'botToken')]: messageFor(result.error) });
      return;
    }
    setFound(result.value);
    const only = result.value.chats.length === 1 ? result.value.chats[0] : undefined;
    if (only) setValues((v) => ({ ...v, chat: String(only.id) }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    const apiBase = values.apiBase.trim();
    const result = await invoke('accounts.connect', {
      platform: 'telegram',
      name: values.name,
      botToken: values.botToken,
      chat: values.chat,
      silent: values.silent,
      ...(apiBase ? { apiBase } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors({ [fieldOf(result.error.field)]: messageFor(result.error) });
      return;
    }
    setValues(EMPTY);
    setFound(null);
    notify({ message: t.accounts.connectedToast(result.value.name), tone: 'success' });
  }

  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.telegram.connect}>
      <ConnectExplain title={t.telegram.explainTitle} text={t.telegram.explain} />
      <FormError message={errors.form} errorRef={refs.form} />
      <div className="connect-form__grid">
        <AccountNameField
          inputRef={refs.name}
          value={values.name}
          onChange={set('name')}
          placeholder={t.telegram.namePlaceholder}
          error={errors.name}
          disabled={busy}
        />
        <TextField
          label={t.telegram.token}
          hint={t.telegram.tokenHint}
          error={errors.botToken}
          inputRef={refs.botToken}
          type="password"
          value={values.botToken}
          onChange={set('botToken')}
          placeholder="123456789:AAH…"
          disabled={busy}
        />
        <div className="field">
          <label className="button button--ghost button--small">
            {t.telegram.tokenFile}
            <input type="file" accept=".txt,text/plain,.env" className="visually-hidden-input" onChange={(e) => void readTokenFile(e)} />
          </label>
          <button
            type="button"
            className="button button--small"
            onClick={() => void findChats()}
            disabled={busy || finding || !values.botToken.trim()}
          >
            {finding ? t.telegram.finding : t.telegram.findChats}
          </button>
          {found ? (
            <p className="field__hint" role="status">
              {found.chats.length === 0 ? t.telegram.foundNone : t.telegram.foundChats(found.bot, found.chats.length)}
            </p>
          ) : null}
        </div>
        {found && found.chats.length > 0 ? (
          <Field label={t.telegram.pickChat}>
            <select value={values.chat} onChange={set('chat')} disabled={busy}>
              <option value="">—</option>
              {found.chats.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.title}
                  {c.username ? ` (@${c.username})` : ''} · {c.type === 'channel' ? t.telegram.channelLabel : c.type}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <TextField
          label={t.telegram.chat}
          hint={t.telegram.chatHint}
          error={errors.chat}
          inputRef={refs.chat}
          type="text"
          value={values.chat}
          onChange={set('chat')}
          placeholder="@brandnews"
          disabled={busy}
        />
        <TextField
          label={t.telegram.apiBase}
          hint={t.telegram.apiBaseHint}
          error={errors.apiBase}
          inputRef={refs.apiBase}
          type="url"
          value={values.apiBase}
          onChange={set('apiBase')}
          placeholder="https://api.telegram.org"
          disabled={busy}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={values.silent}
            onChange={(e) => setValues((v) => ({ ...v, silent: e.target.checked }))}
            disabled={busy}
          />
          {t.telegram.silent}
        </label>
      </div>
      <div className="form-actions">
        <ConnectButton busy={busy} />
      </div>
    </form>
  );
}
