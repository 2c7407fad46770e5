// Which kind of Kairos process cannot open an account's saved login, and why (the SQLite CredentialProblemsRepo's
// queries over 0005's table). Besides the desktop's readers (key_file, keychain) the table takes the server's own
// (server_key); the note is the catalog's problem as jsonb.

import type pg from 'pg';
import { type Problem, problem } from '../../../../shared/contract';
import { LoginNoteSchema, type RecordedCredentialProblem } from '../../../core/repos/credentialProblems';
import type { CipherKind, CredentialProblem } from '../../../core/secrets/cipher';
import type { CredentialProblemsStore } from '../../../core/stores/types';
import { at, msOf, type Queryable } from './pgDb';

interface ProblemRow {
  account_id: string;
  reader: CipherKind;
  problem: CredentialProblem;
  message: string;
  note: unknown;
  noticed_at: Date;
}

/** A note that is not what Kairos wrote falls back to its English text, as readStoredNote does for SQLite's. */
function noteOf(value: unknown, english: string): Problem {
  const r = LoginNoteSchema.safeParse(value);
  return r.success ? r.data : problem('earlier_note', { text: english });
}

const toProblem = (r: ProblemRow): RecordedCredentialProblem => ({
  accountId: r.account_id,
  reader: r.reader,
  problem: r.problem,
  message: r.message,
  note: noteOf(r.note, r.message),
  noticedAt: msOf(r.noticed_at),
});

const COLUMNS = 'account_id, reader, problem, message, note, noticed_at';

export class PgCredentialProblemsStore implements CredentialProblemsStore {
  constructor(private readonly q: Queryable) {}

  /** The same store, with every call inside the caller's transaction. */
  within(c: pg.PoolClient): PgCredentialProblemsStore {
    return new PgCredentialProblemsStore(c);
  }

  /** True when this changed what was recorded (the same problem noticed again keeps its first time). */
  async record(p: RecordedCredentialProblem): Promise<boolean> {
    const note = JSON.stringify(LoginNoteSchema.parse(p.note));
    const r = await this.q.query(
      `INSERT INTO credential_problems AS cp (account_id, reader, problem, message, note, noticed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (account_id, reader) DO UPDATE SET problem = excluded.problem, message = excluded.message, note = excluded.note,
         noticed_at = excluded.noticed_at
       WHERE cp.problem IS DISTINCT FROM excluded.problem OR cp.message IS DISTINCT FROM excluded.message
         OR cp.note IS DISTINCT FROM excluded.note`,
      [p.accountId, p.reader, p.problem, p.message, note, at(p.noticedAt)],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /** This reader opened the login: whatever it could not do before is over. True when a problem was recorded. */
  async clear(accountId: string, reader: CipherKind): Promise<boolean> {
    // One statement: a delete that finds nothing writes nothing here (SQLite reads first to keep off its write lock).
    const r = await this.q.query('DELETE FROM credential_problems WHERE account_id = $1 AND reader = $2', [accountId, reader]);
    return (r.rowCount ?? 0) > 0;
  }

  /** A new login was saved: every reader tries afresh. */
  async clearAccount(accountId: string): Promise<void> {
    await this.q.query('DELETE FROM credential_problems WHERE account_id = $1', [accountId]);
  }

  async ofAccount(accountId: string): Promise<RecordedCredentialProblem[]> {
    const r = await this.q.query<ProblemRow>(
      `SELECT ${COLUMNS} FROM credential_problems WHERE account_id = $1 ORDER BY reader COLLATE "C"`,
      [accountId],
    );
    return r.rows.map(toProblem);
  }

  async all(): Promise<RecordedCredentialProblem[]> {
    const r = await this.q.query<ProblemRow>(
      `SELECT ${COLUMNS} FROM credential_problems ORDER BY account_id COLLATE "C", reader COLLATE "C"`,
    );
    return r.rows.map(toProblem);
  }
}
