import { exportMetricsContract } from './exportMetrics';
import { openSqliteFeatures } from './sqliteOpen';

exportMetricsContract('SQLite', async () => {
  const { stores, seed, close } = await openSqliteFeatures();
  return { exportMetrics: stores.exportMetrics, seed, close };
});
