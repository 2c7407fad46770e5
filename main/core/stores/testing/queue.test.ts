// The queue contract on SQLite (the same suite runs on PostgreSQL in main/server/pg/stores/queue.pg.test.ts).

import { queueContract } from './queue';
import { openSqlitePublishing } from './sqlitePublishing';

queueContract('SQLite', openSqlitePublishing);
