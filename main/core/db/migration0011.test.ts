// Migration 0011 (saved-login problems per kind of Kairos process), tested on data written by the schema before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, userVersion } from './database';

const OLD_MARK = "Kairos cannot read this account's saved login here. Log in again in Accounts; its posts wait until then.";

describe('migration 0011', () => {
  it('lifts the old whole-account re-login mark for unreadable logins, and keeps real expiries', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 10);
    db.prepare(
      `INSERT INTO accounts (id, platform, name, handle, status, status_reason, created_at, updated_at) VALUES
        ('acc_unreadable', 'discord', 'Community', 'hook', 'needs_relogin', ?, 1, 1),
        ('acc_expired', 'mastodon', 'Brand', '@brand', 'needs_relogin', 'Mastodon refused the token: it was revoked.', 1, 1),
        ('acc_fine', 'bluesky', 'Sky', '@sky', 'connected', NULL, 1, 1)`,
    ).run(OLD_MARK);
    db.exec(`INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES
      ('post_1', 'Waiting', 'Europe/Rome', 100, 'scheduled', 1, 1)`);
    db.prepare(
      `INSERT INTO targets (id, post_id, account_id, status, idempotency_key, due_at, last_error, wait_kind) VALUES
        ('tgt_a', 'post_1', 'acc_unreadable', 'scheduled', 'k1', 100, ?, 'account'),
        ('tgt_b', 'post_1', 'acc_expired', 'scheduled', 'k2', 100, 'Mastodon refused the token: it was revoked.', 'account')`,
    ).run(OLD_MARK);

    migrate(db, all, 11);
    expect(userVersion(db)).toBe(11);
    expect(db.prepare('SELECT id, status, status_reason FROM accounts ORDER BY id').all()).toEqual([
      { id: 'acc_expired', status: 'needs_relogin', status_reason: 'Mastodon refused the token: it was revoked.' },
      { id: 'acc_fine', status: 'connected', status_reason: null },
      { id: 'acc_unreadable', status: 'connected', status_reason: null },
    ]);
    expect(db.prepare('SELECT id, status, last_error, wait_kind FROM targets ORDER BY id').all()).toEqual([
      { id: 'tgt_a', status: 'scheduled', last_error: null, wait_kind: null },
      { id: 'tgt_b', status: 'scheduled', last_error: 'Mastodon refused the token: it was revoked.', wait_kind: 'account' },
    ]);

    // One row per account and kind of reader, gone with the account.
    const insert = db.prepare('INSERT INTO credential_problems (account_id, reader, problem, message, noticed_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('acc_fine', 'key_file', 'other_shell', 'In the desktop keychain.', 5);
    insert.run('acc_fine', 'keychain', 'key_file_missing', 'secrets.key is missing.', 6);
    expect(() => insert.run('acc_fine', 'key_file', 'damaged', 'again', 7)).toThrow(/UNIQUE/);
    expect(() => insert.run('acc_fine', 'browser', 'damaged', 'x', 7)).toThrow(/CHECK/);
    db.exec("DELETE FROM accounts WHERE id = 'acc_fine'");
    expect(db.prepare('SELECT count(*) AS n FROM credential_problems').get()).toEqual({ n: 0 });
  });
});
