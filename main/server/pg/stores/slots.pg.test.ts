import { slotsContract } from '../../../core/stores/testing/slots';
import { pgFeatureDatabase, pgFeatureSeed, plainPostsWithin } from '../../../testing/pgFeatureSeed';
import { PgSlotsStore } from './slots';

const db = pgFeatureDatabase('slots');
const pool = () => db().pool;

slotsContract('PostgreSQL', async () => ({
  slots: new PgSlotsStore(pool(), plainPostsWithin),
  seed: pgFeatureSeed(pool()),
  close: async () => {},
}));
