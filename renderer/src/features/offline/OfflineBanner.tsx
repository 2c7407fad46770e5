// "Offline: N posts waiting" across the top of the app while the networks cannot be reached; gone when they can.

import type { ConnectivityStatus } from '../../../../shared/contract/app';
import { Banner } from '../../components/Banner';
import { offlineStrings as s } from './strings';
import { useConnectivity } from './useConnectivity';

/** The banner for a given status; renders nothing while online. */
export function OfflineBannerView({ status }: { readonly status: ConnectivityStatus }) {
  if (status.online) return null;
  return (
    <Banner tone="warning" title={status.waitingForNetwork > 0 ? s.title(status.waitingForNetwork) : s.titleNothingWaiting}>
      <p>{s.body}</p>
    </Banner>
  );
}

/** Self-updating banner: place it once at the top of the app shell. */
export function OfflineBanner() {
  const { status } = useConnectivity();
  return <OfflineBannerView status={status} />;
}
