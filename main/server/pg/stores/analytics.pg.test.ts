// The same history on both engines gives the same analytics: months of published posts are seeded on SQLite, copied
// row by row into PostgreSQL (epoch milliseconds to timestamptz), and every view, report period and post page is
// compared, in zones whose clocks change inside the periods. The PostgreSQL sessions run in yet another zone.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../core/db/database';
import { openDatabase } from '../../../core/db/database';
import { buildAnalyticsView } from '../../../core/reports/analytics';
import { buildPostAnalytics } from '../../../core/reports/postAnalytics';
import { AccountsRepo, type StoredAccount } from '../../../core/repos/accounts';
import { createSqliteStores } from '../../../core/stores/sqlite';
import type { AnalyticsStore, MetricsStore } from '../../../core/stores/types';
import { seedAnalyticsHistory } from '../../../testing/analyticsHistory';
import { databaseForThisFile } from '../../../testing/postgresDatabase';
import { migratePg } from '../migrate';
import { PgAnalyticsStore } from './analytics';
import { PgMetricsStore } from './metrics';

const NOW = Date.UTC(2026, 3, 20, 12);
const db = databaseForThisFile('analytics_engines');

// Parents before children; rows copied in SQLite's rowid order so that PostgreSQL's position columns follow it.
const TABLES = ['accounts', 'posts', 'targets', 'metric_snapshots', 'follower_counts', 'audience_posts', 'events'];

async function copyTable(from: Db, to: pg.Pool, table: string): Promise<number> {
  const { rows: columns } = await to.query<{ name: string; type: string; always: boolean }>(
    `SELECT column_name AS name, data_type AS type, is_identity = 'YES' AND identity_generation = 'ALWAYS' AS always
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  const sqliteColumns = new Set((from.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  const shared = columns.filter((c) => sqliteColumns.has(c.name));
  const rows = from.prepare(`SELECT ${shared.map((c) => c.name).join(', ')} FROM ${table} ORDER BY rowid`).all() as Record<
    string,
    unknown
  >[];
  const convert = (type: string, v: unknown): unknown => {
    if (v === null) return null;
    if (type === 'timestamp with time zone') return new Date(v as number);
    if (type === 'boolean') return v === 1;
    return v;
  };
  const keepsIds = shared.some((c) => c.always);
  for (const r of rows) {
    await to.query(
      `INSERT INTO ${table} (${shared.map((c) => c.name).join(', ')}) ${keepsIds ? 'OVERRIDING SYSTEM VALUE' : ''}
       VALUES (${shared.map((_c, i) => `$${i + 1}`).join(', ')})`,
      shared.map((c) => convert(c.type, r[c.name])),
    );
  }
  return rows.length;
}

interface Engine {
  readonly analytics: AnalyticsStore;
  readonly metrics: MetricsStore;
}

let sqlite: Db;
let pool: pg.Pool;
let lite: Engine;
let post: Engine;
let accounts: StoredAccount[];

beforeAll(async () => {
  sqlite = await openDatabase(':memory:', { now: NOW });
  seedAnalyticsHistory(sqlite, { now: NOW, days: 120, posts: 480 });
  const stores = createSqliteStores(sqlite, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
  lite = { analytics: stores.analytics, metrics: stores.metrics };
  accounts = new AccountsRepo(sqlite).list();

  await migratePg(db().pool);
  pool = new pg.Pool({ ...db().config, max: 4, options: '-c TimeZone=Asia/Kathmandu' });
  for (const t of TABLES) await copyTable(sqlite, pool, t);
  post = { analytics: new PgAnalyticsStore(pool), metrics: new PgMetricsStore(pool) };
});
afterAll(async () => {
  await pool?.end();
  sqlite?.close();
});

describe('one history, two engines', () => {
  it('the copy is whole, and the trigger keeps the same latest numbers as SQLite’s', async () => {
    const count = (t: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    for (const t of [...TABLES, 'metric_latest']) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
      expect(rows[0]?.n, t).toBe(count(t));
      expect(rows[0]?.n, t).toBeGreaterThan(0);
    }
    const fromSqlite = sqlite
      .prepare('SELECT target_id, likes, reposts, replies, quotes, taken_at, deleted FROM metric_latest ORDER BY target_id')
      .all();
    const { rows } = await pool.query(
      `SELECT target_id, likes, reposts, replies, quotes, (extract(epoch FROM taken_at) * 1000)::bigint::float8 AS taken_at, deleted::int AS deleted
       FROM metric_latest ORDER BY target_id COLLATE "C"`,
    );
    expect(rows).toEqual(fromSqlite);
  });

  const views = [
    // Rome's clocks went forward on 29 March; New York's on 8 March; Sydney's went back on 5 April.
    { from: '2026-03-16', to: '2026-04-12', timeZone: 'Europe/Rome' },
    { from: '2026-03-01', to: '2026-03-14', timeZone: 'America/New_York' },
    { from: '2026-03-30', to: '2026-04-12', timeZone: 'Australia/Sydney' },
    { from: '2026-03-29', to: '2026-03-29', timeZone: 'Europe/Rome' },
    { from: '2026-01-01', to: '2026-04-19', timeZone: 'UTC' },
    { from: '2026-03-16', to: '2026-04-12', timeZone: 'Europe/Rome', labels: ['launch'] },
    { from: '2026-03-16', to: '2026-04-12', timeZone: 'Asia/Kolkata', accountIds: ['acc_hist_b', 'acc_hist_d'] },
  ];
  it.each(views)('the analytics view from $from to $to in $timeZone is the same', async (q) => {
    const observances = () => [];
    const fromSqlite = await buildAnalyticsView({ repo: lite.analytics, accounts, observances }, q);
    const fromPg = await buildAnalyticsView({ repo: post.analytics, accounts, observances }, q);
    expect(fromSqlite.headline.find((h) => h.key === 'posts')?.value).toBeGreaterThan(0);
    expect(fromPg).toEqual(fromSqlite);
  });

  it('every store answer over the whole history is the same', async () => {
    const all = { accountIds: null, labels: null };
    const [from, to] = [NOW - 200 * 86_400_000, NOW];
    const same = async <T>(read: (e: Engine) => Promise<T>) => {
      const expected = await read(lite);
      expect(await read(post)).toEqual(expected);
      return expected;
    };
    expect((await same((e) => e.analytics.periodRows(from, to, all))).length).toBeGreaterThan(400);
    await same((e) => e.analytics.periodRows(from, to, { accountIds: ['acc_hist_m'], labels: ['launch'] }));
    await same((e) => e.analytics.totals(from, to, all));
    await same((e) => e.analytics.medians(from, to, null));
    await same((e) => e.analytics.published(from, to));
    await same((e) => e.analytics.audience(from, to));
    await same(async (e) => [...(await e.analytics.snapshotsOf(from, to))]);
    await same((e) => e.analytics.moments(from, to));
    await same((e) => e.analytics.labels());
    await same((e) => e.metrics.followed(NOW));
    for (const day of ['2026-03-28', '2026-03-29', '2025-01-01'])
      await same(async (e) => [await e.analytics.followersOn('acc_hist_m', day), await e.analytics.firstFollowersFrom('acc_hist_b', day)]);
  });

  it('a post’s own page is the same', async () => {
    for (const id of ['post_hist_420', 'post_hist_441', 'post_hist_477']) {
      const deps = (e: Engine) => ({ metrics: e.metrics, analytics: e.analytics, accounts, observancesOn: () => [] });
      const fromSqlite = await buildPostAnalytics(deps(lite), id, 'Europe/Rome');
      expect(fromSqlite.targets.length).toBeGreaterThan(0);
      expect(await buildPostAnalytics(deps(post), id, 'Europe/Rome')).toEqual(fromSqlite);
    }
  });
});
