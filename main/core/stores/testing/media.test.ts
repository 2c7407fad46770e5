import { mediaContract } from './media';
import { openSqlitePublishing } from './sqlite';

mediaContract('SQLite', openSqlitePublishing);
