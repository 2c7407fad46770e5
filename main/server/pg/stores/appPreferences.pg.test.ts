import { appPreferencesContract } from '../../../core/stores/testing/appPreferences';
import { pgFeatureDatabase, pgFeatureSeed } from '../../../testing/pgFeatureSeed';
import { PgAppPreferencesStore } from './appPreferences';

const db = pgFeatureDatabase('app_preferences');
const pool = () => db().pool;

appPreferencesContract('PostgreSQL', async () => ({
  appPreferences: new PgAppPreferencesStore(pool()),
  seed: pgFeatureSeed(pool()),
  close: async () => {},
}));
