// The SecretStore: the only way code reads or writes an account's credentials, and what each kind of process could not open.

import type { SecretStorageInfo } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { AccountsRepo } from '../repos/accounts';
import type { CredentialProblemsRepo, RecordedCredentialProblem } from '../repos/credentialProblems';
import { type CipherKind, CredentialUnreadableError, KEY_FILE_FORMAT, KEY_FILE_NAME, type SecretCipher } from './cipher';

/** Whether the saved login opens here, and whether the other kind of Kairos process could open it when it last tried. */
export interface CredentialAccess {
  /** Why this process cannot open it (and who can), or null. */
  readonly here: string | null;
  /** Why the other kind of process could not, or null. */
  readonly elsewhere: string | null;
}

export interface SecretStore {
  /** The kind of reader this process is. */
  readonly kind: CipherKind;
  seal(value: unknown): Buffer;
  /** Throws CredentialUnreadableError (and records it for this kind of process) when the login cannot be opened here. */
  read<T>(accountId: string): T | null;
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
  const openHere = <T>(accountId: string): T | null => {
    const sealed = accounts.sealedSecret(accountId);
    if (!sealed) return null;
    let value: T;
    try {
      value = JSON.parse(cipher.open(sealed)) as T;
    } catch (e) {
      const problem =
        e instanceof CredentialUnreadableError
          ? e
          : new CredentialUnreadableError(
              'damaged',
              "This account's saved login is damaged and cannot be read. Log in to the account again.",
            );
      if (problems.record({ accountId, reader: kind, problem: problem.problem, message: problem.message, noticedAt: clock.now() })) {
        onProblemsChanged();
      }
      throw problem;
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
    read: openHere,
    write(accountId, value, now) {
      const sealed = cipher.seal(JSON.stringify(value));
      accounts.replaceSecret(accountId, sealed, now);
      saved(accountId, sealed);
    },
    saved,
    access(accountId) {
      const recorded = problems.ofAccount(accountId);
      const other = recorded.find((p) => p.reader !== kind);
      return {
        here: recorded.find((p) => p.reader === kind)?.message ?? null,
        elsewhere: other ? `${OTHER_READER[other.reader]}: ${other.message}` : null,
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
      const names = missing.map((p) => accounts.get(p.accountId)?.name ?? p.accountId).join(', ');
      const lost =
        `The key file ${KEY_FILE_NAME} is missing from the Kairos data folder, so the saved logins of ${names} cannot be read. ` +
        'Put it back from a backup of the folder and restart Kairos, or log in to those accounts again.';
      return { ...info, warning: [lost, info.warning].filter(Boolean).join(' ') };
    },
  };
}
