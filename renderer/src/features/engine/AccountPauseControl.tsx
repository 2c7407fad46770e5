// Pausing one account from the Accounts page: its pause reason when paused, and Pause or Resume.

import type { AccountWithRule } from '../../../../shared/contract';
import { useStrings } from '../../i18n';
import { openEngineDialog, useEngineStatus } from './engineStore';
import { useResume } from './useResume';
import './engine.css';

export function AccountPauseControl({ account }: { readonly account: AccountWithRule }) {
  const t = useStrings();
  const status = useEngineStatus();
  const { busy, error, resume } = useResume();
  const pause = status?.pausedAccounts.find((p) => p.accountId === account.id) ?? null;
  return (
    <div className="engine-account-pause">
      {pause ? <span className="pill pill--warn">{t.engine.accountPause.paused(pause.reason)}</span> : null}
      {pause ? (
        <button
          type="button"
          className="button button--small"
          aria-label={t.engine.accountPause.resume(account.name)}
          disabled={busy}
          onClick={() => void resume(account.id)}
        >
          {t.engine.accountPause.resumeShort}
        </button>
      ) : (
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={t.engine.accountPause.pause(account.name)}
          aria-haspopup="dialog"
          onClick={() => openEngineDialog({ kind: 'pause', accountId: account.id })}
        >
          {t.engine.accountPause.pauseShort}
        </button>
      )}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
