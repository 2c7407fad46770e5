import { exportMetricsContract } from '../../../core/stores/testing/exportMetrics';
import { pgFeatureDatabase, pgFeatureSeed } from '../../../testing/pgFeatureSeed';
import { PgExportMetricsStore } from './exportMetrics';

const db = pgFeatureDatabase('export_metrics');
const pool = () => db().pool;

exportMetricsContract('PostgreSQL', async () => ({
  exportMetrics: new PgExportMetricsStore(pool()),
  seed: pgFeatureSeed(pool()),
  close: async () => {},
}));
