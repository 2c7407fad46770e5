// Which kind of Kairos process cannot open an account's saved login, and why (migrations 0011, 0013).

import { z } from 'zod';
import type { Problem } from '../../../shared/contract';
import type { Db } from '../db/database';
import type { CipherKind, CredentialProblem } from '../secrets/cipher';
import { readStoredNote } from '../stores/stored';

export interface RecordedCredentialProblem {
  readonly accountId: string;
  readonly reader: CipherKind;
  readonly problem: CredentialProblem;
  /** The note's English (the catalog's words for `note`). */
  readonly message: string;
  /** The note as the catalog's problem, for windows to word in their language. */
  readonly note: Problem;
  readonly noticedAt: number;
}

const Empty = z.object({}).strict();
const InFolder = z.object({ file: z.string(), folder: z.string() }).strict();
/** The problems a login note may be: the reasons a cipher gives, and the text of an earlier version. */
export const LoginNoteSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('login_in_desktop_keychain'), params: Empty }),
  z.object({ code: z.literal('login_keychain_locked'), params: Empty }),
  z.object({ code: z.literal('login_key_file_missing'), params: InFolder }),
  z.object({ code: z.literal('login_key_file_damaged'), params: z.object({ path: z.string() }).strict() }),
  z.object({ code: z.literal('login_unknown_format'), params: Empty }),
  z.object({ code: z.literal('login_wrong_key'), params: InFolder }),
  z.object({ code: z.literal('login_damaged'), params: Empty }),
  z.object({ code: z.literal('earlier_note'), params: z.object({ text: z.string() }).strict() }),
]) satisfies z.ZodType<Problem>;

interface ProblemRow {
  account_id: string;
  reader: CipherKind;
  problem: CredentialProblem;
  message: string;
  note: string;
  noticed_at: number;
}

const toProblem = (r: ProblemRow): RecordedCredentialProblem => ({
  accountId: r.account_id,
  reader: r.reader,
  problem: r.problem,
  message: r.message,
  note: readStoredNote(LoginNoteSchema, r.note, r.message),
  noticedAt: r.noticed_at,
});

export class CredentialProblemsRepo {
  readonly #upsert;
  readonly #clearReader;
  readonly #clearAccount;
  readonly #ofAccount;
  readonly #has;
  readonly #all;

  constructor(db: Db) {
    this.#upsert = db.prepare(
      `INSERT INTO credential_problems (account_id, reader, problem, message, note, noticed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, reader) DO UPDATE SET problem = excluded.problem, message = excluded.message, note = excluded.note,
         noticed_at = excluded.noticed_at
       WHERE problem IS NOT excluded.problem OR message IS NOT excluded.message OR note IS NOT excluded.note`,
    );
    this.#clearReader = db.prepare('DELETE FROM credential_problems WHERE account_id = ? AND reader = ?');
    this.#clearAccount = db.prepare('DELETE FROM credential_problems WHERE account_id = ?');
    this.#ofAccount = db.prepare<[string], ProblemRow>('SELECT * FROM credential_problems WHERE account_id = ? ORDER BY reader');
    this.#has = db.prepare<[string, string], { found: number }>(
      'SELECT 1 AS found FROM credential_problems WHERE account_id = ? AND reader = ?',
    );
    this.#all = db.prepare<[], ProblemRow>('SELECT * FROM credential_problems ORDER BY account_id, reader');
  }

  /** True when this changed what was recorded. */
  record(p: RecordedCredentialProblem): boolean {
    const note = JSON.stringify(LoginNoteSchema.parse(p.note));
    return this.#upsert.run(p.accountId, p.reader, p.problem, p.message, note, p.noticedAt).changes > 0;
  }

  /** This reader opened the login: whatever it could not do before is over. True when a problem was recorded. */
  clear(accountId: string, reader: CipherKind): boolean {
    // Read first: opening a login is frequent, and most of the time there is nothing to clear (or the database is read-only).
    if (!this.#has.get(accountId, reader)) return false;
    return this.#clearReader.run(accountId, reader).changes > 0;
  }

  /** A new login was saved: every reader tries afresh. */
  clearAccount(accountId: string): void {
    this.#clearAccount.run(accountId);
  }

  ofAccount(accountId: string): RecordedCredentialProblem[] {
    return this.#ofAccount.all(accountId).map(toProblem);
  }

  all(): RecordedCredentialProblem[] {
    return this.#all.all().map(toProblem);
  }
}
