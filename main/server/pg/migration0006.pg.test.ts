// Migration 0006 on a database that already holds accounts, posts and targets: the feature tables are added beside
// them, with the desktop's checks and with rows that go when their account, post or target goes.

import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { postgresAddress } from '../../testing/postgresDatabase';
import { migratePg } from './migrate';

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.drop()));
});

const T0 = '2026-03-01T09:00:00Z';
const FEATURE_TABLES = [
  'app_preferences',
  'evergreen_queues',
  'evergreen_reposts',
  'feed_tokens',
  'posting_schedules',
  'posting_slots',
  'report_schedules',
  'target_followups',
];

describe('workspace migration 0006', () => {
  it('adds the feature tables beside existing posts, with their checks and cascades', async () => {
    const db = await createTestDatabase(postgresAddress(), 'migration_0006');
    opened.push(db);
    const { pool } = db;
    expect(await migratePg(pool, { upTo: 5 })).toBe(5);
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES
        ('acc_1', 'mastodon', 'Brand', '@brand', '${T0}', '${T0}'), ('acc_2', 'bluesky', 'Other', '@o', '${T0}', '${T0}');
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, created_at, updated_at) VALUES
        ('p_src', 'Tip', 'UTC', '${T0}', 'published', '["tips"]', '{"evergreen": true}', '${T0}', '${T0}'),
        ('p_copy', 'Tip again', 'UTC', '${T0}', 'scheduled', '["tips"]', '{}', '${T0}', '${T0}');
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key, published_at) VALUES
        ('t_1', 'p_src', 'acc_1', 'published', 'k1', '${T0}');
    `);
    const before = await pool.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE tablename = ANY ($1)`, [FEATURE_TABLES]);
    expect(before.rows).toEqual([]);

    expect(await migratePg(pool, { upTo: 6 })).toBe(6);
    const after = await pool.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE tablename = ANY ($1) ORDER BY 1`, [
      FEATURE_TABLES,
    ]);
    expect(after.rows.map((r) => r.t)).toEqual(FEATURE_TABLES);
    expect((await pool.query('SELECT id, text FROM posts ORDER BY id')).rows).toEqual([
      { id: 'p_copy', text: 'Tip again' },
      { id: 'p_src', text: 'Tip' },
    ]);

    await pool.query(`
      INSERT INTO posting_schedules (account_id, time_zone, updated_at) VALUES ('acc_1', 'Europe/Rome', '${T0}'), ('acc_2', 'UTC', '${T0}');
      INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_1', 'mon', '09:00'), ('acc_2', 'tue', '12:30');
      INSERT INTO app_preferences (key, value) VALUES ('openAtLogin', 'true');
      INSERT INTO report_schedules (id, cadence, folder, format, created_at) VALUES ('rep_1', 'weekly', '/r', 'pdf', '${T0}');
      INSERT INTO evergreen_queues (label, min_interval_days, time_zone, created_at, updated_at) VALUES ('tips', 7, 'UTC', '${T0}', '${T0}');
      INSERT INTO evergreen_reposts (copy_post_id, source_post_id, label, slot_at, created_at) VALUES ('p_copy', 'p_src', 'tips', '${T0}', '${T0}');
      INSERT INTO target_followups (target_id, text, idempotency_key, due_at, status) VALUES ('t_1', 'More', 'fk', '${T0}', 'waiting');
      INSERT INTO feed_tokens (id, kind, token_hash, created_at) VALUES ('feed_1', 'schedule', 'h1', '${T0}');
    `);
    expect((await pool.query('SELECT account_ids, labels, last_error_note FROM report_schedules')).rows).toEqual([
      { account_ids: [], labels: [], last_error_note: null },
    ]);
    expect((await pool.query('SELECT active FROM evergreen_queues')).rows).toEqual([{ active: true }]);
    expect((await pool.query('SELECT attempts, lease_until FROM target_followups')).rows).toEqual([{ attempts: 0, lease_until: null }]);

    const refused = async (sql: string, constraint: RegExp) => expect(pool.query(sql)).rejects.toThrow(constraint);
    await refused(
      `INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_1', 'monday', '09:00')`,
      /posting_slots_weekday_check/,
    );
    await refused(`INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_1', 'mon', '9:00')`, /posting_slots_time_check/);
    await refused(`INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_1', 'mon', '09:00')`, /posting_slots_pkey/);
    await refused(`UPDATE report_schedules SET account_ids = '{"a": 1}'`, /report_schedules_account_ids_check/);
    await refused(`UPDATE report_schedules SET last_period_end = 'last week'`, /report_schedules_last_period_end_check/);
    await refused(`UPDATE report_schedules SET format = 'docx'`, /report_schedules_format_check/);
    await refused(`UPDATE evergreen_queues SET min_interval_days = 0`, /evergreen_queues_min_interval_days_check/);
    await refused(`UPDATE evergreen_queues SET stop_date = '31/12/2026'`, /evergreen_queues_stop_date_check/);
    await refused(`UPDATE target_followups SET status = 'sent'`, /target_followups_status_check/);
    await refused(
      `INSERT INTO feed_tokens (id, kind, token_hash, created_at) VALUES ('feed_2', 'schedule', 'h1', now())`,
      /feed_tokens_by_hash/,
    );
    await refused(
      `INSERT INTO feed_tokens (id, kind, token_hash, created_at) VALUES ('feed_3', 'all', 'h3', now())`,
      /feed_tokens_kind_check/,
    );

    // Rows go with their account, post and target.
    await pool.query(`DELETE FROM accounts WHERE id = 'acc_2'`);
    expect((await pool.query('SELECT account_id, weekday FROM posting_slots')).rows).toEqual([{ account_id: 'acc_1', weekday: 'mon' }]);
    await pool.query(`DELETE FROM targets WHERE id = 't_1'`);
    expect((await pool.query('SELECT count(*)::int AS n FROM target_followups')).rows).toEqual([{ n: 0 }]);
    await pool.query(`DELETE FROM posts WHERE id = 'p_src'`);
    expect((await pool.query('SELECT count(*)::int AS n FROM evergreen_reposts')).rows).toEqual([{ n: 0 }]);
    await pool.query(`DELETE FROM posting_schedules WHERE account_id = 'acc_1'`);
    expect((await pool.query('SELECT count(*)::int AS n FROM posting_slots')).rows).toEqual([{ n: 0 }]);
  });
});
