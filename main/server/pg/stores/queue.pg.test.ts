// The queue contract on PostgreSQL (the same suite runs on SQLite in main/core/stores/testing/queue.test.ts).

import { queueContract } from '../../../core/stores/testing/queue';
import { openPgPublishing } from '../../../testing/pgPublishing';
import { databaseForThisFile } from '../../../testing/postgresDatabase';

const db = databaseForThisFile('queue_store');

queueContract('PostgreSQL', () => openPgPublishing(db().pool));
