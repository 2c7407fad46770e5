// Migration 0004 meets real data: existing targets stay, the hand-off and metrics tables start empty and behave as designed.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from '../../core/db/database';

describe('migration 0004 (mastodon)', () => {
  it('adds strict tables with a named index, keeps existing rows, and lets a hand-off row outlive its post', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 3);
    expect(userVersion(db)).toBeLessThan(4);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'mastodon', 'Brand', '@brand@m.example', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES ('post_1', 'Hi', 'Europe/Rome', 1000, 'scheduled', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key, handoff_id, handoff_at) VALUES ('tgt_1', 'post_1', 'acc_1', 'scheduled', 1000, 'key1', '3001', 1000);
    `);
    migrate(db, all, 4);
    expect(userVersion(db)).toBe(4);
    expect(db.prepare('SELECT id, status, handoff_id, handoff_at FROM targets').all()).toEqual([
      { id: 'tgt_1', status: 'scheduled', handoff_id: '3001', handoff_at: 1000 },
    ]);
    const tables = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'mastodon_%' ORDER BY name",
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(['mastodon_handoffs', 'mastodon_metrics']);
    for (const t of tables) expect(t.sql).toMatch(/\)\s*STRICT$/);
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mastodon_handoffs' AND name NOT LIKE 'sqlite_%'")
        .all(),
    ).toEqual([{ name: 'mastodon_handoffs_by_account' }]);
    expect(db.prepare('SELECT count(*) AS n FROM mastodon_handoffs').get()).toEqual({ n: 0 });

    db.exec(`
      INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, remote_id, remote_at, content_hash, due_at, created_at, updated_at)
        VALUES ('tgt_1', 'acc_1', 'scheduled', 'hk', '3001', 1000, 'h', 1000, 1, 1);
      INSERT INTO mastodon_metrics (target_id, remote_id, likes, reposts, replies, quotes, fetched_at) VALUES ('tgt_1', '99', 1, 2, 3, NULL, 5);
      DELETE FROM posts WHERE id = 'post_1';
    `);
    // The hand-off row stays, so the copy on the server can still be removed; the numbers go with the target.
    expect(db.prepare('SELECT target_id, remote_id FROM mastodon_handoffs').all()).toEqual([{ target_id: 'tgt_1', remote_id: '3001' }]);
    expect(db.prepare('SELECT count(*) AS n FROM mastodon_metrics').get()).toEqual({ n: 0 });
    const typed =
      "INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, content_hash, due_at, created_at, updated_at) VALUES ('t2', 'a', 'creating', 'k', 'h', ?, 1, 1)";
    expect(() => db.prepare(typed).run('soon')).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare(typed).run(5)).not.toThrow();
  });
});
