import { expect, it } from 'vitest';
import { reviewContract } from '../../../core/stores/testing/review';
import { newAccount } from '../../../core/stores/testing/seed';
import { pgStoresForThisFile } from '../../../testing/pgStoresOpen';

const pg = pgStoresForThisFile('review store');
reviewContract('PostgreSQL', pg.openPublishing);

it('lists a target without any time last, and names the series of an occurrence', async () => {
  const s = await pg.openPublishing();
  const { pool } = pg.database();
  await s.accounts.add(newAccount('acc_a', 'Alpha', 1000));
  await pool.query(`
    INSERT INTO recurring_series (id, rule, wall_time, time_zone, start_date, template, created_at, updated_at)
      VALUES ('ser_1', '{"freq": "weekly"}', '09:00', 'UTC', '2026-03-01', '{}', now(), now());
    INSERT INTO posts (id, text, time_zone, status, created_at, updated_at) VALUES ('post_x', 'No time', 'UTC', 'failed', now(), now());
    INSERT INTO posts (id, text, time_zone, scheduled_at, status, series_id, created_at, updated_at)
      VALUES ('post_s', 'Weekly', 'UTC', '2026-03-02T09:00:00Z', 'failed', 'ser_1', now(), now());
    INSERT INTO targets (id, post_id, account_id, status, idempotency_key) VALUES ('tgt_x', 'post_x', 'acc_a', 'failed', 'kx');
    INSERT INTO targets (id, post_id, account_id, status, idempotency_key) VALUES ('tgt_s', 'post_s', 'acc_a', 'failed', 'ks');
  `);
  expect((await s.review.list()).map((r) => [r.targetId, r.dueAt, r.seriesId])).toEqual([
    ['tgt_s', Date.parse('2026-03-02T09:00:00Z'), 'ser_1'],
    ['tgt_x', null, null],
  ]);
});
