// The feature contracts on SQLite: the stores over a fresh in-memory database, with its seed.

import { openDatabase } from '../../db/database';
import { createSqliteStores } from '../sqlite';
import type { Stores } from '../types';
import { type FeatureSeed, T0 } from './featureSeed';
import { sqliteFeatureSeed } from './sqliteFeatureSeed';

export async function openSqliteFeatures(): Promise<{ stores: Stores; seed: FeatureSeed; close(): Promise<void> }> {
  const db = await openDatabase(':memory:', { now: T0 });
  const stores = createSqliteStores(db, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
  return {
    stores,
    seed: sqliteFeatureSeed(db),
    close: async () => {
      db.close();
    },
  };
}
