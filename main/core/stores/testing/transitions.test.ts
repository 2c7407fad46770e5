// The transitions contract on SQLite (the same suite runs on PostgreSQL in main/server/pg/stores/transitions.pg.test.ts).

import { openSqlitePublishing } from './sqlitePublishing';
import { transitionsContract } from './transitions';

transitionsContract('SQLite', openSqlitePublishing);
