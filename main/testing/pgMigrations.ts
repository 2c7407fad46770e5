// The workspace migrations for a test database, read as they are on the branch: migratePg's own loader refuses a
// gap in the numbers, and a branch may carry a later migration before the ones numbered below it have landed.
// Once the numbers are contiguous this is exactly migratePg(pool, { upTo }).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { defaultPgMigrationsDir, migratePg, type PgMigration } from '../server/pg/migrate';

export function branchPgMigrations(dir: string = defaultPgMigrationsDir()): PgMigration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Migrates the test database up to `upTo` (all when omitted); returns the version reached. */
export function migrateTestDatabase(pool: pg.Pool, upTo?: number): Promise<number> {
  return migratePg(pool, { migrations: branchPgMigrations(), ...(upTo === undefined ? {} : { upTo }) });
}
