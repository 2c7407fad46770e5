// Migration 0010 (evergreen queues, first comments, feed tokens), tested on data written by the schema before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from './database';

describe('migration 0010', () => {
  it('adds the evergreen, follow-up and feed tables without touching existing posts, and cascades from them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 9);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_b', 'mastodon', 'Brand', '@brand', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, created_at, updated_at) VALUES
        ('post_1', 'Evergreen tip', 'Europe/Rome', 100, 'published', '["tips"]', '{"evergreen":true}', 1, 1),
        ('post_2', 'Its copy', 'Europe/Rome', 200, 'scheduled', '["tips"]', '{}', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key, published_at) VALUES
        ('tgt_1', 'post_1', 'acc_b', 'published', 'k1', 100), ('tgt_2', 'post_2', 'acc_b', 'scheduled', 'k2', NULL);
    `);
    migrate(db, all, 10);
    expect(userVersion(db)).toBe(10);
    expect(db.prepare('SELECT id, text, options, target_marks FROM posts ORDER BY id').all()).toEqual([
      { id: 'post_1', text: 'Evergreen tip', options: '{"evergreen":true}', target_marks: 'acc_b\x1fpublished' },
      { id: 'post_2', text: 'Its copy', options: '{}', target_marks: 'acc_b\x1fscheduled' },
    ]);
    db.exec(`
      INSERT INTO evergreen_queues (label, min_interval_days, stop_date, time_zone, active, created_at, updated_at)
        VALUES ('tips', 7, '2026-12-31', 'Europe/Rome', 1, 5, 5);
      INSERT INTO evergreen_reposts (copy_post_id, source_post_id, label, slot_at, variant, created_at) VALUES ('post_2', 'post_1', 'tips', 200, 1, 5);
      INSERT INTO target_followups (target_id, text, idempotency_key, due_at, status) VALUES ('tgt_1', 'Reply', 'fk1', 700, 'waiting');
      INSERT INTO feed_tokens (id, kind, token_hash, created_at) VALUES ('feed_1', 'schedule', 'abc', 5);
    `);
    expect(db.prepare('SELECT * FROM evergreen_queues').all()).toEqual([
      { label: 'tips', min_interval_days: 7, stop_date: '2026-12-31', time_zone: 'Europe/Rome', active: 1, created_at: 5, updated_at: 5 },
    ]);
    expect(db.prepare('SELECT target_id, status, attempts, remote_id FROM target_followups').all()).toEqual([
      { target_id: 'tgt_1', status: 'waiting', attempts: 0, remote_id: null },
    ]);
    expect(() =>
      db.exec("INSERT INTO target_followups (target_id, text, idempotency_key, due_at, status) VALUES ('tgt_2', 'x', 'k', 1, 'sent')"),
    ).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO feed_tokens (id, kind, token_hash, created_at) VALUES ('feed_2', 'schedule', 'abc', 6)")).toThrow(
      /UNIQUE/,
    );
    // Deleting the copy removes its repost row; deleting the source's account removes its follow-up with the target.
    db.exec("DELETE FROM posts WHERE id = 'post_2'");
    expect(db.prepare('SELECT count(*) AS n FROM evergreen_reposts').get()).toEqual({ n: 0 });
    db.exec("DELETE FROM accounts WHERE id = 'acc_b'");
    expect(db.prepare('SELECT count(*) AS n FROM target_followups').get()).toEqual({ n: 0 });
  });
});
