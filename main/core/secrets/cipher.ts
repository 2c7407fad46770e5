// How account credentials are sealed at rest: the OS keychain in Electron, a key file elsewhere.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Problem, problem, type SecretStorageInfo, wordsFor } from '../../../shared/contract';
import { isSystemError } from '../parse';

/**
 * Which kind of reader a process is. Shells of one kind open the same credentials: the kairos command and
 * browser mode read with the key file; the desktop app with the keychain (and the key file's older ones); the
 * workspace server with its server key.
 */
export type CipherKind = 'key_file' | 'keychain' | 'server_key';

export interface SecretCipher {
  readonly kind: CipherKind;
  seal(plain: string): Buffer;
  /** Throws CredentialUnreadableError when this process cannot open what another sealed. */
  open(sealed: Buffer): string;
  describe(): SecretStorageInfo;
}

/** Why a process cannot open a stored credential; each says what happened and what to do. */
export type CredentialProblem = 'other_shell' | 'keychain_unavailable' | 'key_file_missing' | 'damaged';

export class CredentialUnreadableError extends Error {
  /** `words` is the catalog's problem (shared/contract/problems.ts); the message is its English. */
  constructor(
    readonly problem: CredentialProblem,
    readonly words: Problem,
  ) {
    super(wordsFor(words));
    this.name = 'CredentialUnreadableError';
  }
}

/** A storage description's warnings: the catalog's problems, and their English joined (null when there are none). */
export function warningsOf(problems: readonly Problem[]): Pick<SecretStorageInfo, 'warning' | 'warningProblems'> {
  return { warning: problems.length === 0 ? null : problems.map((p) => wordsFor(p)).join(' '), warningProblems: problems };
}

/** The first byte of what KeyFileCipher seals. */
export const KEY_FILE_FORMAT = 1;
/** The first byte of what the desktop app seals with the OS keychain (main/electron/keychainCipher.ts). */
export const KEYCHAIN_FORMAT = 0x02;
export const KEY_FILE_NAME = 'secrets.key';

export function keyFileMissing(keyPath: string): CredentialUnreadableError {
  return new CredentialUnreadableError(
    'key_file_missing',
    problem('login_key_file_missing', { file: KEY_FILE_NAME, folder: dirname(keyPath) }),
  );
}

/**
 * AES-256-GCM with a random key kept in a 0600 file in the data directory. The key is made only when the first
 * credential is sealed, never when one is read: a missing key file is reported, not silently replaced.
 */
export class KeyFileCipher implements SecretCipher {
  readonly kind: CipherKind = 'key_file';
  #key: Buffer | null = null;

  constructor(readonly keyPath: string) {}

  static inDataDir(dataDir: string): KeyFileCipher {
    return new KeyFileCipher(join(dataDir, KEY_FILE_NAME));
  }

  /** Whether the key file is there; when it is not, credentials it sealed cannot be opened. */
  hasKey(): boolean {
    return this.#key !== null || existsSync(this.keyPath);
  }

  #loadKey(): Buffer | null {
    if (this.#key) return this.#key;
    if (!existsSync(this.keyPath)) return null;
    const key = readFileSync(this.keyPath);
    if (key.length !== 32) {
      throw new CredentialUnreadableError('damaged', problem('login_key_file_damaged', { path: this.keyPath }));
    }
    try {
      chmodSync(this.keyPath, 0o600);
    } catch (e) {
      // Some file systems have no permission bits (EPERM, ENOTSUP); describe() warns about the key file anyway.
      if (!isSystemError(e)) throw e;
    }
    this.#key = key;
    return key;
  }

  seal(plain: string): Buffer {
    let key = this.#loadKey();
    if (!key) {
      key = randomBytes(32);
      writeFileSync(this.keyPath, key, { mode: 0o600, flag: 'wx' });
      this.#key = key;
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([KEY_FILE_FORMAT]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] === KEYCHAIN_FORMAT) {
      throw new CredentialUnreadableError('other_shell', problem('login_in_desktop_keychain', {}));
    }
    if (sealed[0] !== KEY_FILE_FORMAT || sealed.length < 29) {
      throw new CredentialUnreadableError('damaged', problem('login_unknown_format', {}));
    }
    const key = this.#loadKey();
    if (!key) throw keyFileMissing(this.keyPath);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    } catch (e) {
      // node:crypto refuses a wrong key or changed bytes ("unable to authenticate data") and a cut-off seal (bad
      // tag or IV length) with an Error; nothing else runs here.
      if (!(e instanceof Error)) throw e;
      throw new CredentialUnreadableError('damaged', problem('login_wrong_key', { file: KEY_FILE_NAME, folder: dirname(this.keyPath) }));
    }
  }

  describe(): SecretStorageInfo {
    return {
      backend: 'key file',
      encrypted: true,
      ...warningsOf([problem('key_file_in_data_folder', {})]),
    };
  }
}
