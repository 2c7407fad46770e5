import { describe, expect, it } from 'vitest';
import { evergreenContract } from '../../../core/stores/testing/evergreen';
import { T0 } from '../../../core/stores/testing/featureSeed';
import { pgFeatureDatabase, pgFeatureSeed } from '../../../testing/pgFeatureSeed';
import { PgEvergreenStore, recordCopy } from './evergreen';
import { tx } from './pgDb';

const db = pgFeatureDatabase('evergreen');
const pool = () => db().pool;

evergreenContract('PostgreSQL', async () => ({
  evergreen: new PgEvergreenStore(pool()),
  seed: pgFeatureSeed(pool()),
  close: async () => {},
}));

describe('evergreen copies inside another transaction (PostgreSQL)', () => {
  it('records a copy in the caller transaction: kept when it commits, gone when it rolls back', async () => {
    const seed = pgFeatureSeed(pool());
    await seed.post({ id: 'p_src', labels: ['tips'], options: { evergreen: true } });
    await seed.post({ id: 'p_c1' });
    await seed.post({ id: 'p_c2' });
    const copy = (id: string) => ({ copyPostId: id, sourcePostId: 'p_src', label: 'tips', slotAt: T0 + 1000, variant: 0 });

    await tx(pool(), async (c) => {
      await recordCopy(c, copy('p_c1'), T0);
    });
    const refused = new Error('the post could not be written');
    await expect(
      tx(pool(), async (c) => {
        await new PgEvergreenStore(pool()).within(c).recordCopy(copy('p_c2'), T0);
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect((await new PgEvergreenStore(pool()).copiesOf('p_src')).map((c) => c.copyPostId)).toEqual(['p_c1']);
  });
});
