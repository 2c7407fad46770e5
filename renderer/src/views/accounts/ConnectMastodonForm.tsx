// Connects a Mastodon account: sign in with the browser, paste the code the server shows, or paste an access token.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { OAuthBegun } from '../../../../shared/platforms/mastodon/responses';
import { invoke, onLiveEvent } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { useStrings, wordProblem } from '../../i18n';
import { useNotify } from '../../state/toasts';
import {
  AccountNameField,
  ConnectButton,
  FormError,
  fieldOrForm,
  TextField,
  useFocusFirstError,
  WaitingForBrowser,
} from './ConnectFormParts';

type Method = 'browser' | 'code' | 'token';
type MastodonField = 'name' | 'instance' | 'accessToken' | 'code' | 'form';

export function ConnectMastodonForm() {
  const t = useStrings();
  const notify = useNotify();
  const [method, setMethod] = useState<Method>('browser');
  const [name, setName] = useState('');
  const [instance, setInstance] = useState('');
  const [token, setToken] = useState('');
  const [code, setCode] = useState('');
  const [flow, setFlow] = useState<OAuthBegun | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<MastodonField, string>>>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    instance: useRef<HTMLInputElement>(null),
    accessToken: useRef<HTMLInputElement>(null),
    code: useRef<HTMLInputElement>(null),
    form: useRef<HTMLParagraphElement>(null),
  };

  useFocusFirstError(errors, ['name', 'instance', 'accessToken', 'code', 'form'], refs);

  const fail = (field: string | undefined, message: string) => {
    setErrors({ [fieldOrForm(['name', 'instance', 'accessToken', 'code'] as const, field)]: message });
  };

  const done = (accountName: string) => {
    setFlow(null);
    setName('');
    setInstance('');
    setToken('');
    setCode('');
    notify({ message: t.accounts.connectedToast(accountName), tone: 'success' });
  };

  // While the browser sign-in is open, follow the flow until the server sends the user back (or it fails).
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows one flow; the callbacks read the latest state.
  useEffect(() => {
    if (flow?.mode !== 'loopback') return;
    let live = true;
    const check = async () => {
      const r = await invoke('mastodon.oauthStatus', { flowId: flow.flowId });
      if (!live || !r.ok) return;
      if (r.value.state === 'connected') done(r.value.account?.name ?? name);
      else if (r.value.state === 'failed' || r.value.state === 'expired' || r.value.state === 'cancelled') {
        setFlow(null);
        fail(undefined, wordProblem(r.value.problem, r.value.message, t) ?? t.accounts.signInStopped);
      }
    };
    const stop = onLiveEvent((e) => {
      if (e.type === 'accounts.changed') void check();
    });
    const timer = window.setInterval(() => void check(), 3_000);
    return () => {
      live = false;
      stop();
      window.clearInterval(timer);
    };
  }, [flow]);

  async function begin(redirect: 'loopback' | 'oob') {
    setBusy(true);
    setErrors({});
    const result = await invoke('mastodon.beginOAuth', { instance, ...(name.trim() ? { name } : {}), redirect });
    setBusy(false);
    if (!result.ok) return fail(result.error.field, messageFor(result.error));
    setFlow(result.value);
    window.open(result.value.authorizeUrl, '_blank', 'noopener,noreferrer');
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (method === 'token') {
      setBusy(true);
      setErrors({});
      const result = await invoke('accounts.connect', { platform: 'mastodon', name, instance, accessToken: token });
      setBusy(false);
      if (!result.ok) return fail(result.error.field, messageFor(result.error));
      return done(result.value.name);
    }
    if (method === 'code' && flow?.mode === 'oob') {
      setBusy(true);
      setErrors({});
      const result = await invoke('mastodon.completeOAuth', { flowId: flow.flowId, code });
      setBusy(false);
      if (!result.ok) return fail(result.error.field === 'code' ? 'code' : result.error.field, messageFor(result.error));
      return done(result.value.name);
    }
    await start('browser');
  }

  /** The browser sign-in, or the sign-in that ends with a code to paste, or the token field. */
  async function start(next: Method) {
    setMethod(next);
    setErrors({});
    if (next === 'token') return;
    if (!name.trim()) return fail('name', t.accounts.needName);
    await begin(next === 'code' ? 'oob' : 'loopback');
  }

  async function cancelFlow() {
    if (flow) await invoke('mastodon.cancelOAuth', { flowId: flow.flowId });
    setFlow(null);
  }

  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t.accounts.connectMastodon}>
      <p className="muted">{t.accounts.mastodonHint}</p>
      <FormError message={errors.form} errorRef={refs.form} />
      <div className="connect-form__grid">
        <AccountNameField
          inputRef={refs.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t.accounts.mastodonNamePlaceholder}
          error={errors.name}
          disabled={busy || flow !== null}
        />
        <TextField
          label={t.accounts.instance}
          hint={t.accounts.instanceHint}
          error={errors.instance}
          inputRef={refs.instance}
          type="text"
          value={instance}
          onChange={(e) => setInstance(e.target.value)}
          placeholder="mastodon.social"
          disabled={busy || flow !== null}
        />
      </div>
      {flow === null ? (
        <div className="connect-form__ways">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void start('browser')}>
            {busy && method === 'browser' ? t.accounts.connecting : t.accounts.methods.browser}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void start('code')} aria-pressed={method === 'code'}>
            {t.accounts.methods.code}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void start('token')} aria-pressed={method === 'token'}>
            {t.accounts.methods.token}
          </button>
        </div>
      ) : null}
      <p className="muted">{t.accounts.methodHints[method]}</p>
      {method === 'token' ? (
        <TextField
          label={t.accounts.accessToken}
          hint={t.accounts.accessTokenHint}
          error={errors.accessToken}
          inputRef={refs.accessToken}
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          disabled={busy}
        />
      ) : null}
      {flow?.mode === 'oob' ? (
        <TextField
          label={t.accounts.pasteCode}
          hint={t.accounts.pasteCodeHint(flow.instance.domain)}
          error={errors.code}
          inputRef={refs.code}
          type="text"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          disabled={busy}
        />
      ) : null}
      {flow?.mode === 'loopback' ? (
        <WaitingForBrowser
          text={t.accounts.waitingForBrowser(flow.instance.domain)}
          url={flow.authorizeUrl}
          openAgain={t.accounts.openAgain}
        />
      ) : null}
      {flow !== null || method === 'token' ? (
        <div className="form-actions">
          {flow ? (
            <button type="button" className="button button--ghost" onClick={() => void cancelFlow()} disabled={busy}>
              {t.accounts.cancelSignIn}
            </button>
          ) : null}
          {flow?.mode === 'loopback' ? null : <ConnectButton busy={busy} />}
        </div>
      ) : null}
    </form>
  );
}
