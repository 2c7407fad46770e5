// The series contract on SQLite (the same suite runs on PostgreSQL in main/server/pg/stores/series.pg.test.ts).

import { seriesContract } from './series';
import { openSqlitePublishing } from './sqlitePublishing';

seriesContract('SQLite', openSqlitePublishing);
