import { evergreenContract } from './evergreen';
import { openSqliteFeatures } from './sqliteOpen';

evergreenContract('SQLite', async () => {
  const { stores, seed, close } = await openSqliteFeatures();
  return { evergreen: stores.evergreen, seed, close };
});
