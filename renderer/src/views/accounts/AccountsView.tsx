// The Accounts view: the accounts posts can go to, their health, and connecting a new one on any network.

import { useId, useState } from 'react';
import type { AccountWithRule } from '../../../../shared/contract';
import type { PlatformId } from '../../../../shared/domain';
import { invoke } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { NetworkIcon, swatchOf } from '../../components/Swatches';
import { messageFor } from '../../composer/composerModel';
import { AccountPauseControl } from '../../features/engine/AccountPauseControl';
import { useStrings, wordProblem } from '../../i18n';
import { useAppData } from '../../state/appData';
import { useNotify } from '../../state/toasts';
import { AppReloginButton } from './AppReloginButton';
import { ConnectAppForm } from './ConnectAppForm';
import { ConnectBlueskyForm } from './ConnectBlueskyForm';
import { ConnectDiscordForm } from './ConnectDiscordForm';
import { ConnectMastodonForm } from './ConnectMastodonForm';
import { ConnectNostrForm } from './ConnectNostrForm';
import { ConnectTelegramForm } from './ConnectTelegramForm';
import { NostrKeyBackup } from './NostrKeyBackup';
import { XPricingEditor } from './XPricingEditor';

const NETWORKS: readonly PlatformId[] = ['discord', 'mastodon', 'bluesky', 'telegram', 'nostr', 'linkedin', 'x'];

export function AccountsView() {
  const t = useStrings();
  const app = useAppData();
  const [network, setNetwork] = useState<PlatformId>('discord');
  const selectId = useId();
  return (
    <div className="view view--narrow-wide">
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
      <section className="panel connect" aria-labelledby="connect-title">
        <div className="connect__head">
          <h2 className="section-title" id="connect-title">
            {t.accounts.connectTitle}
          </h2>
          <div className="field field--inline">
            <label className="field__label" htmlFor={selectId}>
              {t.accounts.network}
            </label>
            <select id={selectId} value={network} onChange={(e) => setNetwork(e.target.value as PlatformId)}>
              {NETWORKS.map((n) => (
                <option key={n} value={n}>
                  {t.accounts.platform[n]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {network === 'discord' ? <ConnectDiscordForm /> : null}
        {network === 'mastodon' ? <ConnectMastodonForm /> : null}
        {network === 'bluesky' ? <ConnectBlueskyForm /> : null}
        {network === 'telegram' ? <ConnectTelegramForm /> : null}
        {network === 'nostr' ? <ConnectNostrForm /> : null}
        {network === 'linkedin' ? <ConnectAppForm key="linkedin" network="linkedin" /> : null}
        {network === 'x' ? <ConnectAppForm key="x" network="x" /> : null}
      </section>
    </div>
  );
}

function AccountRow({ account }: { readonly account: AccountWithRule }) {
  const t = useStrings();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A login this process cannot open is not an expiry: the account stays connected for the process that can.
  const healthy = account.status === 'connected' && account.unreadableHere === null;
  const reason =
    account.status !== 'connected' ? account.statusReason : wordProblem(account.unreadableHereProblem, account.unreadableHere, t);
  const elsewhere = account.unreadableElsewhereProblem
    ? t.accounts.unreadableElsewhere(
        account.unreadableElsewhereProblem.reader,
        wordProblem(account.unreadableElsewhereProblem.problem, null, t) ?? '',
      )
    : account.unreadableElsewhere;

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
      <span className={`account__avatar swatch-${swatchOf(account.id)}`} aria-hidden="true">
        <NetworkIcon platform={account.platform} size={20} />
      </span>
      <div className="account__main">
        <p className="account__name">{account.name}</p>
        <p className="account__meta">
          <span>{t.accounts.platform[account.platform]}</span> · <span className="account__handle">{account.handle}</span> ·{' '}
          <span>{t.accounts.lengthLimit(account.lengthRule.maxLength)}</span>
        </p>
        {reason ? <p className="account__reason">{reason}</p> : null}
        {elsewhere ? <p className="account__note">{elsewhere}</p> : null}
        {account.platform === 'x' ? <XPricingEditor account={account} /> : null}
        {account.secretKeyExport ? <NostrKeyBackup account={account} /> : null}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <span className={`pill ${healthy ? 'pill--ok' : 'pill--warn'}`}>
        {account.status === 'connected' && account.unreadableHere ? t.accounts.unreadableHere : t.accounts[account.status]}
      </span>
      <div className="account__actions">
        <AccountPauseControl account={account} />
        {account.platform === 'linkedin' || account.platform === 'x' ? <AppReloginButton account={account} /> : null}
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
