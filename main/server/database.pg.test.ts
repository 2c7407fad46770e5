// Opening the workspace database against a real PostgreSQL: it migrates, and each way of failing says what happened
// without the password. Password checks use a role the test cluster asks a password of (a pg_hba.conf line for it).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile, postgresAddress } from '../testing/postgresDatabase';
import { openWorkspaceDatabase, parseDatabaseUrl, WorkspaceDatabaseError, withoutSecret } from './database';
import { loadPgMigrations } from './pg/migrate';

const db = databaseForThisFile('workspace_database');
const ROLE = 'kairos_pw_role';
const SECRET = 'S3cret-pw-9f4e-zz';

async function failure(url: string): Promise<WorkspaceDatabaseError> {
  try {
    const opened = await openWorkspaceDatabase(url, { connectTimeoutMs: 5_000 });
    await opened.pool.end();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkspaceDatabaseError);
    return e as WorkspaceDatabaseError;
  }
  throw new Error(`${url} opened`);
}

const socketUrl = (user: string, password: string | null, database: string) => {
  const a = postgresAddress();
  const auth = password === null ? user : `${user}:${encodeURIComponent(password)}`;
  return `postgres://${auth}@/${database}?host=${encodeURIComponent(a.host)}&port=${a.port}`;
};

beforeAll(async () => {
  // Only this role needs a password; every other connection of the run stays as it was.
  const a = postgresAddress();
  const hba = join(a.host, 'data', 'pg_hba.conf');
  const before = readFileSync(hba, 'utf8');
  if (!before.includes(ROLE)) writeFileSync(hba, `local all ${ROLE} scram-sha-256\n${before}`);
  await db().pool.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${SECRET}'`);
  await db().pool.query(`GRANT ALL ON SCHEMA public TO ${ROLE}`);
  await db().pool.query(`ALTER DATABASE ${db().name} OWNER TO ${ROLE}`);
  await db().pool.query('SELECT pg_reload_conf()');
  // The reload is a signal: wait until the cluster asks this role for its password.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const c = new pg.Client({ ...a, user: ROLE, password: 'wrong', database: db().name });
    const code = await c.connect().then(
      () => c.end().then(() => 'trusted'),
      (e: { code?: string }) => e.code,
    );
    if (code === '28P01') break;
    if (Date.now() > deadline) throw new Error(`The cluster did not start asking ${ROLE} for a password (${code}).`);
    await new Promise((r) => setTimeout(r, 50));
  }
});

describe('opening the workspace database', () => {
  it('connects with the right password and migrates to the latest schema', async () => {
    const opened = await openWorkspaceDatabase(socketUrl(ROLE, SECRET, db().name));
    try {
      expect(opened.schema).toBe(loadPgMigrations().at(-1)?.version);
      expect(opened.target).toMatchObject({ user: ROLE, database: db().name, port: postgresAddress().port });
      const { rows } = await opened.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM kairos_schema_migrations');
      expect(rows[0]?.n).toBe(opened.schema);
    } finally {
      await opened.pool.end();
    }
  });

  it('says a wrong password was refused, without printing it', async () => {
    const e = await failure(socketUrl(ROLE, 'not-the-Pw-1234', db().name));
    expect(e.code).toBe('wrong_password');
    expect(e.message).toMatch(new RegExp(`refused the password for user "${ROLE}"`));
    expect(e.message).not.toContain('not-the-Pw-1234');
    expect(e.message).not.toContain(SECRET);
  });

  it('says a password is needed when the address has none', async () => {
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      // On the file's own database: a half-open connection left behind would hold up dropping it after the tests.
      const e = await failure(socketUrl(ROLE, null, db().name));
      expect(e.code).toBe('password_needed');
      expect(e.message).toMatch(/PGPASSWORD/);
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
    }
  });

  it('says the database is unreachable when nothing listens, and names a missing database', async () => {
    const e = await failure(`postgres://kairos:${SECRET}@127.0.0.1:1/kairos`);
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/cannot be reached.*127\.0\.0\.1:1/);
    expect(e.message).not.toContain(SECRET);
    const missing = await failure(socketUrl(postgresAddress().user, null, 'no_such_database_here'));
    expect(missing.code).toBe('no_database');
    expect(missing.message).toMatch(/createdb/);
  });

  it('refuses an address that is not postgres://, without repeating it', () => {
    expect(() => parseDatabaseUrl(`mysql://root:${SECRET}@db/x`)).toThrow(/must start with postgres:\/\//);
    try {
      parseDatabaseUrl(`mysql://root:${SECRET}@db/x`);
    } catch (e) {
      expect((e as Error).message).not.toContain(SECRET);
    }
    expect(withoutSecret('a p@ss b p%40ss', 'p@ss')).toBe('a *** b ***');
  });
});
