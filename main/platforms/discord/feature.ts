// Discord in Kairos: posts through a webhook; no channels of its own.

import type { BackendFeature } from '../../core/features';
import type { PlatformAdapter } from '../../core/platforms/types';
import { createDiscordAdapter } from './adapter';

export const discordFeature: BackendFeature = {
  id: 'discord',
  platform: { id: 'discord', createAdapter: () => createDiscordAdapter() as PlatformAdapter },
};
