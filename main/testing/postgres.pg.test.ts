// The test cluster itself: reachable, a database per file, and a cluster left behind by a killed run is cleaned up.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, startPostgresCluster } from './postgres';
import { databaseForThisFile, postgresAddress } from './postgresDatabase';

describe('the test PostgreSQL cluster', () => {
  const db = databaseForThisFile('harness');

  it('gives each file an empty database of its own, reachable by its URL', async () => {
    const { rows } = await db().pool.query<{ db: string; version: string }>(
      `SELECT current_database() AS db, current_setting('server_version_num') AS version`,
    );
    expect(rows[0]?.db).toBe(db().name);
    expect(Number(rows[0]?.version)).toBeGreaterThanOrEqual(150000);
    await db().pool.query('CREATE TABLE only_here (id int)');

    const other = await createTestDatabase(postgresAddress(), 'harness other');
    try {
      expect(other.name).toMatch(/^k_harness_other_[0-9a-f]{8}$/);
      const { rows: tables } = await other.pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables).toEqual([]);
      const client = new pg.Client({ connectionString: other.url });
      await client.connect();
      const { rows: me } = await client.query<{ db: string }>('SELECT current_database() AS db');
      await client.end();
      expect(me[0]?.db).toBe(other.name);
    } finally {
      await other.drop();
    }
    const { rows: left } = await db().pool.query<{ n: string }>(`SELECT count(*) AS n FROM pg_database WHERE datname = $1`, [other.name]);
    expect(left[0]?.n).toBe('0');
  });

  it('stops and removes a cluster whose test run was killed, when the next one starts', async () => {
    const abandoned = await startPostgresCluster();
    const pidFile = join(abandoned.dir, 'data', 'postmaster.pid');
    expect(existsSync(pidFile)).toBe(true);
    // Its owner is gone: a pid no process has (beyond the kernel's pid_max).
    writeFileSync(join(abandoned.dir, 'owner.pid'), '99999999\n');
    const next = await startPostgresCluster();
    try {
      expect(existsSync(abandoned.dir)).toBe(false);
      const client = new pg.Client({
        host: abandoned.host,
        port: abandoned.port,
        user: abandoned.user,
        database: 'postgres',
        connectionTimeoutMillis: 1000,
      });
      await expect(client.connect()).rejects.toThrow();
      expect(existsSync(next.dir)).toBe(true);
    } finally {
      await next.stop();
    }
    expect(existsSync(next.dir)).toBe(false);
  });
});
