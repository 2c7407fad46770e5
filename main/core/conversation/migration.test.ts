// Migration 0005 meets real data: existing accounts and posts stay, the conversation tables start empty and follow deletions.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from '../db/database';

describe('migration 0005 (conversation)', () => {
  it('adds strict, empty tables with named indexes and keeps existing rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 4);
    const before = userVersion(db);
    expect(before).toBeLessThan(6);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'mastodon', 'Brand', '@brand', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES ('post_1', '#hello', 'Europe/Rome', 1000, 'scheduled', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key) VALUES ('tgt_1', 'post_1', 'acc_1', 'scheduled', 1000, 'key1');
    `);
    migrate(db, all, 5);
    expect(userVersion(db)).toBe(5);
    expect(db.prepare('SELECT id, handle FROM accounts').all()).toEqual([{ id: 'acc_1', handle: '@brand' }]);
    expect(db.prepare('SELECT id, status, due_at FROM targets').all()).toEqual([{ id: 'tgt_1', status: 'scheduled', due_at: 1000 }]);

    const mine = [
      'awareness_days',
      'conversation_alerts',
      'conversation_settings',
      'preflight_checks',
      'preflight_skipped_posts',
      'signal_cache',
      'term_volume',
      'watch_terms',
    ];
    const tables = db
      .prepare<string[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN (${mine.map(() => '?').join(',')}) ORDER BY name`,
      )
      .all(...mine);
    expect(tables.map((t) => t.name)).toEqual(mine);
    for (const t of tables) {
      expect(t.sql, t.name).toMatch(/\) STRICT$/);
      expect(db.prepare(`SELECT count(*) AS n FROM ${t.name}`).get(), t.name).toEqual({ n: 0 });
    }
    const indexes = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' AND tbl_name IN ('term_volume', 'watch_terms', 'conversation_alerts', 'preflight_checks') ORDER BY name",
      )
      .all();
    expect(indexes.map((i) => i.name)).toEqual([
      'conversation_alerts_active',
      'conversation_alerts_by_key',
      'preflight_checks_by_post',
      'term_volume_by_term',
      'watch_terms_by_term',
    ]);

    // Cached signals and checks go with their account and post.
    db.exec(`
      INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES ('acc_1', 'trends', '', '[]', 5);
      INSERT INTO term_volume (account_id, term, at, per_hour) VALUES ('acc_1', 'hello', 5, 3);
      INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason) VALUES ('tgt_1', 1000, 'post_1', 5, 'clear', 'ok');
    `);
    expect(() => db.exec("INSERT INTO signal_cache (account_id, kind, items, fetched_at) VALUES ('acc_1', 'gossip', '[]', 5)")).toThrow(
      /CHECK constraint failed/,
    );
    db.exec("DELETE FROM posts WHERE id = 'post_1'");
    expect(db.prepare('SELECT count(*) AS n FROM preflight_checks').get()).toEqual({ n: 0 });
    db.exec("DELETE FROM accounts WHERE id = 'acc_1'");
    expect(db.prepare('SELECT count(*) AS n FROM signal_cache').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM term_volume').get()).toEqual({ n: 0 });
  });
});
