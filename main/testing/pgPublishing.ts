// The publishing contract suites on PostgreSQL: the server's stores over the file's database, emptied before each
// test, with the rows of other stores seeded by plain SQL.

import type pg from 'pg';
import { type PublishingOpened, T0 } from '../core/stores/testing/publishing';
import { migratePg } from '../server/pg/migrate';
import { PgPostsStore } from '../server/pg/stores/posts';
import { PgSeriesStore } from '../server/pg/stores/series';

/** Every table the publishing stores and their tests write (audit_log is append-only and untouched by them). */
const TABLES =
  'accounts, posts, targets, target_parts, media, events, pauses, recurring_series, scheduler_processes, credential_problems, approval_rules, approvals, users';

let migrated: pg.Pool | null = null;

/** Migrates the pool's database once, then empties its publishing tables. */
export async function emptyPublishingDatabase(pool: pg.Pool): Promise<void> {
  if (migrated !== pool) {
    await migratePg(pool);
    migrated = pool;
  }
  await pool.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
}

export async function seedAccount(q: pg.Pool, id: string, status = 'connected'): Promise<void> {
  await q.query(
    `INSERT INTO accounts (id, platform, name, handle, status, secret, created_at, updated_at)
     VALUES ($1, 'discord', $2, $3, $4, '\\x01', $5, $5)`,
    [id, `Account ${id}`, `@${id}`, status, new Date(T0)],
  );
}

/** A server process live until `until` (its row in scheduler_processes). */
export async function seedLiveHolder(q: pg.Pool, holder: string, until: number): Promise<void> {
  await q.query(
    `INSERT INTO scheduler_processes (holder, description, started_at, renewed_at, expires_at) VALUES ($1, '{}', $2, $2, $3)
     ON CONFLICT (holder) DO UPDATE SET expires_at = excluded.expires_at`,
    [holder, new Date(T0), new Date(until)],
  );
}

export async function openPgPublishing(pool: pg.Pool): Promise<PublishingOpened> {
  await emptyPublishingDatabase(pool);
  return {
    posts: new PgPostsStore(pool),
    series: new PgSeriesStore(pool),
    addAccount: (id, status) => seedAccount(pool, id, status),
    async addMedia(id, now) {
      await pool.query(
        `INSERT INTO media (id, file_name, mime, bytes, width, height, stored_name, created_at, unused_since)
         VALUES ($1, $2, 'image/png', 10, 1, 1, $2, $3, $3)`,
        [id, `${id}.png`, new Date(now)],
      );
    },
    liveHolder: (holder, until) => seedLiveHolder(pool, holder, until),
    async pause(accountId, now) {
      await pool.query("INSERT INTO pauses (scope, account_id, reason, since, actor) VALUES ($1, $2, 'a test pause', $3, 'user')", [
        accountId ?? 'all',
        accountId,
        new Date(now),
      ]);
    },
    async unreadable(accountId, message, now) {
      await pool.query(
        `INSERT INTO credential_problems (account_id, reader, problem, message, note, noticed_at)
         VALUES ($1, 'key_file', 'key_file_missing', $2, '{"code": "earlier_note", "params": {}}', $3)`,
        [accountId, message, new Date(now)],
      );
    },
    // The pool belongs to the file's database, closed when it is dropped.
    async close() {},
  };
}
