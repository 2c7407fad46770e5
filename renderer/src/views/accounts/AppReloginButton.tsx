// "Sign in again" for a LinkedIn or X account: the same app and redirect port, in the browser, before the login runs out.

import { useEffect, useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import { invoke, onLiveEvent } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { useStrings, wordProblem } from '../../i18n';
import { useNotify } from '../../state/toasts';

export function AppReloginButton({ account }: { readonly account: AccountWithRule }) {
  const t = useStrings();
  const notify = useNotify();
  const [flowId, setFlowId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const network = account.platform === 'linkedin' ? 'linkedin' : 'x';

  // biome-ignore lint/correctness/useExhaustiveDependencies: follows one flow; the callbacks read the latest state.
  useEffect(() => {
    if (!flowId) return;
    let live = true;
    const check = async () => {
      const r = await invoke(network === 'linkedin' ? 'linkedin.oauthStatus' : 'x.oauthStatus', { flowId });
      if (!live || !r.ok) return;
      if (r.value.state === 'connected') {
        setFlowId(null);
        notify({ message: t.accounts.connectedToast(account.name), tone: 'success' });
      } else if (r.value.state !== 'waiting' && r.value.state !== 'exchanging') {
        setFlowId(null);
        setError(wordProblem(r.value.problem, r.value.message, t) ?? t.appNetworks.stopped);
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
  }, [flowId]);

  async function start() {
    setError(null);
    const r = await invoke(network === 'linkedin' ? 'linkedin.reconnect' : 'x.reconnect', { accountId: account.id });
    if (!r.ok) return setError(messageFor(r.error));
    setFlowId(r.value.flowId);
    window.open(r.value.authorizeUrl, '_blank', 'noopener,noreferrer');
  }

  return (
    <>
      <button type="button" className="button button--ghost button--small" onClick={() => void start()} disabled={flowId !== null}>
        {flowId ? t.appNetworks.waiting(t.accounts.platform[account.platform]) : t.appNetworks.signInAgain}
      </button>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
