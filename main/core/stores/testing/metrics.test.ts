// The metrics and analytics contract on SQLite: the desktop's stores over an in-memory database, seeded with plain SQL.

import { openDatabase } from '../../db/database';
import { createSqliteStores } from '../sqlite';
import { type MetricsOpened, metricsContract } from './metrics';

async function open(): Promise<MetricsOpened> {
  const db = await openDatabase(':memory:');
  const stores = createSqliteStores(db, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
  const run = (sql: string, ...args: unknown[]) => {
    db.prepare(sql).run(...args);
    return Promise.resolve();
  };
  return {
    metrics: stores.metrics,
    analytics: stores.analytics,
    seed: {
      account: (a) =>
        run(
          'INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
          a.id,
          a.platform,
          a.name,
          a.name,
          a.createdAt,
          a.createdAt,
        ),
      post: (p) =>
        run(
          `INSERT INTO posts (id, text, time_zone, status, labels, created_at, updated_at) VALUES (?, ?, 'Europe/Rome', 'published', ?, ?, ?)`,
          p.id,
          p.text,
          JSON.stringify(p.labels),
          p.createdAt,
          p.createdAt,
        ),
      target: (t) =>
        run(
          `INSERT INTO targets (id, post_id, account_id, status, idempotency_key, remote_id, remote_url, published_at, intended_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          t.id,
          t.postId,
          t.accountId,
          t.status ?? 'published',
          `key_${t.id}`,
          t.remoteId ?? null,
          t.remoteUrl ?? null,
          t.status && t.status !== 'published' ? null : (t.publishedAt ?? null),
          t.intendedAt ?? null,
        ),
      event: (e) =>
        run(
          `INSERT INTO events (at, actor, kind, account_id, detail) VALUES (?, 'user', ?, ?, ?)`,
          e.at,
          e.kind,
          e.accountId ?? null,
          e.detail ?? null,
        ),
      signalCache: (r) =>
        run(
          'INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES (?, ?, ?, ?, ?)',
          r.accountId,
          r.kind,
          r.term,
          JSON.stringify(r.items),
          r.fetchedAt,
        ),
      alert: (a) =>
        run(
          `INSERT INTO conversation_alerts (id, kind, dedupe_key, term, severity, source, post_id, text, created_at)
           VALUES (?, 'preflight', ?, ?, ?, 'preflight', ?, '', ?)`,
          a.id,
          `dedupe_${a.id}`,
          a.term,
          a.severity,
          a.postId,
          a.createdAt,
        ),
      preflight: (p) =>
        run(
          `INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason, decision) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          p.targetId,
          p.dueAt,
          p.postId,
          p.checkedAt,
          p.result,
          p.reason,
          p.decision,
        ),
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

metricsContract('SQLite', open);
