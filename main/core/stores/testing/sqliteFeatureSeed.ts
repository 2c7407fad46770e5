// The feature contracts' rows on SQLite, with plain INSERTs (times as epoch milliseconds, JSON as text).

import type { Db } from '../../db/database';
import { type FeatureSeed, T0 } from './featureSeed';

export function sqliteFeatureSeed(db: Db): FeatureSeed {
  const run = async (sql: string, ...args: unknown[]) => {
    db.prepare(sql).run(...args);
  };
  return {
    account: (id, o = {}) =>
      run(
        `INSERT INTO accounts (id, platform, name, handle, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        id,
        o.platform ?? 'mastodon',
        `Account ${id}`,
        `@${id}`,
        o.status ?? 'connected',
        T0,
        T0,
      ),
    post: (p) =>
      run(
        `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, created_at, updated_at)
         VALUES (?, ?, 'UTC', ?, ?, ?, ?, ?, ?)`,
        p.id,
        `Text of ${p.id}`,
        p.scheduledAt ?? null,
        p.status ?? 'scheduled',
        JSON.stringify(p.labels ?? []),
        JSON.stringify(p.options ?? {}),
        p.createdAt ?? T0,
        p.createdAt ?? T0,
      ),
    target: (t) =>
      run(
        `INSERT INTO targets (id, post_id, account_id, status, idempotency_key, published_at) VALUES (?, ?, ?, ?, ?, ?)`,
        t.id,
        t.postId,
        t.accountId,
        t.status,
        `key-${t.id}`,
        t.publishedAt ?? null,
      ),
    part: (p) =>
      run(
        `INSERT INTO target_parts (target_id, part_index, idempotency_key, remote_id, remote_url, remote_ref) VALUES (?, ?, ?, ?, ?, ?)`,
        p.targetId,
        p.index,
        p.idempotencyKey,
        p.remoteId ?? null,
        p.remoteUrl ?? null,
        p.remoteRef ? JSON.stringify(p.remoteRef) : null,
      ),
    pause: (scope) =>
      run(
        `INSERT INTO pauses (scope, account_id, reason, since, actor) VALUES (?, ?, 'test', ?, 'user')`,
        scope,
        scope === 'all' ? null : scope,
        T0,
      ),
    metricLatest: (targetId, c) =>
      run(
        `INSERT INTO metric_latest (target_id, likes, reposts, replies, quotes, taken_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        targetId,
        c.likes,
        c.reposts,
        c.replies,
        c.quotes,
        c.at,
        c.deleted ? 1 : 0,
      ),
    mastodonMetrics: (targetId, c) =>
      run(
        `INSERT INTO mastodon_metrics (target_id, remote_id, likes, reposts, replies, quotes, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        targetId,
        c.remoteId,
        c.likes,
        c.reposts,
        c.replies,
        c.quotes,
        c.at,
      ),
    appPreference: (key, value) =>
      run(
        'INSERT INTO app_preferences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        key,
        JSON.stringify(value),
      ),
    targetStatus: (targetId, status) => run('UPDATE targets SET status = ? WHERE id = ?', status, targetId),
    // The table is one of a fixed few names, never a value from outside.
    count: async (table) => (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  };
}
