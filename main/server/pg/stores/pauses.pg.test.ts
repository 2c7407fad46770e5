import { expect, it } from 'vitest';
import { pausesContract } from '../../../core/stores/testing/pauses';
import { newAccount } from '../../../core/stores/testing/seed';
import { anotherPool, pgStoresForThisFile } from '../../../testing/pgStoresOpen';
import { PgPausesStore } from './pauses';

const pg = pgStoresForThisFile('pauses store');
pausesContract('PostgreSQL', pg.openPublishing);

it('two processes pausing at once write one "paused" line and one "changed" line each time', async () => {
  const s = await pg.openPublishing();
  await s.accounts.add(newAccount('acc_1', 'Brand', 1000));
  const other = anotherPool(pg.database());
  try {
    const elsewhere = new PgPausesStore(other);
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      for (const accountId of [null, 'acc_1']) {
        await Promise.all([
          s.pauses.pause({ accountId, reason: 'Here', resumeAt: null, now: 5000, actor: 'user' }),
          elsewhere.pause({ accountId, reason: 'There', resumeAt: null, now: 5000, actor: 'user' }),
        ]);
      }
      expect(await s.pauses.list()).toHaveLength(2);
      await s.pauses.resume(null, 6000, 'user');
      await s.pauses.resume('acc_1', 6000, 'user');
    }
    const count = (kind: string) => s.lines().then((lines) => lines.filter((l) => l.kind === kind).length);
    expect(await count('publishing paused')).toBe(rounds);
    expect(await count('account paused')).toBe(rounds);
    expect(await count('pause changed')).toBe(2 * rounds);
  } finally {
    await other.end();
  }
});
