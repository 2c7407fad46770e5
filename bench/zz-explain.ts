import { loadPgMigrations, migratePg } from '../main/server/pg/migrate';
import { createTestDatabase, startPostgresCluster } from '../main/testing/postgres';

const cluster = await startPostgresCluster();
const db = await createTestDatabase(cluster, 'explain');
try {
  await migratePg(db.pool, { migrations: loadPgMigrations(process.cwd() + '/main/server/pg/migrations') });
  const q = (s: string, a: unknown[] = []) => db.pool.query(s, a);
  await q(`INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc1','discord','B','b',now(),now())`);
  await q(`INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at)
    SELECT 'post' || i, 'Post ' || i || ' text #bench', 'Europe/Rome', timestamptz '2030-01-07' + (i * interval '52 minutes'), 'scheduled', now(), now()
    FROM generate_series(1, 20000) i`);
  await q(`INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key, intended_at)
    SELECT 'tgt' || i, 'post' || i, 'acc1', 'scheduled', timestamptz '2030-01-07' + (i * interval '52 minutes'), 'k' || i, timestamptz '2030-01-07' + (i * interval '52 minutes')
    FROM generate_series(1, 20000) i`);
  await q(`INSERT INTO events (at, actor, kind, post_id) SELECT now(), 'user', 'created', 'post' || (i % 20000 + 1) FROM generate_series(1, 60000) i`);
  await q('ANALYZE');
  for (const sql of process.argv.slice(2)) {
    if (sql.startsWith('!')) {
      await q(sql.slice(1));
      await q('ANALYZE');
      continue;
    }
    const r = await q(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    process.stdout.write(`${sql}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}\n\n`);
  }
} finally {
  await db.drop();
  await cluster.stop();
}
