// The posts contract on SQLite (the same suite runs on PostgreSQL in main/server/pg/stores/posts.pg.test.ts).

import { postsContract } from './posts';
import { openSqlitePublishing } from './sqlitePublishing';

postsContract('SQLite', openSqlitePublishing);
