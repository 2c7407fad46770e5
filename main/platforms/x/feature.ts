// X in Kairos: its adapter, the browser sign-in with the user's own app, and its prices and spending cap. Its flows stop on close.

import type { BackendFeature } from '../../core/features';
import type { PlatformAdapter } from '../../core/platforms/types';
import { createXAdapter } from './adapter';
import { type XChannel, xHandlers } from './handlers';

export const xFeature: BackendFeature<XChannel> = {
  id: 'x',
  platform: { id: 'x', createAdapter: () => createXAdapter() as PlatformAdapter },
  handlers: xHandlers,
};
