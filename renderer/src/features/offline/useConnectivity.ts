// Whether the backend can reach the networks, kept live from its "connectivity" events.

import type { ConnectivityStatus } from '../../../../shared/contract/app';
import { invoke } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';

/** Unknown (still loading, or the answer failed) counts as online: a banner must never cry wolf. */
export const ASSUME_ONLINE: ConnectivityStatus = { state: 'unknown', online: true, since: null, waitingForNetwork: 0 };

export function useConnectivity(): { readonly status: ConnectivityStatus } {
  const query = useLiveQuery(
    'app.connectivity',
    () => invoke('app.connectivity', {}),
    (e) => e.type === 'connectivity' || e.type === 'posts.changed',
  );
  return { status: query.data ?? ASSUME_ONLINE };
}
