// The desktop app's preferences on PostgreSQL: JSON values by key, read back with the desktop's fallbacks.

import type pg from 'pg';
import type { AppPreferences } from '../../../../shared/contract/app';
import { appPreferencesOf, changedPreferences } from '../../../core/desktop/preferencesRepo';
import type { AppPreferencesStore } from '../../../core/stores/types';
import { type Queryable, tx } from './pgDb';

export class PgAppPreferencesStore implements AppPreferencesStore {
  constructor(private readonly q: Queryable) {}

  within(c: pg.PoolClient): PgAppPreferencesStore {
    return new PgAppPreferencesStore(c);
  }

  async all(): Promise<AppPreferences> {
    const { rows } = await this.q.query<{ key: string; value: unknown }>('SELECT key, value FROM app_preferences');
    return appPreferencesOf(rows);
  }

  async update(change: Partial<AppPreferences>): Promise<AppPreferences> {
    return tx(this.q, async (c) => {
      for (const { key, value } of changedPreferences(change))
        await c.query('INSERT INTO app_preferences (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
          key,
          JSON.stringify(value),
        ]);
      return this.within(c).all();
    });
  }
}
