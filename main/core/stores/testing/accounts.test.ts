import { accountsContract } from './accounts';
import { openSqlitePublishing } from './sqlite';

accountsContract('SQLite', openSqlitePublishing);
