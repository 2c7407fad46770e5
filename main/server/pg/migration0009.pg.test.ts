// Migration 0009 the way it meets data: a workspace with waiting, handed-off and published targets is migrated, then
// the scheduler's question "when is the next target due" is answered from the new index, with the same answer.

import { beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { migratePg, schemaVersion } from './migrate';
import { PgPostsStore } from './stores/posts';
import { PgQueueStore } from './stores/queue';

const db = databaseForThisFile('migration_0009');
const T0 = '2030-03-01T09:00:00Z';
const NEXT_DUE = "SELECT min(due_at) AS due FROM targets WHERE status IN ('scheduled', 'retrying') AND due_at > $1 AND handoff_id IS NULL";

describe('0009: the targets still waiting, by due time', () => {
  beforeAll(async () => {
    const pool = db().pool;
    expect(await migratePg(pool, { upTo: 8 })).toBe(8);
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'discord', 'Brand', 'b', '${T0}', '${T0}');
      INSERT INTO posts (id, text, time_zone, status, created_at, updated_at)
        SELECT 'post_' || i, 'Post ' || i, 'Europe/Rome', 'scheduled', '${T0}', '${T0}' FROM generate_series(1, 2000) i;
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key, due_at, intended_at)
        SELECT 'tgt_' || i, 'post_' || i, 'acc_1', 'scheduled', 'k' || i, timestamptz '${T0}' + i * interval '1 hour',
          timestamptz '${T0}' + i * interval '1 hour' FROM generate_series(1, 2000) i;
      -- Earlier than every waiting one, but not waiting: published, handed off to the network, held.
      UPDATE targets SET status = 'published', due_at = timestamptz '${T0}' - interval '3 days' WHERE id = 'tgt_1';
      UPDATE targets SET handoff_id = 'remote-9', due_at = timestamptz '${T0}' - interval '2 days' WHERE id = 'tgt_2';
      UPDATE targets SET status = 'held', due_at = timestamptz '${T0}' - interval '1 day' WHERE id = 'tgt_3';
      UPDATE targets SET status = 'retrying', due_at = timestamptz '${T0}' + interval '30 minutes' WHERE id = 'tgt_4';
    `);
    expect(await migratePg(pool, { upTo: 9 })).toBe(9);
    await pool.query('ANALYZE targets');
  });

  it('keeps every target and adds the partial index', async () => {
    const pool = db().pool;
    expect(await schemaVersion(pool)).toBe(9);
    expect((await pool.query('SELECT count(*)::int AS n FROM targets')).rows).toEqual([{ n: 2000 }]);
    const { rows } = await pool.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'targets_waiting_by_due'");
    expect(rows[0]?.indexdef).toMatch(/ON public\.targets USING btree \(due_at\) WHERE .*scheduled.*retrying.*handoff_id IS NULL/);
  });

  it('answers the next due time from the index, with the same answer as before', async () => {
    const pool = db().pool;
    const since = new Date(Date.parse(T0) - 7 * 86_400_000);
    const plan = (await pool.query(`EXPLAIN ${NEXT_DUE}`, [since])).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('targets_waiting_by_due');
    expect(plan).not.toContain('Seq Scan');
    // Not the published, handed-off or held ones, though they are earlier: the retrying one, then the scheduled ones.
    const queue = new PgQueueStore(pool);
    expect(await queue.nextDueAfter(since.getTime())).toBe(Date.parse(T0) + 30 * 60_000);
    expect(await queue.nextDueAfter(Date.parse(T0) + 30 * 60_000)).toBe(Date.parse(T0) + 5 * 3_600_000);
    expect(await new PgPostsStore(pool).nextDueAt()).toBe(Date.parse(T0) + 30 * 60_000);
  });
});
