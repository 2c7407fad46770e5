// Each migration, tested the way it will meet real data: migrate to N-1, seed rows, migrate to N, check the rows.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, loadMigrations, migrate, openDatabase, userVersion } from './database';

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are numbered from 1 without gaps or duplicates', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_v, i) => i + 1));
  });

  it('0001 creates strict tables with named indexes', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 1);
    expect(userVersion(db)).toBe(1);
    const tables = db
      .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    expect(tables.map((t) => t.name)).toEqual(['accounts', 'events', 'posts', 'scheduler_lease', 'settings', 'targets']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\) STRICT$/);
    const indexes = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all();
    expect(indexes.map((i) => i.name)).toEqual(['events_by_post', 'posts_by_scheduled_at', 'targets_by_account', 'targets_by_status_due']);
  });

  it('0002 keeps existing posts and targets and gives them empty options, parts and no hand-off', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    migrate(db, all, 1);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'discord', 'Community', 'hook', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES ('post_1', 'Hello', 'Europe/Rome', 1000, 'scheduled', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key) VALUES ('tgt_1', 'post_1', 'acc_1', 'scheduled', 1000, 'key1');
    `);
    migrate(db, all, 2);
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT id, text, options, parts FROM posts').all()).toEqual([
      { id: 'post_1', text: 'Hello', options: '{}', parts: '[]' },
    ]);
    expect(db.prepare('SELECT id, status, due_at, handoff_id, handoff_at FROM targets').all()).toEqual([
      { id: 'tgt_1', status: 'scheduled', due_at: 1000, handoff_id: null, handoff_at: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM target_parts').get()).toEqual({ n: 0 });
  });
});

describe('opening the database', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets WAL, full sync, foreign keys and a busy timeout', async () => {
    const db = await openDatabase(join(dir, 'k.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('backs up an existing database before applying pending migrations', async () => {
    const path = join(dir, 'k.sqlite');
    const old = new Database(path);
    migrate(old, loadMigrations(), 1);
    old.exec("INSERT INTO settings (key, value) VALUES ('theme', 'dark')");
    old.close();
    const db = await openDatabase(path);
    expect(userVersion(db)).toBe(loadMigrations().at(-1)?.version);
    db.close();
    const backups = listBackups(path);
    expect(backups).toHaveLength(1);
    const copy = new Database(backups[0] as string, { readonly: true });
    expect(userVersion(copy)).toBe(1);
    expect(copy.prepare('SELECT value FROM settings').get()).toEqual({ value: 'dark' });
    copy.close();
  });

  it('does not back up a brand-new database', async () => {
    const path = join(dir, 'k.sqlite');
    (await openDatabase(path)).close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses a database from a newer Kairos with a clear sentence', async () => {
    const path = join(dir, 'k.sqlite');
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    await expect(openDatabase(path)).rejects.toThrow(/written by a newer Kairos \(schema 999/);
  });

  it('reports a file that is not a database instead of crashing', async () => {
    const path = join(dir, 'k.sqlite');
    writeFileSync(path, 'this is not a database, just text that happens to be long enough to look like one'.repeat(100));
    await expect(openDatabase(path)).rejects.toThrow(/is damaged/);
  });
});
