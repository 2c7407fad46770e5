import { pausesContract } from './pauses';
import { openSqlitePublishing } from './sqlite';

pausesContract('SQLite', openSqlitePublishing);
