import { settingsContract } from './settings';
import { openSqliteSettings } from './sqlite';

settingsContract('SQLite', openSqliteSettings);
