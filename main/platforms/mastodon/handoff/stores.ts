// The hand-off's own stores, built once per database by the backend's store set (the core never imports them).
// SQLite: the synchronous repositories, whose transactions join the target transitions' one; PostgreSQL: pgStores.ts.

import { type Promised, promised } from '../../../core/stores/promised';
import type { StoreExtension } from '../../../core/stores/types';
import { HandoffRepo } from './handoffRepo';
import { MetricsRepo } from './metricsRepo';
import { PgHandoffMetricsStore, PgHandoffStore } from './pgStores';

/** The hand-off rows and the targets' handoff_id/handoff_at kept in step with them. */
export type HandoffStore = Promised<HandoffRepo>;

/** Stored favourites, boosts and replies of published Mastodon posts. */
export type HandoffMetricsStore = Promised<MetricsRepo>;

export interface HandoffStores {
  readonly handoffs: HandoffStore;
  readonly metrics: HandoffMetricsStore;
}

export const handoffStores: StoreExtension<HandoffStores> = {
  name: 'mastodon.handoff',
  sqlite: (db, repos) => ({
    handoffs: promised(new HandoffRepo(db, repos.media, repos.posts.transitions)),
    metrics: promised(new MetricsRepo(db)),
  }),
  postgres: (q, deps) => ({ handoffs: new PgHandoffStore(q, deps), metrics: new PgHandoffMetricsStore(q, deps) }),
};
