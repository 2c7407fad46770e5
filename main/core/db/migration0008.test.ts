// Migration 0008 (when media stopped being used), tested on rows written by the schema before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from './database';

describe('migration 0008', () => {
  it('marks media no post uses as unused since it was added, and leaves attached media in use', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 7);
    db.exec(`
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES
        ('post_1', 'With a picture', 'Europe/Rome', NULL, 'draft', 1, 1);
      INSERT INTO media (id, post_id, file_name, mime, bytes, stored_name, created_at) VALUES
        ('med_used', 'post_1', 'a.png', 'image/png', 10, 'med_used.png', 100),
        ('med_stray', NULL, 'b.png', 'image/png', 20, 'med_stray.png', 200);
    `);
    migrate(db, all, 8);
    expect(userVersion(db)).toBe(8);
    expect(db.prepare('SELECT id, post_id, unused_since FROM media ORDER BY id').all()).toEqual([
      { id: 'med_stray', post_id: null, unused_since: 200 },
      { id: 'med_used', post_id: 'post_1', unused_since: null },
    ]);
    expect(
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'media' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all(),
    ).toEqual([{ name: 'media_by_post' }, { name: 'media_unused' }]);
  });
});
