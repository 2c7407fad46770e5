// The publishing engine's state at the top of every view: paused publishing (with Resume) and a storage problem.

import { useEffect, useState } from 'react';
import type { EngineStatus } from '../../../shared/contract/engine';
import { invoke, onLiveEvent } from '../api/client';
import { messageFor } from '../composer/composerModel';
import { formatDateTime } from '../format/dates';
import { useStrings } from '../i18n';
import { useAppData } from '../state/appData';
import { Banner } from './Banner';

/** The engine's status, from the first answer and then from its events. */
export function useEngineStatus(): EngineStatus | null {
  const [status, setStatus] = useState<EngineStatus | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void invoke('engine.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    refresh();
    const stop = onLiveEvent((e) => {
      if (e.type === 'engine.status') setStatus(e.status);
      else if (e.type === 'resync') refresh();
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return status;
}

export function EngineBanners({ status }: { readonly status: EngineStatus | null }) {
  const t = useStrings();
  const app = useAppData();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!status) return null;
  const paused = status.paused;

  async function resume() {
    setBusy(true);
    const result = await invoke('engine.resume', {});
    setBusy(false);
    setError(result.ok ? null : messageFor(result.error));
  }

  return (
    <>
      {paused ? (
        <Banner
          tone="warning"
          title={t.banners.paused}
          action={
            <button type="button" className="button button--small" onClick={() => void resume()} disabled={busy}>
              {t.banners.resume}
            </button>
          }
        >
          <p>
            {t.banners.pausedDetail(paused.reason)}
            {paused.resumeAt !== null ? ` ${t.banners.resumesAt(formatDateTime(paused.resumeAt, app.timeZone))}` : ''}
          </p>
          {error ? <p role="alert">{error}</p> : null}
        </Banner>
      ) : null}
      {status.database.problem ? (
        <Banner tone="danger" title={t.banners.storageProblem}>
          {<p>{status.database.problem}</p>}
        </Banner>
      ) : null}
    </>
  );
}
