import { expect, it } from 'vitest';
import { eventsContract } from '../../../core/stores/testing/events';
import { pgStoresForThisFile } from '../../../testing/pgStoresOpen';
import { actingMember } from './pgDb';
import { PgPostsStore } from './posts';

const pg = pgStoresForThisFile('events store');
eventsContract('PostgreSQL', pg.openPublishing);

it('names the workspace member a line was written for', async () => {
  const s = await pg.openPublishing();
  const { pool } = pg.database();
  await pool.query(
    `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at)
     VALUES ('usr_1', 'ada@example.com', 'Ada', 'editor', 'x', now(), now())`,
  );
  await actingMember.run({ id: 'usr_1', displayName: 'Ann', role: 'editor' }, () =>
    s.events.append({ at: 1, actor: 'user', kind: 'edited', postId: 'post_1' }),
  );
  await s.events.append({ at: 2, actor: 'scheduler', kind: 'publishing', postId: 'post_1' });
  const { rows } = await pool.query('SELECT kind, user_id FROM events ORDER BY id');
  expect(rows).toEqual([
    { kind: 'edited', user_id: 'usr_1' },
    { kind: 'publishing', user_id: null },
  ]);
  // The history says who by their name as the workspace has it now; lines of no member name nobody.
  const history = await s.events.historyOfPost('post_1');
  expect(history.map((h) => [h.kind, h.by])).toEqual([
    ['edited', 'Ada'],
    ['publishing', undefined],
  ]);
  expect('by' in (history[1] as object)).toBe(false);
  expect(await new PgPostsStore(pool).history('post_1')).toEqual(history);
});
