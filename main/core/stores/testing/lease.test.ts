import { leaseContract } from './lease';
import { openSqlitePublishing } from './sqlite';

leaseContract('SQLite', openSqlitePublishing);
