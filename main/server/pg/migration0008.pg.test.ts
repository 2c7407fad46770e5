// Migration 0008 the way it meets data: a workspace with published posts is migrated, then the new tables are
// checked: snapshots with their rules, metric_latest kept by the trigger, what goes with a target or an account, and
// the hand-off rows that outlive their post.

import { beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { migratePg, schemaVersion } from './migrate';

const db = databaseForThisFile('migration_0008');
const T0 = '2026-03-01T09:00:00Z';

describe('0008: metrics, audience, signal history and the Mastodon hand-off', () => {
  beforeAll(async () => {
    const pool = db().pool;
    const before = await migratePg(pool, { upTo: 7 });
    expect(before).toBeLessThan(9);
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_m', 'mastodon', 'Brand', '@b', '${T0}', '${T0}');
      INSERT INTO posts (id, text, time_zone, status, created_at, updated_at) VALUES
        ('post_1', 'Hello', 'Europe/Rome', 'published', '${T0}', '${T0}'), ('post_2', 'Later', 'Europe/Rome', 'scheduled', '${T0}', '${T0}');
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key, remote_id, published_at)
        VALUES ('tgt_1', 'post_1', 'acc_m', 'published', 'k1', '101', '${T0}');
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key, due_at) VALUES ('tgt_2', 'post_2', 'acc_m', 'scheduled', 'k2', '${T0}');
    `);
    expect(await migratePg(pool, { upTo: 8 })).toBe(8);
  });

  it('keeps the rows that were there and adds empty tables', async () => {
    const pool = db().pool;
    expect(await schemaVersion(pool)).toBe(8);
    expect((await pool.query('SELECT id, status FROM targets ORDER BY id')).rows).toEqual([
      { id: 'tgt_1', status: 'published' },
      { id: 'tgt_2', status: 'scheduled' },
    ]);
    for (const t of [
      'metric_snapshots',
      'metric_latest',
      'follower_counts',
      'audience_posts',
      'signal_history',
      'mastodon_handoffs',
      'mastodon_metrics',
    ])
      expect((await pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows, t).toEqual([{ n: 0 }]);
  });

  it('snapshots: counts or a deletion, one per planned milestone; the latest counted reading kept by the trigger', async () => {
    const pool = db().pool;
    const snap = (milestone: string, at: string, state: string, likes: number | null) =>
      pool.query(
        `INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, quotes, source)
         VALUES ('tgt_1', $1, $2, $3, $4, $5, $5, NULL, 'mastodon_api')`,
        [milestone, at, state, likes, likes === null ? null : 0],
      );
    await snap('24h', '2026-03-02T09:00:00Z', 'counted', 10);
    await expect(snap('24h', '2026-03-02T10:00:00Z', 'counted', 11)).rejects.toThrow(/metric_snapshots_one_per_milestone/);
    await expect(snap('2h', '2026-03-02T10:00:00Z', 'counted', 11)).rejects.toThrow(/metric_snapshots_milestone_check/);
    await expect(snap('manual', '2026-03-02T10:00:00Z', 'deleted', 3)).rejects.toThrow(/metric_snapshots_check/);
    await expect(snap('manual', '2026-03-02T10:00:00Z', 'counted', null)).rejects.toThrow(/metric_snapshots_check/);
    // An older reading written later does not replace the newer one; manual readings may repeat.
    await snap('1h', '2026-03-01T10:00:00Z', 'counted', 2);
    await snap('manual', '2026-03-03T09:00:00Z', 'counted', 12);
    await snap('manual', '2026-03-03T09:00:00Z', 'counted', 13);
    const latest = async () => (await pool.query('SELECT target_id, likes, reposts, quotes, taken_at, deleted FROM metric_latest')).rows;
    expect(await latest()).toEqual([
      { target_id: 'tgt_1', likes: 13, reposts: 0, quotes: null, taken_at: new Date('2026-03-03T09:00:00Z'), deleted: false },
    ]);
    await snap('7d', '2026-03-08T09:00:00Z', 'deleted', null);
    expect(await latest()).toEqual([
      { target_id: 'tgt_1', likes: 13, reposts: 0, quotes: null, taken_at: new Date('2026-03-03T09:00:00Z'), deleted: true },
    ]);
  });

  it('followers per account and day; audience posts in the order first read; signals once per answer', async () => {
    const pool = db().pool;
    await pool.query(`
      INSERT INTO follower_counts (account_id, day, followers, following, taken_at, source) VALUES ('acc_m', '2026-03-01', 10, NULL, '${T0}', 'x');
      INSERT INTO audience_posts (account_id, remote_id, kind, target_id, author, text, created_at, fetched_at) VALUES
        ('acc_m', 'r2', 'reply', 'tgt_1', '@a', 'hi', '${T0}', '${T0}'), ('acc_m', 'r1', 'mention', NULL, '@b', 'yo', '${T0}', '${T0}');
      INSERT INTO signal_history (account_id, kind, items, fetched_at) VALUES ('acc_m', 'trends', '[]', '${T0}');
    `);
    await expect(
      pool.query(
        `INSERT INTO follower_counts (account_id, day, followers, taken_at, source) VALUES ('acc_m', '2026-03-01', 11, now(), 'x')`,
      ),
    ).rejects.toThrow(/follower_counts_pkey/);
    await expect(
      pool.query(
        `INSERT INTO audience_posts (account_id, remote_id, kind, author, text, created_at, fetched_at) VALUES ('acc_m', 'r3', 'like', '@c', '', now(), now())`,
      ),
    ).rejects.toThrow(/audience_posts_kind_check/);
    await expect(
      pool.query(`INSERT INTO signal_history (account_id, kind, items, fetched_at) VALUES ('acc_m', 'trends', '[1]', '${T0}')`),
    ).rejects.toThrow(/signal_history_pkey/);
    // An upsert keeps a row's place.
    await pool.query(
      `INSERT INTO audience_posts (account_id, remote_id, kind, author, text, created_at, fetched_at) VALUES ('acc_m', 'r2', 'reply', '@a', 'edited', now(), now())
       ON CONFLICT (account_id, remote_id) DO UPDATE SET text = excluded.text`,
    );
    expect((await pool.query('SELECT remote_id, text FROM audience_posts ORDER BY position')).rows).toEqual([
      { remote_id: 'r2', text: 'edited' },
      { remote_id: 'r1', text: 'yo' },
    ]);
  });

  it('hand-off rows: known states only, and they outlive their post; metrics go with their target', async () => {
    const pool = db().pool;
    await pool.query(`
      INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, remote_id, remote_at, content_hash, due_at, created_at, updated_at)
        VALUES ('tgt_2', 'acc_m', 'scheduled', 'k', '3001', '${T0}', 'h', '${T0}', '${T0}', '${T0}');
      INSERT INTO mastodon_metrics (target_id, remote_id, likes, reposts, replies, quotes, fetched_at) VALUES ('tgt_1', '101', 1, 2, 3, NULL, '${T0}');
    `);
    await expect(
      pool.query(
        `INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, content_hash, created_at, updated_at) VALUES ('t9', 'a', 'lost', 'k', 'h', now(), now())`,
      ),
    ).rejects.toThrow(/mastodon_handoffs_state_check/);

    await pool.query(`DELETE FROM posts`);
    // Gone with their targets: snapshots, the latest numbers, Mastodon's numbers; audience posts lose their target.
    for (const t of ['metric_snapshots', 'metric_latest', 'mastodon_metrics'])
      expect((await pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows, t).toEqual([{ n: 0 }]);
    expect((await pool.query('SELECT remote_id, target_id FROM audience_posts ORDER BY position')).rows).toEqual([
      { remote_id: 'r2', target_id: null },
      { remote_id: 'r1', target_id: null },
    ]);
    expect((await pool.query('SELECT target_id, remote_id FROM mastodon_handoffs')).rows).toEqual([
      { target_id: 'tgt_2', remote_id: '3001' },
    ]);

    await pool.query(`DELETE FROM accounts`);
    for (const t of ['follower_counts', 'audience_posts', 'signal_history'])
      expect((await pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows, t).toEqual([{ n: 0 }]);
  });
});
