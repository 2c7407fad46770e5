import { reviewContract } from './review';
import { openSqlitePublishing } from './sqlite';

reviewContract('SQLite', openSqlitePublishing);
