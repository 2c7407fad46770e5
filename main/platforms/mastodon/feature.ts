// Mastodon in Kairos: its adapter, and the sign-in, hand-off, trends, timelines and numbers channels. Its handlers start
// the hand-off controller and register its hooks (posts changed, an account removed, closing).

import type { mastodonRequests } from '../../../shared/platforms/mastodon/contract';
import type { BackendFeature } from '../../core/features';
import type { PlatformAdapter } from '../../core/platforms/types';
import { createMastodonAdapter } from './adapter';
import { mastodonHandlers } from './handlers';

export const mastodonFeature: BackendFeature<keyof typeof mastodonRequests> = {
  id: 'mastodon',
  platform: { id: 'mastodon', createAdapter: () => createMastodonAdapter() as PlatformAdapter },
  handlers: mastodonHandlers,
};
