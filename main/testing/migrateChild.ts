// Runs the real migrate() with a deliberately slow last step, so a test can kill it in the middle.
// Usage after bundling: node migrateChild.mjs DB_PATH MIGRATIONS_DIR UP_TO

import Database from 'better-sqlite3';
import { loadMigrations, migrate } from '../core/db/database';

const [path, dir, upTo] = process.argv.slice(2);
if (!path || !dir || !upTo) {
  process.stderr.write('migrateChild needs DB_PATH MIGRATIONS_DIR UP_TO.\n');
  process.exit(2);
}
const target = Number(upTo);
const slowTail = `
SELECT 'midway';
CREATE TABLE slow_fill (x INTEGER) STRICT;
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000000) INSERT INTO slow_fill SELECT x FROM c;`;
const migrations = loadMigrations(dir)
  .filter((m) => m.version <= target)
  .map((m) => (m.version === target ? { ...m, sql: m.sql + slowTail } : m));
const db = new Database(path);
db.pragma('journal_mode = WAL');
db.pragma('foreign_keys = ON');
// The step before the slow tail has run inside the transaction by the time this prints.
process.stdout.write('migrating\n');
migrate(db, migrations);
process.stdout.write('finished\n');
