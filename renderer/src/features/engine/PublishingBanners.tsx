// Banners on every view for the engine's state: paused (all or some accounts) with Resume, posts held by a pause, storage trouble.

import type { EngineStatus, PauseInfo } from '../../../../shared/contract/engine';
import { Banner } from '../../components/Banner';
import { formatDateTime } from '../../format/dates';
import { useStrings, wordProblem } from '../../i18n';
import { useAppData } from '../../state/appData';
import { openEngineDialog } from './engineStore';
import { useResume } from './useResume';
import './engine.css';

export function PublishingBanners({ status }: { readonly status: EngineStatus | null }) {
  const t = useStrings();
  if (!status) return null;
  const heldByPause = status.attention.heldByPause;
  return (
    <>
      {status.paused ? <PauseBanner pause={status.paused} /> : null}
      {status.pausedAccounts.map((p) => (
        <PauseBanner key={p.accountId} pause={p} />
      ))}
      {/* While everything is paused the pause banner says it all; afterwards, what it held still waits for a decision. */}
      {!status.paused && heldByPause > 0 ? (
        <Banner
          tone="info"
          title={t.engine.heldByPause(heldByPause)}
          action={
            <button type="button" className="button button--small" onClick={() => openEngineDialog({ kind: 'review' })}>
              {t.engine.review}
            </button>
          }
        >
          <p>{t.engine.heldByPauseDetail}</p>
        </Banner>
      ) : null}
      {status.database.problem ? (
        <Banner tone="danger" title={t.banners.storageProblem}>
          <p>{wordProblem(status.database.storageProblem, status.database.problem, t)}</p>
        </Banner>
      ) : null}
    </>
  );
}

/** "Publishing paused: <reason> — until <time>", with Resume. */
function PauseBanner({ pause }: { readonly pause: PauseInfo }) {
  const t = useStrings();
  const app = useAppData();
  const { busy, error, resume } = useResume();
  const until = pause.resumeAt === null ? null : formatDateTime(pause.resumeAt, app.timeZone);
  const account = pause.accountId ? (pause.accountName ?? app.accountsById.get(pause.accountId)?.name ?? pause.accountId) : null;
  return (
    <Banner
      tone="warning"
      title={account ? t.engine.accountPausedTitle(account, pause.reason, until) : t.engine.pausedTitle(pause.reason, until)}
      action={
        <button type="button" className="button button--small" onClick={() => void resume(pause.accountId)} disabled={busy}>
          {account ? t.engine.resumeAccount(account) : t.engine.resume}
        </button>
      }
    >
      <p>
        {account ? t.engine.accountPausedDetail : t.engine.pausedDetail}{' '}
        {t.engine.pausedBy(formatDateTime(pause.since, app.timeZone), pause.by)}
      </p>
      {error ? <p role="alert">{error}</p> : null}
    </Banner>
  );
}
