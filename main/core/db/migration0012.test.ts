// Migration 0012 (the target-marks status trigger refreshes each post by its id), on data written before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseTargetMarks } from '../repos/postRows';
import { loadMigrations, migrate, userVersion } from './database';

const marksOf = (db: Database.Database, id: string) =>
  parseTargetMarks((db.prepare('SELECT target_marks FROM posts WHERE id = ?').get(id) as { target_marks: string }).target_marks);

/** The query plans of a trigger's statements, with its NEW and OLD values bound as parameters. */
function triggerPlans(db: Database.Database, name: string): string[][] {
  const { sql } = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name) as { sql: string };
  const body = sql.slice(sql.indexOf('BEGIN') + 5, sql.lastIndexOf('END'));
  return body
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((statement) => {
      const bound = statement.replace(/\b(?:NEW|OLD)\.\w+/g, '?');
      const params = (bound.match(/\?/g) ?? []).map(() => 'x');
      return db
        .prepare(`EXPLAIN QUERY PLAN ${bound}`)
        .all(...params)
        .map((r) => (r as { detail: string }).detail);
    });
}

describe('migration 0012', () => {
  it('keeps every post and its marks, and a status change searches the post’s targets instead of grouping them all', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 11);
    db.exec(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES
        ('acc_a', 'discord', 'Community', 'hook', 1, 1), ('acc_b', 'mastodon', 'Brand', '@brand', 1, 1);
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES
        ('post_1', 'Two networks', 'Europe/Rome', 100, 'scheduled', 1, 1),
        ('post_2', 'Another', 'Europe/Rome', 200, 'scheduled', 1, 1);
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key) VALUES
        ('tgt_1b', 'post_1', 'acc_b', 'scheduled', 'k1'), ('tgt_1a', 'post_1', 'acc_a', 'scheduled', 'k2'),
        ('tgt_2b', 'post_2', 'acc_b', 'scheduled', 'k3');
    `);
    // The 0007 trigger grouped the whole targets table for each status change.
    expect(
      triggerPlans(db, 'targets_mark_update')
        .flat()
        .some((d) => d.startsWith('SCAN targets')),
    ).toBe(true);
    migrate(db, all, 12);
    expect(userVersion(db)).toBe(12);
    expect(db.prepare('SELECT id, status, target_marks FROM posts ORDER BY id').all()).toEqual([
      { id: 'post_1', status: 'scheduled', target_marks: 'acc_b\u001fscheduled\u001eacc_a\u001fscheduled' },
      { id: 'post_2', status: 'scheduled', target_marks: 'acc_b\u001fscheduled' },
    ]);
    const plans = triggerPlans(db, 'targets_mark_update');
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan.some((d) => d.startsWith('SCAN targets'))).toBe(false);
      expect(plan).toContain('SEARCH targets USING INDEX sqlite_autoindex_targets_2 (post_id=?)');
    }

    // Status changes, a change of account and a move to another post keep both posts' marks true.
    db.exec(`UPDATE targets SET status = 'publishing' WHERE id = 'tgt_1a'`);
    db.exec(`UPDATE targets SET status = 'published' WHERE id = 'tgt_1a'`);
    expect(marksOf(db, 'post_1')).toEqual([
      { accountId: 'acc_b', status: 'scheduled' },
      { accountId: 'acc_a', status: 'published' },
    ]);
    db.exec(`UPDATE targets SET post_id = 'post_2', account_id = 'acc_a', status = 'failed' WHERE id = 'tgt_1b'`);
    expect(marksOf(db, 'post_1')).toEqual([{ accountId: 'acc_a', status: 'published' }]);
    expect(marksOf(db, 'post_2')).toEqual([
      { accountId: 'acc_a', status: 'failed' },
      { accountId: 'acc_b', status: 'scheduled' },
    ]);
    db.exec(`UPDATE targets SET attempts = 3 WHERE id = 'tgt_2b'`);
    expect(marksOf(db, 'post_2')).toEqual([
      { accountId: 'acc_a', status: 'failed' },
      { accountId: 'acc_b', status: 'scheduled' },
    ]);
    db.exec(`DELETE FROM targets WHERE post_id = 'post_1'`);
    expect(marksOf(db, 'post_1')).toEqual([]);
  });
});
