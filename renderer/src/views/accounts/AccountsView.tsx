// The Accounts view: the accounts posts can go to, their health, and connecting a new one.

import { useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { ConnectDiscordForm } from './ConnectDiscordForm';

export function AccountsView() {
  const t = useStrings();
  const app = useAppData();
  return (
    <div className="view">
      <header className="view__header">
        <h1 className="view__title">{t.accounts.title}</h1>
      </header>
      {app.accounts.length === 0 ? (
        <EmptyState title={t.empty.noAccounts} hint={t.empty.noAccountsHint} />
      ) : (
        <ul className="account-list panel" aria-label={t.accounts.listLabel}>
          {app.accounts.map((a) => (
            <AccountRow key={a.id} account={a} />
          ))}
        </ul>
      )}
      <ConnectDiscordForm />
    </div>
  );
}

function AccountRow({ account }: { readonly account: AccountWithRule }) {
  const t = useStrings();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const healthy = account.status === 'connected';

  async function remove() {
    setBusy(true);
    const result = await invoke('accounts.remove', { id: account.id });
    setBusy(false);
    if (!result.ok) {
      setError(messageFor(result.error));
      return;
    }
    notify({ message: t.accounts.removed(account.name), tone: 'success' });
  }

  return (
    <li className="account" data-account-id={account.id}>
      <span className={`account__avatar account__avatar--${account.platform}`} aria-hidden="true">
        <Icon name="discord" size={20} />
      </span>
      <div className="account__main">
        <p className="account__name">{account.name}</p>
        <p className="account__meta">
          {t.accounts.platform[account.platform]} · {account.handle} · {t.accounts.lengthLimit(account.lengthRule.maxLength)}
        </p>
        {!healthy && account.statusReason ? <p className="account__reason">{account.statusReason}</p> : null}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <span className={`pill ${healthy ? 'pill--ok' : 'pill--warn'}`}>{t.accounts[account.status]}</span>
      <div className="account__actions">
        {confirming ? (
          <div className="confirm">
            <span className="confirm__text">
              <strong>{t.accounts.confirmRemove(account.name)}</strong> {t.accounts.confirmRemoveHint}
            </span>
            <button type="button" className="button button--danger button--small" onClick={() => void remove()} disabled={busy}>
              {t.accounts.confirmRemoveYes}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)} disabled={busy}>
              {t.accounts.cancelRemove}
            </button>
          </div>
        ) : (
          <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)}>
            {t.accounts.remove}
          </button>
        )}
      </div>
    </li>
  );
}
