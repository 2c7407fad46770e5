// The series contract on PostgreSQL (the same suite runs on SQLite in main/core/stores/testing/series.test.ts).

import { seriesContract } from '../../../core/stores/testing/series';
import { openPgPublishing } from '../../../testing/pgPublishing';
import { databaseForThisFile } from '../../../testing/postgresDatabase';

const db = databaseForThisFile('series_store');

seriesContract('PostgreSQL', () => openPgPublishing(db().pool));
