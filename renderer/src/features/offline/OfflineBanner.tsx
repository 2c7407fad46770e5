// "Offline: N posts waiting" across the top of the app while the networks cannot be reached; gone when they can.

import { useState } from 'react';
import type { ConnectivityStatus } from '../../../../shared/contract/app';
import { invoke } from '../../api/client';
import { Banner } from '../../components/Banner';
import { useStrings } from '../../i18n';
import { useConnectivity } from './useConnectivity';
import './offline.css';

/** The banner for a given status; renders nothing while online. */
export function OfflineBannerView({ status }: { readonly status: ConnectivityStatus }) {
  const s = useStrings().offline;
  if (status.online) return null;
  return (
    <Banner
      tone="warning"
      title={status.waitingForNetwork > 0 ? s.title(status.waitingForNetwork) : s.titleNothingWaiting}
      action={<RetryNow />}
    >
      <p>{s.body}</p>
    </Banner>
  );
}

/**
 * Asks the backend to probe the networks at once rather than wait out its backoff (up to two minutes). When they
 * answer, the connectivity event hides the banner; when they do not, say so, since nothing else on screen changes.
 */
function RetryNow() {
  const s = useStrings().offline;
  const [state, setState] = useState<'idle' | 'checking' | 'still-offline'>('idle');
  const retry = async () => {
    setState('checking');
    const r = await invoke('app.connectivity.check', {});
    setState(r.ok && r.value.online ? 'idle' : 'still-offline');
  };
  return (
    <div className="offline-banner__retry">
      {state === 'still-offline' ? <output className="offline-banner__note">{s.stillOffline}</output> : null}
      <button type="button" className="button button--small" onClick={() => void retry()} disabled={state === 'checking'}>
        {state === 'checking' ? s.checking : s.retry}
      </button>
    </div>
  );
}

/** Self-updating banner: place it once at the top of the app shell. */
export function OfflineBanner() {
  const { status } = useConnectivity();
  return <OfflineBannerView status={status} />;
}
