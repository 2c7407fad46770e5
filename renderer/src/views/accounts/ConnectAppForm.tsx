// Connects LinkedIn or X with the user's own developer app: client id (and LinkedIn's secret), the redirect port, the browser sign-in.

import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AppOAuthBegun } from '../../../../shared/platforms/oauthApp/responses';
import { invoke, onLiveEvent } from '../../api/client';
import { Field } from '../../components/Field';
import { messageFor } from '../../composer/composerModel';
import { useStrings, wordProblem } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { AccountNameField, FormError, fieldOrForm, TextField, useFocusFirstError, WaitingForBrowser } from './ConnectFormParts';

type AppNetwork = 'linkedin' | 'x';
type AppField = 'name' | 'clientId' | 'clientSecret' | 'port' | 'server' | 'form';

/** The ports users register unless they pick another; the same as the backend's defaults. */
const DEFAULT_PORTS: Readonly<Record<AppNetwork, number>> = { linkedin: 53682, x: 53683 };
const NETWORK_NAMES: Readonly<Record<AppNetwork, string>> = { linkedin: 'LinkedIn', x: 'X' };

export function ConnectAppForm({ network }: { readonly network: AppNetwork }) {
  const t = useStrings();
  const s = t.appNetworks;
  const notify = useNotify();
  const [name, setName] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [port, setPort] = useState(String(DEFAULT_PORTS[network]));
  const [server, setServer] = useState('');
  const [flow, setFlow] = useState<AppOAuthBegun | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<AppField, string>>>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    clientId: useRef<HTMLInputElement>(null),
    clientSecret: useRef<HTMLInputElement>(null),
    port: useRef<HTMLInputElement>(null),
    server: useRef<HTMLInputElement>(null),
    form: useRef<HTMLParagraphElement>(null),
  };

  useFocusFirstError(errors, ['name', 'clientId', 'clientSecret', 'port', 'server', 'form'], refs);

  const fail = (field: string | undefined, message: string) => {
    setErrors({ [fieldOrForm(['name', 'clientId', 'clientSecret', 'port', 'server'] as const, field)]: message });
  };

  // While the browser sign-in is open, follow the flow until the network sends the user back (or it fails).
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows one flow; the callbacks read the latest state.
  useEffect(() => {
    if (!flow) return;
    let live = true;
    const check = async () => {
      const r = await invoke(network === 'linkedin' ? 'linkedin.oauthStatus' : 'x.oauthStatus', { flowId: flow.flowId });
      if (!live || !r.ok) return;
      if (r.value.state === 'connected') {
        setFlow(null);
        setName('');
        setClientSecret('');
        notify({ message: t.accounts.connectedToast(r.value.account?.name ?? name), tone: 'success' });
      } else if (r.value.state === 'failed' || r.value.state === 'expired' || r.value.state === 'cancelled') {
        setFlow(null);
        fail(undefined, wordProblem(r.value.problem, r.value.message, t) ?? s.stopped);
      }
    };
    const stop = onLiveEvent((e) => {
      if (e.type === 'accounts.changed') void check();
    });
    const timer = window.setInterval(() => void check(), 2_000);
    return () => {
      live = false;
      stop();
      window.clearInterval(timer);
    };
  }, [flow]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    if (!name.trim()) return fail('name', t.accounts.needName);
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) return fail('port', s.portHint(redirectUrl));
    setBusy(true);
    const common = { clientId, port: portNumber, name, ...(server.trim() ? { server: server.trim() } : {}) };
    const result =
      network === 'linkedin' ? await invoke('linkedin.beginOAuth', { ...common, clientSecret }) : await invoke('x.beginOAuth', common);
    setBusy(false);
    if (!result.ok) return fail(result.error.field, messageFor(result.error));
    setFlow(result.value);
    window.open(result.value.authorizeUrl, '_blank', 'noopener,noreferrer');
  }

  async function cancel() {
    if (flow) await invoke(network === 'linkedin' ? 'linkedin.cancelOAuth' : 'x.cancelOAuth', { flowId: flow.flowId });
    setFlow(null);
  }

  const redirectUrl = `http://127.0.0.1:${port || DEFAULT_PORTS[network]}/callback`;
  const strings = s[network];
  const locked = busy || flow !== null;
  return (
    <form className="connect-form" onSubmit={(e) => void submit(e)} noValidate aria-label={strings.label} data-network={network}>
      <p className="muted">{strings.hint}</p>
      <FormError message={errors.form} errorRef={refs.form} />
      <div className="connect-form__grid">
        <AccountNameField
          inputRef={refs.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={strings.namePlaceholder}
          error={errors.name}
          disabled={locked}
        />
        <TextField
          label={s.clientId}
          error={errors.clientId}
          inputRef={refs.clientId}
          type="text"
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          disabled={locked}
        />
        {network === 'linkedin' ? (
          <TextField
            label={s.clientSecret}
            error={errors.clientSecret}
            inputRef={refs.clientSecret}
            type="password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            disabled={locked}
          />
        ) : null}
        <Field label={s.port} hint={s.portHint(redirectUrl)} error={errors.port ?? null}>
          <input
            ref={refs.port}
            type="number"
            min={0}
            max={65535}
            value={port}
            onChange={(e) => setPort(e.target.value)}
            disabled={locked}
          />
        </Field>
      </div>
      <details className="connect-form__advanced">
        <summary>{s.server}</summary>
        <TextField
          label={s.server}
          hint={s.serverHint}
          error={errors.server}
          inputRef={refs.server}
          type="url"
          value={server}
          onChange={(e) => setServer(e.target.value)}
          disabled={locked}
        />
      </details>
      {flow ? <WaitingForBrowser text={s.waiting(NETWORK_NAMES[network])} url={flow.authorizeUrl} openAgain={s.openAgain} /> : null}
      <div className="form-actions">
        {flow ? (
          <button type="button" className="button button--ghost" onClick={() => void cancel()}>
            {s.cancel}
          </button>
        ) : (
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t.accounts.connecting : s.signIn}
          </button>
        )}
      </div>
    </form>
  );
}
