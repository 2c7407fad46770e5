import { followUpsContract } from './followUps';
import { openSqliteFeatures } from './sqliteOpen';

followUpsContract('SQLite', async () => {
  const { stores, seed, close } = await openSqliteFeatures();
  return { followUps: stores.followUps, seed, close };
});
