import { reportSchedulesContract } from './reportSchedules';
import { openSqliteFeatures } from './sqliteOpen';

reportSchedulesContract('SQLite', async () => {
  const { stores, seed, close } = await openSqliteFeatures();
  return { reportSchedules: stores.reportSchedules, seed, close };
});
