// The SecretStore: the only way code reads or writes an account's credentials, and what each kind of process could not open.

import type { z } from 'zod';
import { type LoginElsewhere, type Problem, problem, type SecretStorageInfo } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { RecordedCredentialProblem } from '../repos/credentialProblems';
import { checkStored } from '../stores/stored';
import type { AccountsStore, CredentialProblemsStore } from '../stores/types';
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
  read<S extends z.ZodType>(accountId: string, schema: S): Promise<z.output<S> | null>;
  write(accountId: string, value: unknown, now: number): Promise<void>;
  /** Clears what the readers able to open this newly saved login could not do with the one before. */
  saved(accountId: string, sealed: Buffer): Promise<void>;
  access(accountId: string): Promise<CredentialAccess>;
  /** What this process could not open, for an account; null when it opens (or was never tried). */
  problemHere(accountId: string): Promise<RecordedCredentialProblem | null>;
  /** Tries every account's saved login once (at open), so the record says what this process can open now. */
  checkAll(): Promise<void>;
  describe(): Promise<SecretStorageInfo>;
}

const OTHER_READER: Readonly<Record<CipherKind, string>> = {
  key_file: 'The kairos command and browser mode cannot open this login',
  keychain: 'The Kairos desktop app cannot open this login',
  server_key: 'The Kairos workspace server cannot open this login',
};

export function createSecretStore(
  cipher: SecretCipher,
  accounts: AccountsStore,
  problems: CredentialProblemsStore,
  clock: Clock,
  onProblemsChanged: () => void = () => {},
): SecretStore {
  const kind = cipher.kind;
  const openHere = async (accountId: string): Promise<unknown> => {
    const sealed = await accounts.sealedSecret(accountId);
    if (!sealed) return null;
    let value: unknown;
    try {
      value = JSON.parse(cipher.open(sealed));
    } catch (e) {
      const unreadable =
        e instanceof CredentialUnreadableError ? e : new CredentialUnreadableError('damaged', problem('login_damaged', {}));
      if (
        await problems.record({
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
    if (await problems.clear(accountId, kind)) onProblemsChanged();
    return value;
  };
  const saved = async (accountId: string, sealed: Buffer) => {
    // What the key file sealed opens in every kind of process (given the key file); a keychain seal only here.
    if (sealed[0] === KEY_FILE_FORMAT) await problems.clearAccount(accountId);
    else await problems.clear(accountId, kind);
    onProblemsChanged();
  };
  return {
    kind,
    seal: (value) => cipher.seal(JSON.stringify(value)),
    async read(accountId, schema) {
      const value = await openHere(accountId);
      if (value === null) return null;
      return checkStored(schema, value, 'login', (await accounts.get(accountId))?.name ?? accountId);
    },
    async write(accountId, value, now) {
      const sealed = cipher.seal(JSON.stringify(value));
      await accounts.replaceSecret(accountId, sealed, now);
      await saved(accountId, sealed);
    },
    saved,
    async access(accountId) {
      const recorded = await problems.ofAccount(accountId);
      const mine = recorded.find((p) => p.reader === kind);
      const other = recorded.find((p) => p.reader !== kind);
      return {
        here: mine?.message ?? null,
        elsewhere: other ? `${OTHER_READER[other.reader]}: ${other.message}` : null,
        hereProblem: mine?.note ?? null,
        elsewhereProblem: other ? { reader: other.reader, problem: other.note } : null,
      };
    },
    problemHere: async (accountId) => (await problems.ofAccount(accountId)).find((p) => p.reader === kind) ?? null,
    async checkAll() {
      for (const a of await accounts.list()) {
        try {
          await openHere(a.id);
        } catch (e) {
          // Recorded for this kind of process; the account list and the scheduler read it from there.
          if (!(e instanceof CredentialUnreadableError)) throw e;
        }
      }
    },
    async describe() {
      const info = cipher.describe();
      const missing = (await problems.all()).filter((p) => p.reader === kind && p.problem === 'key_file_missing');
      if (missing.length === 0) return info;
      const names: string[] = [];
      for (const p of missing) names.push((await accounts.get(p.accountId))?.name ?? p.accountId);
      const lost = problem('key_file_lost', { file: KEY_FILE_NAME, names });
      return { ...info, ...warningsOf([lost, ...info.warningProblems]) };
    },
  };
}
