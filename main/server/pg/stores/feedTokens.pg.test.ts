import { feedTokensContract } from '../../../core/stores/testing/feedTokens';
import { pgFeatureDatabase, pgFeatureSeed } from '../../../testing/pgFeatureSeed';
import { PgFeedTokensStore } from './feedTokens';

const db = pgFeatureDatabase('feed_tokens');
const pool = () => db().pool;

feedTokensContract('PostgreSQL', async () => ({
  feedTokens: new PgFeedTokensStore(pool()),
  seed: pgFeatureSeed(pool()),
  close: async () => {},
}));
