// Migration 0007 (the conversation tables) on a real PostgreSQL: migrated to 0006 with publishing rows in place, then to
// 0007; the rows stay, the new tables take what the stores write and refuse what they never write, and rows go (or
// let go) with their account, post, target and watch term.

import { describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { migratePg, schemaVersion } from './migrate';

const database = databaseForThisFile('migration0007');
const T0 = '2026-06-01T09:00:00Z';

const NEW_TABLES = [
  'awareness_days',
  'conversation_alerts',
  'conversation_settings',
  'preflight_checks',
  'preflight_skipped_posts',
  'signal_cache',
  'term_volume',
  'watch_terms',
];

describe('workspace migration 0007: the conversation tables', () => {
  it('adds the tables beside the existing rows, with their checks, order and cascades', async () => {
    const { pool } = database();
    expect(await migratePg(pool, { upTo: 6 })).toBe(6);
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES
        ('acc_1', 'mastodon', 'Brand', '@brand', '${T0}', '${T0}'), ('acc_2', 'bluesky', 'Other', '@other', '${T0}', '${T0}');
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES
        ('post_1', 'Hello', 'UTC', '${T0}', 'scheduled', '${T0}', '${T0}'), ('post_2', 'Bye', 'UTC', '${T0}', 'scheduled', '${T0}', '${T0}');
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key) VALUES
        ('tgt_1', 'post_1', 'acc_1', 'scheduled', '${T0}', 'k1'), ('tgt_2', 'post_2', 'acc_2', 'scheduled', '${T0}', 'k2');
    `);
    const tablesBefore = await pool.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`);
    for (const t of NEW_TABLES) expect(tablesBefore.rows.map((r) => r.t)).not.toContain(t);

    expect(await migratePg(pool, { upTo: 7 })).toBe(7);
    expect(await schemaVersion(pool)).toBe(7);
    const { rows: tables } = await pool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY ($1::text[]) ORDER BY 1`,
      [NEW_TABLES],
    );
    expect(tables.map((r) => r.t)).toEqual(NEW_TABLES);
    expect((await pool.query('SELECT id FROM targets ORDER BY id')).rows).toEqual([{ id: 'tgt_1' }, { id: 'tgt_2' }]);

    await pool.query(`
      INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES
        ('acc_1', 'trends', '', '[{"name": "launch"}]', '${T0}'), ('acc_1', 'search', 'launch', '[]', '${T0}'),
        ('acc_2', 'mentions', '', '[]', '${T0}');
      INSERT INTO term_volume (account_id, term, at, per_hour) VALUES ('acc_1', 'launch', '${T0}', 4), ('acc_2', 'launch', '${T0}', 2);
      INSERT INTO watch_terms (id, term, severity, created_at) VALUES ('wat_1', 'strike', 'high', '${T0}');
      INSERT INTO conversation_alerts (id, kind, dedupe_key, watch_term_id, term, severity, source, platform, account_id, post_id, text, created_at)
        VALUES ('alr_1', 'watch', 'k1', 'wat_1', 'strike', 'high', 'trend', 'mastodon', 'acc_1', NULL, 'Trending', '${T0}'),
               ('alr_2', 'preflight', 'k2', NULL, 'strike', 'high', 'hashtag', NULL, NULL, 'post_1', 'Held', '${T0}'),
               ('alr_3', 'watch', 'k3', NULL, 'refund', 'medium', 'mention', 'mastodon', 'acc_1', NULL, 'A mention', '${T0}');
      INSERT INTO conversation_settings (key, value) VALUES ('countries', '["IT"]'), ('preflightMinutes', '10');
      INSERT INTO awareness_days (id, name, rule, created_at) VALUES ('day_1', 'Ours', '{"kind": "month", "month": 3}', '${T0}');
      INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason) VALUES
        ('tgt_1', '${T0}', 'post_1', '${T0}', 'held', 'Held'), ('tgt_2', '${T0}', 'post_2', '${T0}', 'clear', 'Clear');
      INSERT INTO preflight_skipped_posts (post_id, created_at) VALUES ('post_1', '${T0}');
    `);
    expect((await pool.query(`SELECT value FROM conversation_settings ORDER BY key`)).rows).toEqual([{ value: ['IT'] }, { value: 10 }]);
    // Alerts are kept in the order they were written, for the tie-break of the newest first.
    const { rows: order } = await pool.query<{ id: string }>('SELECT id FROM conversation_alerts ORDER BY position');
    expect(order.map((r) => r.id)).toEqual(['alr_1', 'alr_2', 'alr_3']);

    // What the stores never write is refused.
    const refused: [string, RegExp][] = [
      [`INSERT INTO signal_cache (account_id, kind, items, fetched_at) VALUES ('acc_1', 'gossip', '[]', now())`, /signal_cache_kind_check/],
      [
        `INSERT INTO signal_cache (account_id, kind, items, fetched_at) VALUES ('acc_2', 'trends', '{}', now())`,
        /signal_cache_items_check/,
      ],
      [`INSERT INTO signal_cache (account_id, kind, items, fetched_at) VALUES ('acc_1', 'trends', '[]', now())`, /signal_cache_pkey/],
      [
        `INSERT INTO signal_cache (account_id, kind, items, fetched_at) VALUES ('acc_9', 'trends', '[]', now())`,
        /signal_cache_account_id_fkey/,
      ],
      [`INSERT INTO watch_terms (id, term, severity, created_at) VALUES ('wat_2', 'strike', 'low', now())`, /watch_terms_by_term/],
      [`INSERT INTO watch_terms (id, term, severity, created_at) VALUES ('wat_3', 'x', 'urgent', now())`, /watch_terms_severity_check/],
      [
        `INSERT INTO conversation_alerts (id, kind, dedupe_key, term, severity, source, text, created_at) VALUES ('a', 'watch', 'k1', 't', 'low', 'trend', 'x', now())`,
        /conversation_alerts_by_key/,
      ],
      [
        `INSERT INTO conversation_alerts (id, kind, dedupe_key, term, severity, source, text, created_at) VALUES ('b', 'nudge', 'kb', 't', 'low', 'trend', 'x', now())`,
        /conversation_alerts_kind_check/,
      ],
      [`INSERT INTO awareness_days (id, name, rule, created_at) VALUES ('day_2', 'Bad', '[1]', now())`, /awareness_days_rule_check/],
      [
        `INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason) VALUES ('tgt_1', now(), 'post_1', now(), 'maybe', 'r')`,
        /preflight_checks_result_check/,
      ],
      [`UPDATE preflight_checks SET decision = 'later' WHERE target_id = 'tgt_1'`, /preflight_checks_decision_check/],
      [
        `INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason) VALUES ('tgt_1', '${T0}', 'post_1', now(), 'clear', 'r')`,
        /preflight_checks_pkey/,
      ],
      [
        `INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason) VALUES ('tgt_1', now(), 'post_9', now(), 'clear', 'r')`,
        /preflight_checks_post_id_fkey/,
      ],
    ];
    for (const [sql, error] of refused) await expect(pool.query(sql), sql).rejects.toThrow(error);

    // A removed watch term takes its alerts; a removed account takes its cache and volumes and lets go of its alerts.
    await pool.query(`DELETE FROM watch_terms WHERE id = 'wat_1'`);
    expect((await pool.query('SELECT id FROM conversation_alerts ORDER BY id')).rows).toEqual([{ id: 'alr_2' }, { id: 'alr_3' }]);
    await pool.query(`DELETE FROM accounts WHERE id = 'acc_1'`);
    expect((await pool.query(`SELECT account_id, kind FROM signal_cache`)).rows).toEqual([{ account_id: 'acc_2', kind: 'mentions' }]);
    expect((await pool.query(`SELECT account_id FROM term_volume`)).rows).toEqual([{ account_id: 'acc_2' }]);
    expect((await pool.query(`SELECT id, account_id FROM conversation_alerts WHERE id = 'alr_3'`)).rows).toEqual([
      { id: 'alr_3', account_id: null },
    ]);
    // The account's targets went with it, and their checks with them.
    expect((await pool.query('SELECT target_id FROM preflight_checks')).rows).toEqual([{ target_id: 'tgt_2' }]);

    // A removed post takes its checks, its opt-out and its pre-flight alerts.
    await pool.query(`DELETE FROM posts WHERE id = 'post_1'`);
    expect((await pool.query('SELECT count(*)::int AS n FROM preflight_skipped_posts')).rows).toEqual([{ n: 0 }]);
    expect((await pool.query('SELECT id FROM conversation_alerts')).rows).toEqual([{ id: 'alr_3' }]);
    await pool.query(`DELETE FROM posts WHERE id = 'post_2'`);
    expect((await pool.query('SELECT count(*)::int AS n FROM preflight_checks')).rows).toEqual([{ n: 0 }]);
    // Settings and awareness days belong to no post or account.
    expect((await pool.query('SELECT count(*)::int AS n FROM conversation_settings')).rows).toEqual([{ n: 2 }]);
    expect((await pool.query('SELECT id FROM awareness_days')).rows).toEqual([{ id: 'day_1' }]);
  });
});
