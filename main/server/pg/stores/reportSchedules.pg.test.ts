import { reportSchedulesContract } from '../../../core/stores/testing/reportSchedules';
import { pgFeatureDatabase, pgFeatureSeed } from '../../../testing/pgFeatureSeed';
import { PgReportSchedulesStore } from './reportSchedules';

const db = pgFeatureDatabase('report_schedules');
const pool = () => db().pool;

reportSchedulesContract('PostgreSQL', async () => ({
  reportSchedules: new PgReportSchedulesStore(pool()),
  seed: pgFeatureSeed(pool()),
  close: async () => {},
}));
