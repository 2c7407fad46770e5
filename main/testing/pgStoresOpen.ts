// The PostgreSQL side of the store contracts (main/core/stores/testing): one migrated database per test file, its
// tables emptied before each test, and the PostgreSQL stores over it.

import pg from 'pg';
import { beforeAll } from 'vitest';
import type { Actor } from '../core/repos/events';
import { type PublishingOpened, SETTING_DEFAULTS, type SettingsOpened } from '../core/stores/testing/opened';
import { migratePg } from '../server/pg/migrate';
import { PgAccountsStore } from '../server/pg/stores/accounts';
import { PgCredentialProblemsStore } from '../server/pg/stores/credentialProblems';
import { PgEventsStore } from '../server/pg/stores/events';
import { PgLeaseStore } from '../server/pg/stores/lease';
import { PgMediaRecordsStore } from '../server/pg/stores/media';
import { PgPausesStore } from '../server/pg/stores/pauses';
import { PgReviewStore } from '../server/pg/stores/review';
import { PgSettingsStore } from '../server/pg/stores/settings';
import { pgSeed } from './pgPublishingSeed';
import type { TestDatabase } from './postgres';
import { databaseForThisFile } from './postgresDatabase';

// The tables the publishing stores write (the audit log refuses TRUNCATE and is not among them).
const EMPTY = `TRUNCATE accounts, posts, targets, target_parts, media, events, pauses, settings, recurring_series,
  scheduler_processes, credential_problems RESTART IDENTITY CASCADE`;

/** Registers the file's database (migrated once); returns it and an opener that empties it for each test. */
export function pgStoresForThisFile(label: string): {
  database: () => TestDatabase;
  openPublishing: () => Promise<PublishingOpened>;
  openSettings: () => Promise<SettingsOpened>;
} {
  const database = databaseForThisFile(label);
  beforeAll(async () => {
    await migratePg(database().pool);
  });
  const fresh = async () => {
    const { pool } = database();
    await pool.query(EMPTY);
    return pool;
  };
  return {
    database,
    async openPublishing() {
      const pool = await fresh();
      return {
        accounts: new PgAccountsStore(pool),
        events: new PgEventsStore(pool),
        media: new PgMediaRecordsStore(pool),
        credentialProblems: new PgCredentialProblemsStore(pool),
        pauses: new PgPausesStore(pool),
        review: new PgReviewStore(pool),
        lease: (holder, shell) => new PgLeaseStore(pool, holder, shell),
        seed: pgSeed(pool),
        async lines() {
          const r = await pool.query<{
            at: Date;
            actor: Actor;
            kind: string;
            post_id: string | null;
            account_id: string | null;
            detail: string | null;
          }>('SELECT at, actor, kind, post_id, account_id, detail FROM events ORDER BY id');
          return r.rows.map((row) => ({
            at: row.at.getTime(),
            actor: row.actor,
            kind: row.kind,
            postId: row.post_id,
            accountId: row.account_id,
            detail: row.detail,
          }));
        },
        async close() {},
      };
    },
    async openSettings() {
      const pool = await fresh();
      const opened: PgSettingsStore[] = [];
      const openOne = async () => {
        const store = await PgSettingsStore.open(pool, SETTING_DEFAULTS);
        opened.push(store);
        return store;
      };
      return {
        settings: await openOne(),
        reopen: openOne,
        async writeRow(key, value) {
          await pool.query('INSERT INTO settings (key, value) VALUES ($1, $2)', [key, value]);
        },
        async close() {
          await Promise.all(opened.map((s) => s.close()));
        },
      };
    },
  };
}

/** A second pool on the file's database: another server process's connections. */
export function anotherPool(db: TestDatabase): pg.Pool {
  const pool = new pg.Pool({ ...db.config, max: 3 });
  // The file's database is dropped at its end; an idle connection of a pool a test left open hears it here.
  pool.on('error', () => {});
  return pool;
}
