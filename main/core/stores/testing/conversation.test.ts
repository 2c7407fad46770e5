// The conversation stores' contract on SQLite: the stores createSqliteStores builds over an in-memory database.

import { openDatabase } from '../../db/database';
import { createSqliteStores } from '../sqlite';
import { conversationContract } from './conversation';

conversationContract('SQLite', async () => {
  const db = await openDatabase(':memory:', { now: 0 });
  const stores = createSqliteStores(db, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
  const insertTarget = db.prepare(
    `INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key, intended_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    conversationSettings: stores.conversationSettings,
    signalCache: stores.signalCache,
    watchlist: stores.watchlist,
    preflight: stores.preflight,
    waitingPosts: stores.waitingPosts,
    seed: {
      async account(id) {
        await stores.accounts.add({
          id,
          platform: 'mastodon',
          name: `Account ${id}`,
          handle: `@${id}@mastodon.example`,
          avatarUrl: null,
          config: {},
          sealedSecret: Buffer.from([1]),
          now: 0,
        });
      },
      async post(id, scheduledAt, targets) {
        db.transaction(() => {
          db.prepare(
            `INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES (?, 'Hello', 'UTC', ?, 'scheduled', 0, 0)`,
          ).run(id, scheduledAt);
          for (const t of targets) insertTarget.run(t.id, id, t.accountId, t.status, t.dueAt, `key-${t.id}`, t.dueAt);
        })();
      },
      async target(id) {
        const row = db
          .prepare<[string], { status: string; hold_kind: string | null; last_error: string | null; due_at: number | null }>(
            'SELECT status, hold_kind, last_error, due_at FROM targets WHERE id = ?',
          )
          .get(id);
        return row ? { status: row.status, holdKind: row.hold_kind, lastError: row.last_error, dueAt: row.due_at } : null;
      },
      async history(postId) {
        return db
          .prepare<[string], { actor: string; kind: string; detail: string | null }>(
            'SELECT actor, kind, detail FROM events WHERE post_id = ? ORDER BY id',
          )
          .all(postId);
      },
      async damagedTrends(accountId, fetchedAt) {
        db.prepare(`INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES (?, 'trends', '', ?, ?)`).run(
          accountId,
          '[{"name": 5}]',
          fetchedAt,
        );
      },
      async rawSetting(key, json) {
        db.prepare(
          'INSERT INTO conversation_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        ).run(key, json);
      },
    },
    async close() {
      db.close();
    },
  };
});
