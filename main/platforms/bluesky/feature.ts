// Bluesky in Kairos: its adapter, and the link card and mention check channels.

import type { blueskyRequests } from '../../../shared/platforms/bluesky/contract';
import type { BackendFeature } from '../../core/features';
import type { PlatformAdapter } from '../../core/platforms/types';
import { createBlueskyAdapter } from './adapter';
import { blueskyHandlers } from './handlers';

export const blueskyFeature: BackendFeature<keyof typeof blueskyRequests> = {
  id: 'bluesky',
  platform: { id: 'bluesky', createAdapter: () => createBlueskyAdapter() as PlatformAdapter },
  handlers: blueskyHandlers,
};
