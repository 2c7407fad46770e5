// The hand-off's own stores, built once per database by the backend's store set (the core never imports them).

import type { StoreExtension } from '../../../core/stores/types';
import { HandoffRepo } from './handoffRepo';
import { MetricsRepo } from './metricsRepo';

export interface HandoffStores {
  readonly handoffs: HandoffRepo;
  readonly metrics: MetricsRepo;
}

export const handoffStores: StoreExtension<HandoffStores> = {
  name: 'mastodon.handoff',
  sqlite: (db, stores) => ({ handoffs: new HandoffRepo(db, stores.media, stores.posts.transitions), metrics: new MetricsRepo(db) }),
};
