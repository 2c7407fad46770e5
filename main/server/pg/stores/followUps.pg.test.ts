import { followUpsContract } from '../../../core/stores/testing/followUps';
import { pgFeatureDatabase, pgFeatureSeed } from '../../../testing/pgFeatureSeed';
import { PgFollowUpsStore } from './followUps';

const db = pgFeatureDatabase('follow_ups');
const pool = () => db().pool;

followUpsContract('PostgreSQL', async () => ({
  followUps: new PgFollowUpsStore(pool()),
  seed: pgFeatureSeed(pool()),
  close: async () => {},
}));
