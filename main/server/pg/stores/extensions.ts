// A feature's own stores (StoreExtension, main/core/stores/types.ts) on the workspace database: the transaction and
// the target transitions its PostgreSQL builder joins.

import type pg from 'pg';
import type { PgExtensionDeps, StoreExtension, TransitionsStore } from '../../../core/stores/types';
import { type Queryable, tx } from './pgDb';

/** The transitions store's side of joining a transaction (PgTransitionsStore.within). */
export interface TransitionsOverClient {
  within(c: pg.PoolClient): TransitionsStore;
}

/** What a feature's builder may use: transactions on `db`, and the transitions over a client of one of them. */
export function pgExtensionDeps(db: Queryable, transitions: TransitionsOverClient): PgExtensionDeps {
  return {
    transaction: (fn) => tx(db, (c) => fn(c)),
    // The only clients a builder holds are the ones `transaction` gave it: pool clients inside a transaction.
    transitionsWithin: (c) => transitions.within(c as pg.PoolClient),
  };
}

/** Builds a feature's stores on the workspace database; a feature without a PostgreSQL builder is refused by name. */
export function buildPgExtension<T>(ext: StoreExtension<T>, db: Queryable, deps: PgExtensionDeps): T {
  if (!ext.postgres)
    throw new Error(
      `The feature "${ext.name}" keeps its data only in the desktop app's database, so the workspace server cannot run it. Leave it out of the server's features, or give it a PostgreSQL store.`,
    );
  return ext.postgres(db, deps);
}
