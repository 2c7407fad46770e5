// The publishing contract suites on SQLite: the desktop's stores over an in-memory database.

import { openDatabase } from '../../db/database';
import { createSqliteStores } from '../sqlite';
import { type PublishingOpened, T0 } from './publishing';

export async function openSqlitePublishing(): Promise<PublishingOpened> {
  const db = await openDatabase(':memory:', { now: T0 });
  const stores = createSqliteStores(db, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
  return {
    posts: stores.posts,
    series: stores.series,
    async addAccount(id, status = 'connected') {
      db.prepare(
        `INSERT INTO accounts (id, platform, name, handle, status, config, secret, created_at, updated_at)
         VALUES (?, 'discord', ?, ?, ?, '{}', ?, ?, ?)`,
      ).run(id, `Account ${id}`, `@${id}`, status, Buffer.from([1]), T0, T0);
    },
    async addMedia(id, now) {
      await stores.media.add({
        id,
        fileName: `${id}.png`,
        mime: 'image/png',
        bytes: 10,
        width: 1,
        height: 1,
        storedName: `${id}.png`,
        now,
      });
    },
    async liveHolder(holder, until) {
      db.prepare(
        `INSERT INTO scheduler_lease (id, holder, description, expires_at) VALUES (1, ?, '{}', ?)
         ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
      ).run(holder, until);
    },
    async pause(accountId, now) {
      db.prepare("INSERT INTO pauses (scope, account_id, reason, since, actor) VALUES (?, ?, 'a test pause', ?, 'user')").run(
        accountId ?? 'all',
        accountId,
        now,
      );
    },
    async unreadable(accountId, message, now) {
      db.prepare(
        "INSERT INTO credential_problems (account_id, reader, problem, message, noticed_at, note) VALUES (?, 'key_file', 'key_file_missing', ?, ?, '{}')",
      ).run(accountId, message, now);
    },
    async close() {
      db.close();
    },
  };
}
