// Migration 0010 the way it meets data: a workspace with active and deactivated people is migrated; everyone keeps
// getting every notification by email (as before), and only the three known choices can be stored.

import { beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { migratePg, schemaVersion } from './migrate';

const db = databaseForThisFile('migration_0010');
const T0 = '2030-03-01T09:00:00Z';

describe('0010: each person’s choice of notification emails', () => {
  beforeAll(async () => {
    const pool = db().pool;
    expect(await migratePg(pool, { upTo: 9 })).toBe(9);
    await pool.query(`
      INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at, deactivated_at) VALUES
        ('u_own', 'olga@example.org', 'Olga', 'owner', 'x', '${T0}', '${T0}', NULL),
        ('u_vic', 'vic@example.org', 'Vic', 'viewer', 'x', '${T0}', '${T0}', NULL),
        ('u_old', 'old@example.org', 'Gone', 'editor', 'x', '${T0}', '${T0}', '${T0}');
    `);
    expect(await migratePg(pool, { upTo: 10 })).toBe(10);
  });

  it('keeps every person, each getting every email as before', async () => {
    const pool = db().pool;
    expect(await schemaVersion(pool)).toBe(10);
    const { rows } = await pool.query('SELECT id, email, email_notifications, updated_at FROM users ORDER BY id');
    expect(rows).toEqual([
      { id: 'u_old', email: 'old@example.org', email_notifications: 'all', updated_at: new Date(T0) },
      { id: 'u_own', email: 'olga@example.org', email_notifications: 'all', updated_at: new Date(T0) },
      { id: 'u_vic', email: 'vic@example.org', email_notifications: 'all', updated_at: new Date(T0) },
    ]);
  });

  it('gives people added afterwards the same default, and stores only the known choices', async () => {
    const pool = db().pool;
    await pool.query(
      `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ('u_new', 'new@example.org', 'New', 'editor', 'x', now(), now())`,
    );
    expect((await pool.query(`SELECT email_notifications FROM users WHERE id = 'u_new'`)).rows).toEqual([{ email_notifications: 'all' }]);
    for (const choice of ['needs_me', 'none', 'all'])
      await pool.query(`UPDATE users SET email_notifications = $1 WHERE id = 'u_vic'`, [choice]);
    await expect(pool.query(`UPDATE users SET email_notifications = 'weekly' WHERE id = 'u_vic'`)).rejects.toThrow(/check constraint/);
    await expect(pool.query(`UPDATE users SET email_notifications = NULL WHERE id = 'u_vic'`)).rejects.toThrow(/not-null/);
  });
});
