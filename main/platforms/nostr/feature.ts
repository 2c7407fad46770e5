// Nostr in Kairos: its adapter, and the channel that shows a secret key Kairos holds.

import type { nostrRequests } from '../../../shared/platforms/nostr/contract';
import type { BackendFeature } from '../../core/features';
import type { PlatformAdapter } from '../../core/platforms/types';
import { createNostrAdapter } from './adapter';
import { nostrHandlers } from './handlers';

export const nostrFeature: BackendFeature<keyof typeof nostrRequests> = {
  id: 'nostr',
  platform: { id: 'nostr', createAdapter: () => createNostrAdapter() as PlatformAdapter },
  handlers: nostrHandlers,
};
