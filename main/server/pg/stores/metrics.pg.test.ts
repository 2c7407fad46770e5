// The metrics and analytics contract on PostgreSQL, seeded with plain INSERTs. The pool's sessions run in a zone far
// from UTC (Chatham, +13:45 in March): the stores' answers must not depend on it.

import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type MetricsOpened, metricsContract } from '../../../core/stores/testing/metrics';
import { databaseForThisFile } from '../../../testing/postgresDatabase';
import { migratePg } from '../migrate';
import { PgAnalyticsStore } from './analytics';
import { PgMetricsStore } from './metrics';
import { at } from './pgDb';

const db = databaseForThisFile('metrics_stores');

let pool: pg.Pool;
beforeAll(async () => {
  await migratePg(db().pool);
  pool = new pg.Pool({ ...db().config, max: 4, options: '-c TimeZone=Pacific/Chatham' });
  // An idle connection ended by the database's drop at the end of the file says so here, not as an uncaught error.
  pool.on('error', () => {});
});
// Registered after the database's own hooks, so it runs before the database is dropped.
afterAll(() => pool?.end());

async function open(): Promise<MetricsOpened> {
  // Every test starts from empty tables with their identity counters reset.
  await pool.query('TRUNCATE accounts, posts, events, signal_history RESTART IDENTITY CASCADE');
  const run = async (sql: string, ...args: unknown[]) => {
    await pool.query(sql, args);
  };
  return {
    metrics: new PgMetricsStore(pool),
    analytics: new PgAnalyticsStore(pool),
    seed: {
      account: (a) =>
        run(
          'INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ($1, $2, $3, $3, $4, $4)',
          a.id,
          a.platform,
          a.name,
          at(a.createdAt),
        ),
      post: (p) =>
        run(
          `INSERT INTO posts (id, text, time_zone, status, labels, created_at, updated_at) VALUES ($1, $2, 'Europe/Rome', 'published', $3, $4, $4)`,
          p.id,
          p.text,
          JSON.stringify(p.labels),
          at(p.createdAt),
        ),
      target: (t) =>
        run(
          `INSERT INTO targets (id, post_id, account_id, status, idempotency_key, remote_id, remote_url, published_at, intended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          t.id,
          t.postId,
          t.accountId,
          t.status ?? 'published',
          `key_${t.id}`,
          t.remoteId ?? null,
          t.remoteUrl ?? null,
          t.status && t.status !== 'published' ? null : at(t.publishedAt),
          at(t.intendedAt),
        ),
      event: (e) =>
        run(
          `INSERT INTO events (at, actor, kind, account_id, detail) VALUES ($1, 'user', $2, $3, $4)`,
          at(e.at),
          e.kind,
          e.accountId ?? null,
          e.detail ?? null,
        ),
      signalCache: (r) =>
        run(
          'INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES ($1, $2, $3, $4, $5)',
          r.accountId,
          r.kind,
          r.term,
          JSON.stringify(r.items),
          at(r.fetchedAt),
        ),
      alert: (a) =>
        run(
          `INSERT INTO conversation_alerts (id, kind, dedupe_key, term, severity, source, post_id, text, created_at)
           VALUES ($1, 'preflight', $2, $3, $4, 'preflight', $5, '', $6)`,
          a.id,
          `dedupe_${a.id}`,
          a.term,
          a.severity,
          a.postId,
          at(a.createdAt),
        ),
      preflight: (p) =>
        run(
          `INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason, decision) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          p.targetId,
          at(p.dueAt),
          p.postId,
          at(p.checkedAt),
          p.result,
          p.reason,
          p.decision,
        ),
    },
    close: () => Promise.resolve(),
  };
}

metricsContract('PostgreSQL', open);
