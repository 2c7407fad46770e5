// The SQLite side of the store contracts: the stores createSqliteStores builds, over a database in memory.

import { openDatabase } from '../../db/database';
import type { Actor } from '../../repos/events';
import { SettingsRepo } from '../../repos/settings';
import { createSqliteStores } from '../sqlite';
import type { SettingsStore } from '../types';
import { type PublishingOpened, SETTING_DEFAULTS, type SettingsOpened } from './opened';
import { sqliteSeed } from './seed';

export async function openSqlitePublishing(): Promise<PublishingOpened> {
  const db = await openDatabase(':memory:');
  const stores = createSqliteStores(db, SETTING_DEFAULTS);
  return {
    accounts: stores.accounts,
    events: stores.events,
    media: stores.media,
    credentialProblems: stores.credentialProblems,
    pauses: stores.pauses,
    review: stores.review,
    lease: (holder, shell) => stores.lease(holder, shell),
    seed: sqliteSeed(stores),
    async lines() {
      return db
        .prepare<[], { at: number; actor: Actor; kind: string; post_id: string | null; account_id: string | null; detail: string | null }>(
          'SELECT at, actor, kind, post_id, account_id, detail FROM events ORDER BY id',
        )
        .all()
        .map((r) => ({ at: r.at, actor: r.actor, kind: r.kind, postId: r.post_id, accountId: r.account_id, detail: r.detail }));
    },
    async close() {
      db.close();
    },
  };
}

export async function openSqliteSettings(): Promise<SettingsOpened> {
  const db = await openDatabase(':memory:');
  const settings: SettingsStore = createSqliteStores(db, SETTING_DEFAULTS).settings;
  return {
    settings,
    reopen: async () => new SettingsRepo(db, SETTING_DEFAULTS),
    async writeRow(key, value) {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
    },
    async close() {
      db.close();
    },
  };
}
