// The hand-off stores' contract on SQLite: the desktop's store set over an in-memory database, seeded with plain SQL.

import { openDatabase } from '../../../core/db/database';
import { createSqliteStores } from '../../../core/stores/sqlite';
import { handoffStores } from './stores';
import { type HandoffOpened, handoffStoresContract } from './storesContract';

async function open(): Promise<HandoffOpened> {
  const db = await openDatabase(':memory:');
  const stores = createSqliteStores(db, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
  const run = (sql: string, ...args: unknown[]) => {
    db.prepare(sql).run(...args);
    return Promise.resolve();
  };
  return {
    stores: stores.extension(handoffStores),
    seed: {
      account: (a) =>
        run(
          'INSERT INTO accounts (id, platform, name, handle, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)',
          a.id,
          a.platform,
          a.id,
          a.id,
          a.status ?? 'connected',
        ),
      post: (p) =>
        run(
          `INSERT INTO posts (id, text, time_zone, status, options, parts, created_at, updated_at) VALUES (?, ?, 'UTC', 'scheduled', ?, ?, 0, 0)`,
          p.id,
          p.text,
          JSON.stringify(p.options ?? {}),
          JSON.stringify(p.parts ?? []),
        ),
      target: (t) =>
        run(
          `INSERT INTO targets (id, post_id, account_id, status, text_override, due_at, idempotency_key, remote_id, published_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          t.id,
          t.postId,
          t.accountId,
          t.status ?? 'scheduled',
          t.textOverride ?? null,
          t.dueAt ?? null,
          `key_${t.id}`,
          t.remoteId ?? null,
          t.publishedAt ?? null,
        ),
      media: (m) =>
        run(
          `INSERT INTO media (id, post_id, part_index, position, file_name, mime, bytes, alt, focus_x, focus_y, stored_name, created_at)
           VALUES (?, ?, ?, ?, 'a.png', 'image/png', 10, ?, ?, ?, ?, 0)`,
          m.id,
          m.postId,
          m.partIndex,
          m.position,
          m.alt,
          m.focus?.x ?? null,
          m.focus?.y ?? null,
          `stored_${m.id}`,
        ),
      setText: (postId, text) => run('UPDATE posts SET text = ? WHERE id = ?', text, postId),
      handoffOf: (targetId) => {
        const r = db.prepare('SELECT handoff_id, handoff_at FROM targets WHERE id = ?').get(targetId) as {
          handoff_id: string | null;
          handoff_at: number | null;
        };
        return Promise.resolve({ handoffId: r.handoff_id, handoffAt: r.handoff_at });
      },
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

handoffStoresContract('SQLite', open);
