// Migration 0003 (engine) meets real data: existing targets keep their state and learn when they were meant to go out.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from './database';

describe('migration 0003 (publishing engine)', () => {
  it('adds claim, wait, hold and pause columns and tables without touching existing rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 2);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'discord', 'Main', 'hook', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES
        ('post_1', 'soon', 'Europe/Rome', 5000, 'scheduled', 1, 1),
        ('post_2', 'done', 'Europe/Rome', 4000, 'published', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key, attempts) VALUES ('tgt_1', 'post_1', 'acc_1', 'scheduled', 5000, 'k1', 0);
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key, attempts, remote_id, published_at)
        VALUES ('tgt_2', 'post_2', 'acc_1', 'published', NULL, 'k2', 1, 'r2', 4100);`);
    migrate(db, all, 3);
    expect(userVersion(db)).toBe(3);
    expect(
      db
        .prepare(
          'SELECT id, status, due_at, intended_at, claimed_by, claimed_at, wait_kind, hold_kind, force_publish, remote_id FROM targets ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        id: 'tgt_1',
        status: 'scheduled',
        due_at: 5000,
        intended_at: 5000,
        claimed_by: null,
        claimed_at: null,
        wait_kind: null,
        hold_kind: null,
        force_publish: 0,
        remote_id: null,
      },
      {
        id: 'tgt_2',
        status: 'published',
        due_at: null,
        intended_at: null,
        claimed_by: null,
        claimed_at: null,
        wait_kind: null,
        hold_kind: null,
        force_publish: 0,
        remote_id: 'r2',
      },
    ]);
    expect(db.prepare('SELECT id, series_id, occurrence_at FROM posts ORDER BY id').all()).toEqual([
      { id: 'post_1', series_id: null, occurrence_at: null },
      { id: 'post_2', series_id: null, occurrence_at: null },
    ]);
    const tables = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('pauses', 'recurring_series') ORDER BY name",
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(['pauses', 'recurring_series']);
    for (const t of tables) expect(t.sql).toMatch(/\) STRICT$/);
    const indexes = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('targets_by_claim', 'posts_by_series')",
      )
      .all();
    expect(indexes.map((i) => i.name).sort()).toEqual(['posts_by_series', 'targets_by_claim']);

    // A pause is for everyone or for one existing account, and goes with the account.
    db.prepare("INSERT INTO pauses (scope, account_id, reason, since, actor) VALUES ('acc_1', 'acc_1', 'review', 1, 'user')").run();
    expect(() =>
      db.prepare("INSERT INTO pauses (scope, account_id, reason, since, actor) VALUES ('all', 'acc_1', 'x', 1, 'user')").run(),
    ).toThrow(/CHECK/);
    db.prepare("DELETE FROM accounts WHERE id = 'acc_1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM pauses').get()).toEqual({ n: 0 });
  });
});
