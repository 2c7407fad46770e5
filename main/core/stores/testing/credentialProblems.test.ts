import { credentialProblemsContract } from './credentialProblems';
import { openSqlitePublishing } from './sqlite';

credentialProblemsContract('SQLite', openSqlitePublishing);
