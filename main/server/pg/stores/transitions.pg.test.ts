// The transitions contract on PostgreSQL (the same suite runs on SQLite in main/core/stores/testing/transitions.test.ts).

import { transitionsContract } from '../../../core/stores/testing/transitions';
import { openPgPublishing } from '../../../testing/pgPublishing';
import { databaseForThisFile } from '../../../testing/postgresDatabase';

const db = databaseForThisFile('transitions_store');

transitionsContract('PostgreSQL', () => openPgPublishing(db().pool));
