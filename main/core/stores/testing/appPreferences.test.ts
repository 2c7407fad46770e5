import { appPreferencesContract } from './appPreferences';
import { openSqliteFeatures } from './sqliteOpen';

appPreferencesContract('SQLite', async () => {
  const { stores, seed, close } = await openSqliteFeatures();
  return { appPreferences: stores.appPreferences, seed, close };
});
