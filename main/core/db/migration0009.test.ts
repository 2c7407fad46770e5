// Migration 0009 (numbers over time, followers, audience posts, signal history, report schedules) on data written before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from './database';

describe('migration 0009', () => {
  it('keeps existing targets, starts empty, and refuses zeros for a deleted post', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 8);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_m', 'mastodon', 'Brand', '@brand', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES ('post_1', 'Hello', 'Europe/Rome', 100, 'published', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key, remote_id, published_at) VALUES ('tgt_1', 'post_1', 'acc_m', 'published', 'k1', '99', 100);
    `);
    migrate(db, all, 9);
    expect(userVersion(db)).toBe(9);
    expect(db.prepare('SELECT id, status, remote_id, published_at FROM targets').all()).toEqual([
      { id: 'tgt_1', status: 'published', remote_id: '99', published_at: 100 },
    ]);
    for (const t of ['metric_snapshots', 'metric_latest', 'follower_counts', 'audience_posts', 'signal_history', 'report_schedules']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    }

    db.exec(`
      INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, quotes, source)
        VALUES ('tgt_1', '1h', 3600100, 'counted', 2, 1, 0, NULL, 'mastodon');
      INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, source) VALUES ('tgt_1', '24h', 86400100, 'deleted', 'mastodon');
    `);
    expect(db.prepare('SELECT milestone, state, likes, reposts, replies, quotes FROM metric_snapshots ORDER BY taken_at').all()).toEqual([
      { milestone: '1h', state: 'counted', likes: 2, reposts: 1, replies: 0, quotes: null },
      { milestone: '24h', state: 'deleted', likes: null, reposts: null, replies: null, quotes: null },
    ]);
    // The latest numbers follow the snapshots: the last counted ones, then the deletion.
    expect(db.prepare('SELECT target_id, likes, reposts, replies, quotes, taken_at, deleted FROM metric_latest').all()).toEqual([
      { target_id: 'tgt_1', likes: 2, reposts: 1, replies: 0, quotes: null, taken_at: 3600100, deleted: 1 },
    ]);
    // A deleted post with counts, or a second '1h' snapshot, is refused.
    expect(() =>
      db.exec(
        `INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, source) VALUES ('tgt_1', '7d', 1, 'deleted', 0, 0, 0, 'mastodon')`,
      ),
    ).toThrow(/CHECK constraint failed/);
    expect(() =>
      db.exec(
        `INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, source) VALUES ('tgt_1', '1h', 2, 'counted', 5, 0, 0, 'mastodon')`,
      ),
    ).toThrow(/UNIQUE constraint failed/);

    // Audience posts outlive the target they answered; snapshots and followers go with the account.
    db.exec(`
      INSERT INTO audience_posts (account_id, remote_id, kind, target_id, author, text, created_at, fetched_at)
        VALUES ('acc_m', 'r1', 'reply', 'tgt_1', '@carol', 'Love it?', 10, 20);
      INSERT INTO follower_counts (account_id, day, followers, taken_at, source) VALUES ('acc_m', '2026-06-01', 12, 5, 'mastodon');
      DELETE FROM targets WHERE id = 'tgt_1';
    `);
    expect(db.prepare('SELECT remote_id, target_id FROM audience_posts').all()).toEqual([{ remote_id: 'r1', target_id: null }]);
    expect(db.prepare('SELECT count(*) AS n FROM metric_snapshots').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM metric_latest').get()).toEqual({ n: 0 });
    db.exec(`DELETE FROM accounts WHERE id = 'acc_m'`);
    expect(db.prepare('SELECT count(*) AS n FROM audience_posts').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM follower_counts').get()).toEqual({ n: 0 });
  });
});
