// Migration 0007 (target marks kept on posts by triggers), tested on data written by the schema before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseTargetMarks } from '../repos/postRows';
import { loadMigrations, migrate, userVersion } from './database';

const marksOf = (db: Database.Database, id: string) =>
  parseTargetMarks((db.prepare('SELECT target_marks FROM posts WHERE id = ?').get(id) as { target_marks: string }).target_marks);

describe('migration 0007', () => {
  it('fills the marks of existing posts and keeps them true on insert, status change and delete', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 6);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES
        ('acc_a', 'discord', 'Community', 'hook', 1, 1), ('acc_b', 'mastodon', 'Brand', '@brand', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES
        ('post_1', 'Two networks', 'Europe/Rome', 100, 'partial', 1, 1),
        ('post_2', 'A draft', 'Europe/Rome', NULL, 'draft', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key) VALUES
        ('tgt_1b', 'post_1', 'acc_b', 'published', 'k1'), ('tgt_1a', 'post_1', 'acc_a', 'failed', 'k2');
    `);
    migrate(db, all, 7);
    expect(userVersion(db)).toBe(7);
    expect(marksOf(db, 'post_1')).toEqual([
      { accountId: 'acc_b', status: 'published' },
      { accountId: 'acc_a', status: 'failed' },
    ]);
    expect(marksOf(db, 'post_2')).toEqual([]);

    db.exec(
      `INSERT INTO targets (id, post_id, account_id, status, idempotency_key) VALUES ('tgt_2a', 'post_2', 'acc_a', 'scheduled', 'k3')`,
    );
    expect(marksOf(db, 'post_2')).toEqual([{ accountId: 'acc_a', status: 'scheduled' }]);

    db.exec(`UPDATE targets SET status = 'retrying', attempts = 1 WHERE id = 'tgt_1a'`);
    expect(marksOf(db, 'post_1')[1]).toEqual({ accountId: 'acc_a', status: 'retrying' });

    // Removing an account cascades to its targets, and the marks follow.
    db.exec(`DELETE FROM accounts WHERE id = 'acc_a'`);
    expect(marksOf(db, 'post_1')).toEqual([{ accountId: 'acc_b', status: 'published' }]);
    expect(marksOf(db, 'post_2')).toEqual([]);

    // Deleting a post takes its targets with it without tripping over the row being deleted.
    db.exec(`DELETE FROM posts WHERE id = 'post_1'`);
    expect(db.prepare('SELECT count(*) AS n FROM targets').get()).toEqual({ n: 0 });
  });
});
