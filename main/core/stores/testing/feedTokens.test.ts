import { feedTokensContract } from './feedTokens';
import { openSqliteFeatures } from './sqliteOpen';

feedTokensContract('SQLite', async () => {
  const { stores, seed, close } = await openSqliteFeatures();
  return { feedTokens: stores.feedTokens, seed, close };
});
