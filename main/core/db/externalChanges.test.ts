// The external-change watch: fires for another connection's commit, never for our own writes or empty transactions.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchExternalChanges } from './externalChanges';

describe('watchExternalChanges', () => {
  let dir: string;
  let ours: Database.Database;
  let theirs: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-dv-'));
    ours = new Database(join(dir, 'x.sqlite'));
    ours.pragma('journal_mode = WAL');
    ours.exec('CREATE TABLE t (x INTEGER)');
    theirs = new Database(join(dir, 'x.sqlite'));
  });

  afterEach(() => {
    ours.close();
    theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** "Nothing happened" can only be seen by letting several polls pass. */
  const polls = (n: number) => new Promise((r) => setTimeout(r, n * 20 + 10));
  const until = async (ok: () => boolean) => {
    const end = Date.now() + 10_000;
    while (!ok() && Date.now() < end) await polls(1);
  };

  it('calls back once per batch of commits by another connection, and not for our own', async () => {
    let changes = 0;
    const watch = watchExternalChanges(ours, () => changes++, 20);
    try {
      ours.exec('INSERT INTO t VALUES (1)');
      theirs.transaction(() => theirs.prepare('SELECT * FROM t').all()).immediate();
      await polls(3);
      expect(changes).toBe(0);
      theirs.exec('INSERT INTO t VALUES (2)');
      await until(() => changes > 0);
      expect(changes).toBe(1);
      // Two commits between polls (nothing can run between these two calls) wake us once.
      theirs.exec('INSERT INTO t VALUES (3)');
      theirs.exec('INSERT INTO t VALUES (4)');
      await until(() => changes > 1);
      await polls(3);
      expect(changes).toBe(2);
    } finally {
      watch.stop();
    }
    theirs.exec('INSERT INTO t VALUES (5)');
    await polls(3);
    expect(changes).toBe(2);
  });
});
