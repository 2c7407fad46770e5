// The posts contract on PostgreSQL (the same suite runs on SQLite in main/core/stores/testing/posts.test.ts).

import { postsContract } from '../../../core/stores/testing/posts';
import { openPgPublishing } from '../../../testing/pgPublishing';
import { databaseForThisFile } from '../../../testing/postgresDatabase';

const db = databaseForThisFile('posts_store');

postsContract('PostgreSQL', () => openPgPublishing(db().pool));
