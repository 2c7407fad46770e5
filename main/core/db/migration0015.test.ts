// Migration 0015 (moves and cancels in the desktop's outbox), on a database whose outbox already holds changes.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkspaceLinkRepo } from '../workspace/linkRepo';
import { loadMigrations, migrate, userVersion } from './database';

describe('migration 0015', () => {
  it('keeps what waits in the outbox, in order, and lets it keep posts.reschedule and posts.cancel', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 14);
    const add14 = db.prepare('INSERT INTO workspace_outbox (id, channel, payload, created_at, attempts) VALUES (?, ?, ?, ?, ?)');
    add14.run('e1', 'posts.create', JSON.stringify({ text: 'first' }), 6, 0);
    add14.run('e2', 'posts.update', JSON.stringify({ id: 'post_a', text: 'second', expectedUpdatedAt: 5 }), 7, 2);
    db.prepare("DELETE FROM workspace_outbox WHERE id = 'e1'").run();
    add14.run('e3', 'posts.delete', JSON.stringify({ id: 'post_b' }), 8, 0);
    expect(() => add14.run('e4', 'posts.reschedule', JSON.stringify({ id: 'post_a' }), 9, 0)).toThrow(/CHECK constraint failed/);

    migrate(db, all, 15);
    expect(userVersion(db)).toBe(15);
    const repo = new WorkspaceLinkRepo(db);
    expect(repo.outbox().map((e) => [e.seq, e.id, e.channel, e.payload, e.excerpt, e.createdAt, e.attempts])).toEqual([
      [2, 'e2', 'posts.update', { id: 'post_a', text: 'second', expectedUpdatedAt: 5 }, null, 7, 2],
      [3, 'e3', 'posts.delete', { id: 'post_b' }, null, 8, 0],
    ]);

    // New entries come after the copied ones (the sequence went on), with the two new channels allowed.
    repo.add({
      id: 'e5',
      channel: 'posts.reschedule',
      payload: { id: 'post_a', when: { kind: 'draft' } },
      excerpt: 'Launch',
      createdAt: 10,
    });
    repo.add({ id: 'e6', channel: 'posts.cancel', payload: { id: 'post_a' }, createdAt: 11 });
    expect(repo.outbox().map((e) => [e.seq, e.id, e.excerpt])).toEqual([
      [2, 'e2', null],
      [3, 'e3', null],
      [4, 'e5', 'Launch'],
      [5, 'e6', null],
    ]);
    expect(() =>
      db.prepare("INSERT INTO workspace_outbox (id, channel, payload, created_at) VALUES ('e7', 'accounts.remove', '{}', 12)").run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() => repo.add({ id: 'e5', channel: 'posts.cancel', payload: {}, createdAt: 13 })).toThrow(/UNIQUE constraint failed/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'workspace_outbox%' ORDER BY name").all()).toEqual([
      { name: 'workspace_outbox' },
      { name: 'workspace_outbox_id' },
    ]);
  });
});
