// Migration 0006 (posting slots, app preferences), tested on data written by the schema before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from './database';

describe('migration 0006', () => {
  it('adds slot and preference tables, leaves existing rows alone, and cascades from accounts', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 5);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'discord', 'Community', 'hook', 1, 1);
      INSERT INTO settings (key, value) VALUES ('timeZone', 'Europe/Rome');
    `);
    migrate(db, all, 6);
    expect(userVersion(db)).toBe(6);
    expect(db.prepare('SELECT id, name FROM accounts').all()).toEqual([{ id: 'acc_1', name: 'Community' }]);
    expect(db.prepare('SELECT key, value FROM settings').all()).toEqual([{ key: 'timeZone', value: 'Europe/Rome' }]);

    const tables = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('posting_schedules', 'posting_slots', 'app_preferences') ORDER BY name",
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(['app_preferences', 'posting_schedules', 'posting_slots']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\) STRICT$/);
    for (const t of ['posting_schedules', 'posting_slots', 'app_preferences']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    }

    db.exec(`
      INSERT INTO posting_schedules (account_id, time_zone, updated_at) VALUES ('acc_1', 'Europe/Rome', 5);
      INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_1', 'mon', '09:00'), ('acc_1', 'fri', '17:30');
    `);
    expect(() => db.exec("INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_1', 'monday', '09:00')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_1', 'tue', '9:00')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO posting_slots (account_id, weekday, time) VALUES ('acc_2', 'tue', '09:00')")).toThrow(/FOREIGN KEY/);

    db.exec("DELETE FROM accounts WHERE id = 'acc_1'");
    expect(db.prepare('SELECT count(*) AS n FROM posting_schedules').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM posting_slots').get()).toEqual({ n: 0 });
  });
});
