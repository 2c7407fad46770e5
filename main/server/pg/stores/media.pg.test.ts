import { expect, it } from 'vitest';
import { mediaContract } from '../../../core/stores/testing/media';
import { pgStoresForThisFile } from '../../../testing/pgStoresOpen';
import { attachMedia, PgMediaRecordsStore, releaseMediaOfPost } from './media';
import { tx } from './pgDb';

const pg = pgStoresForThisFile('media store');
mediaContract('PostgreSQL', pg.openPublishing);

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

it("attaches and frees a post's media inside the posts store's transaction: a rollback undoes both", async () => {
  const s = await pg.openPublishing();
  const { pool } = pg.database();
  await s.seed.post({ id: 'post_1', text: 'One', scheduledAt: T0, targets: [] });
  await s.media.add({ id: 'med_a', fileName: 'a.png', mime: 'image/png', bytes: 10, width: 1, height: 1, storedName: 'sa', now: T0 });
  await s.media.add({ id: 'med_b', fileName: 'b.png', mime: 'image/png', bytes: 10, width: 1, height: 1, storedName: 'sb', now: T0 });

  await expect(
    tx(pool, async (c) => {
      await attachMedia(c, 'post_1', [{ id: 'med_a', alt: 'A', partIndex: 0 }], T0 + 1);
      expect((await new PgMediaRecordsStore(c).ofPost('post_1')).map((m) => m.id)).toEqual(['med_a']);
      throw new Error('the post could not be written');
    }),
  ).rejects.toThrow('the post could not be written');
  expect(await s.media.ofPost('post_1')).toEqual([]);

  await tx(pool, async (c) => {
    await attachMedia(
      c,
      'post_1',
      [
        { id: 'med_b', alt: 'B', partIndex: 1 },
        { id: 'med_a', alt: 'A', partIndex: 0 },
      ],
      T0 + 2,
    );
  });
  expect((await s.media.ofPost('post_1')).map((m) => [m.id, m.partIndex])).toEqual([
    ['med_a', 0],
    ['med_b', 1],
  ]);
  const { rows } = await pool.query(`SELECT id, position, unused_since FROM media ORDER BY id`);
  expect(rows).toEqual([
    { id: 'med_a', position: 1, unused_since: null },
    { id: 'med_b', position: 0, unused_since: null },
  ]);

  await tx(pool, async (c) => {
    await releaseMediaOfPost(c, 'post_1', T0 + 3);
    await c.query(`DELETE FROM posts WHERE id = 'post_1'`);
  });
  const { rows: freed } = await pool.query(`SELECT id, post_id, unused_since FROM media ORDER BY id`);
  expect(freed).toEqual([
    { id: 'med_a', post_id: null, unused_since: new Date(T0 + 3) },
    { id: 'med_b', post_id: null, unused_since: new Date(T0 + 3) },
  ]);
});
