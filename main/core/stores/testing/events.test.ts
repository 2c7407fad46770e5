import { eventsContract } from './events';
import { openSqlitePublishing } from './sqlite';

eventsContract('SQLite', openSqlitePublishing);
