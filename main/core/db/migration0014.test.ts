// Migration 0014 (the desktop's link to a workspace: the link, the outbox, the notes), on a database from before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { WorkspaceLinkRepo } from '../workspace/linkRepo';
import { loadMigrations, migrate, userVersion } from './database';

describe('migration 0014', () => {
  it('adds the workspace tables beside existing data, keeps the outbox in order and one link at most', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 13);
    db.exec(`INSERT INTO posts (id, text, time_zone, status, labels, options, parts, created_at, updated_at)
      VALUES ('post_a', 'Kept as it was', 'Europe/Rome', 'draft', '[]', '{}', '[]', 1, 1)`);

    migrate(db, all, 14);
    expect(userVersion(db)).toBe(14);
    expect(db.prepare('SELECT text FROM posts').all()).toEqual([{ text: 'Kept as it was' }]);

    const repo = new WorkspaceLinkRepo(db);
    expect(repo.link()).toBeNull();
    const sealed = Buffer.from([1, 2, 3]);
    repo.save({ url: 'https://kairos.example.org', email: 'ed@example.org', member: null, sealedSession: sealed, connectedAt: 5 });
    // The outbox as 0014 made it (the repo reads the excerpt column 0015 adds, so rows go in with SQL here).
    const add = db.prepare('INSERT INTO workspace_outbox (id, channel, payload, created_at) VALUES (?, ?, ?, ?)');
    add.run('e1', 'posts.create', JSON.stringify({ text: 'first' }), 6);
    add.run('e2', 'posts.delete', JSON.stringify({ id: 'post_a' }), 7);
    repo.replacePayload('e1', { text: 'first, again' });
    expect(db.prepare('SELECT id, payload FROM workspace_outbox ORDER BY seq').all()).toEqual([
      { id: 'e1', payload: '{"text":"first, again"}' },
      { id: 'e2', payload: '{"id":"post_a"}' },
    ]);
    expect(() =>
      db.prepare("INSERT INTO workspace_outbox (id, channel, payload, created_at) VALUES ('e3', 'accounts.remove', '{}', 8)").run(),
    ).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("INSERT INTO workspace_link (id, url, email, connected_at) VALUES (2, 'x', 'y', 1)").run()).toThrow(
      /CHECK constraint failed/,
    );

    // The same workspace again keeps what waits; another one starts clean.
    repo.endSession();
    expect(repo.link()?.sealedSession).toBeNull();
    repo.save({ url: 'https://kairos.example.org', email: 'ed@example.org', member: null, sealedSession: sealed, connectedAt: 9 });
    expect(repo.pendingCount()).toBe(2);
    repo.save({ url: 'https://other.example.org', email: 'ed@example.org', member: null, sealedSession: sealed, connectedAt: 10 });
    expect(repo.pendingCount()).toBe(0);
    repo.clear();
    expect(repo.link()).toBeNull();
  });
});
