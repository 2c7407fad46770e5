// The SecretStore: the only way code reads or writes an account's credentials, and what each kind of process could not open.

import type { z } from 'zod';
import { type LoginElsewhere, type Problem, problem, type SecretStorageInfo } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { AccountsRepo } from '../repos/accounts';
import type { CredentialProblemsRepo, RecordedCredentialProblem } from '../repos/credentialProblems';
import { checkStored } from '../stores/stored';
import { type CipherKind, CredentialUnreadableError, KEY_FILE_FORMAT, KEY_FILE_NAME, type SecretCipher, warningsOf } from './cipher';

/** Whether the saved login opens here, and whether the other kind of Kairos process could open it when it last tried. */
export interface CredentialAccess {
  /** Why this process cannot open it (and who can), or null. */
  readonly here: string | null;
  /** Why the other kind of process could not, or null. */
  readonly elsewhere: string | null;
  /** `here` as the catalog's problem. */
  readonly hereProblem: Problem | null;
  /** `elsewhere` as the reader and the catalog's problem. */
  readonly elsewhereProblem: LoginElsewhere | null;
}

export interface SecretStore {
  /** The kind of reader this process is. */
  readonly kind: CipherKind;
  seal(value: unknown): Buffer;
  /**
   * The account's login checked against `schema`. Throws CredentialUnreadableError (and records it for this kind
   * of process) when the login cannot be opened here, and StoredDataError when it opens but is not what the
   * schema says (the message names the account and the field, never a value).
   */
  read<S extends z.ZodType>(accountId: string, schema: S): z.output<S> | null;
  write(accountId: string, value: unknown, now: number): void;
  /** Clears what the readers able to open this newly saved login could not do with the one before. */
  saved(accountId: string, sealed: Buffer): void;
  access(accountId: string): CredentialAccess;
  /** What this process could not open, for an account; null when it opens (or was never tried). */
  problemHere(accountId: string): RecordedCredentialProblem | null;
  /** Tries every account's saved login once (at open), so the record says what this process can open now. */
  checkAll(): void;
  describe(): SecretStorageInfo;
}

const OTHER_READER: Readonly<Record<CipherKind, string>> = {
  key_file: 'The kairos command and browser mode cannot open this login',
  keychain: 'The Kairos desktop app cannot open this login',
};

export function createSecretStore(
  cipher: SecretCipher,
  accounts: AccountsRepo,
  problems: CredentialProblemsRepo,
  clock: Clock,
  onProblemsChanged: () => void = () => {},
): SecretStore {
  const kind = cipher.kind;
  const openHere = (accountId: string): unknown => {
    const sealed = accounts.sealedSecret(accountId);
    if (!sealed) return null;
    let value: unknown;
    try {
      value = JSON.parse(cipher.open(sealed));
    } catch (e) {
      const unreadable =
        e instanceof CredentialUnreadableError ? e : new CredentialUnreadableError('damaged', problem('login_damaged', {}));
      if (
        problems.record({
          accountId,
          reader: kind,
          problem: unreadable.problem,
          message: unreadable.message,
          note: unreadable.words,
          noticedAt: clock.now(),
        })
      ) {
        onProblemsChanged();
      }
      throw unreadable;
    }
    if (problems.clear(accountId, kind)) onProblemsChanged();
    return value;
  };
  const saved = (accountId: string, sealed: Buffer) => {
    // What the key file sealed opens in every kind of process (given the key file); a keychain seal only here.
    if (sealed[0] === KEY_FILE_FORMAT) problems.clearAccount(accountId);
    else problems.clear(accountId, kind);
    onProblemsChanged();
  };
  return {
    kind,
    seal: (value) => cipher.seal(JSON.stringify(value)),
    read(accountId, schema) {
      const value = openHere(accountId);
      if (value === null) return null;
      return checkStored(schema, value, 'login', accounts.get(accountId)?.name ?? accountId);
    },
    write(accountId, value, now) {
      const sealed = cipher.seal(JSON.stringify(value));
      accounts.replaceSecret(accountId, sealed, now);
      saved(accountId, sealed);
    },
    saved,
    access(accountId) {
      const recorded = problems.ofAccount(accountId);
      const mine = recorded.find((p) => p.reader === kind);
      const other = recorded.find((p) => p.reader !== kind);
      return {
        here: mine?.message ?? null,
        elsewhere: other ? `${OTHER_READER[other.reader]}: ${other.message}` : null,
        hereProblem: mine?.note ?? null,
        elsewhereProblem: other ? { reader: other.reader, problem: other.note } : null,
      };
    },
    problemHere: (accountId) => problems.ofAccount(accountId).find((p) => p.reader === kind) ?? null,
    checkAll() {
      for (const a of accounts.list()) {
        try {
          openHere(a.id);
        } catch (e) {
          // Recorded for this kind of process; the account list and the scheduler read it from there.
          if (!(e instanceof CredentialUnreadableError)) throw e;
        }
      }
    },
    describe() {
      const info = cipher.describe();
      const missing = problems.all().filter((p) => p.reader === kind && p.problem === 'key_file_missing');
      if (missing.length === 0) return info;
      const names = missing.map((p) => accounts.get(p.accountId)?.name ?? p.accountId);
      const lost = problem('key_file_lost', { file: KEY_FILE_NAME, names });
      return { ...info, ...warningsOf([lost, ...info.warningProblems]) };
    },
  };
}
