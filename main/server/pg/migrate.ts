// The workspace database's schema: numbered migrations (main/server/pg/migrations/NNNN_name.sql, numbered like the
// desktop's SQLite ones), each applied in its own transaction with its row in kairos_schema_migrations. An advisory
// lock makes server processes that start together take turns: the first migrates, the others find nothing to do.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The advisory lock key of migrations ("kairos" in ASCII): the same in every server process. */
export const MIGRATION_LOCK_KEY = 0x6b6169726f73n;

export function defaultPgMigrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Source tree: beside this file. A bundle ships them beside its entry points under server/pg/migrations
  // (build/build-main.mjs); code split into dist/main/chunks/ looks one folder up.
  const candidates = [join(here, 'migrations'), join(here, 'server', 'pg', 'migrations'), join(here, '..', 'server', 'pg', 'migrations')];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`The workspace database migrations were not found next to ${here}.`);
}

export function loadPgMigrations(dir: string = defaultPgMigrationsDir()): PgMigration[] {
  const migrations = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Workspace migrations must be numbered 0001 upwards without gaps: ${m.name} is number ${i + 1}.`);
  });
  return migrations;
}

/** A database migrated by a newer Kairos, a failed migration, or another process holding the lock too long. */
export class SchemaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchemaError';
  }
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS kairos_schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** The highest applied migration, 0 for an empty database. */
export async function schemaVersion(db: pg.Pool | pg.PoolClient | pg.Client): Promise<number> {
  const { rows: table } = await db.query<{ exists: boolean }>(`SELECT to_regclass('kairos_schema_migrations') IS NOT NULL AS exists`);
  if (!table[0]?.exists) return 0;
  const { rows } = await db.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM kairos_schema_migrations');
  return rows[0]?.v ?? 0;
}

export interface MigrateOptions {
  readonly migrations?: readonly PgMigration[];
  /** Stop after this version (tests migrate to N-1, seed rows, then go on). */
  readonly upTo?: number;
  /** How long to wait for another process that is migrating. */
  readonly lockTimeoutMs?: number;
}

async function takeLock(client: pg.PoolClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK_KEY.toString()]);
    if (rows[0]?.ok) return;
    if (Date.now() >= deadline)
      throw new SchemaError(
        `Another Kairos server process has been updating the workspace database for over ${Math.round(timeoutMs / 1000)} s. Wait for it to finish (or stop it), then start this one again.`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Applies the migrations above the database's version, up to `upTo`, and returns the version reached. Refuses a
 * database written by a newer Kairos. A migration that fails is rolled back whole and named in the error.
 */
export async function migratePg(pool: pg.Pool, options: MigrateOptions = {}): Promise<number> {
  const migrations = options.migrations ?? loadPgMigrations();
  const upTo = options.upTo ?? Number.POSITIVE_INFINITY;
  const latest = migrations.at(-1)?.version ?? 0;
  const client = await pool.connect();
  let locked = false;
  try {
    await takeLock(client, options.lockTimeoutMs ?? 120_000);
    locked = true;
    await client.query(CREATE_TABLE);
    let current = await schemaVersion(client);
    if (current > latest)
      throw new SchemaError(
        `The workspace database was updated by a newer Kairos (schema ${current}, this one knows ${latest}). Run the newer Kairos server, or update this one.`,
      );
    for (const m of migrations) {
      if (m.version <= current || m.version > upTo) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO kairos_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        // A lost connection rolls back by itself; the migration's own error is the one worth reporting.
        await client.query('ROLLBACK').catch(() => undefined);
        throw new SchemaError(
          `Updating the workspace database with ${m.name} failed, so nothing of it was applied (the database stays at schema ${current}): ${(e as Error).message}`,
          { cause: e },
        );
      }
      current = m.version;
    }
    return current;
  } finally {
    // A connection that cannot give the lock back is closed rather than returned to the pool still holding it.
    let broken: Error | undefined;
    if (locked) {
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
      } catch (e) {
        broken = e as Error;
      }
    }
    client.release(broken);
  }
}
