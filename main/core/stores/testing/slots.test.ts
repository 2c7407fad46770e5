import { slotsContract } from './slots';
import { openSqliteFeatures } from './sqliteOpen';

slotsContract('SQLite', async () => {
  const { stores, seed, close } = await openSqliteFeatures();
  return { slots: stores.slots, seed, close };
});
