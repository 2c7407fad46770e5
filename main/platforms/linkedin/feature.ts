// LinkedIn in Kairos: its adapter, and the browser sign-in with the user's own app. Its flows stop on close.

import type { BackendFeature } from '../../core/features';
import type { PlatformAdapter } from '../../core/platforms/types';
import { createLinkedInAdapter } from './adapter';
import { type LinkedInChannel, linkedInHandlers } from './handlers';

export const linkedinFeature: BackendFeature<LinkedInChannel> = {
  id: 'linkedin',
  platform: { id: 'linkedin', createAdapter: () => createLinkedInAdapter() as PlatformAdapter },
  handlers: linkedInHandlers,
};
