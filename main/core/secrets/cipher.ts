// How account credentials are sealed at rest: the OS keychain in Electron, a key file elsewhere.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SecretStorageInfo } from '../../../shared/contract';
import { isSystemError } from '../parse';

/**
 * Which kind of reader a process is. Shells of one kind open the same credentials: the kairos command and
 * browser mode read with the key file; the desktop app with the keychain (and the key file's older ones).
 */
export type CipherKind = 'key_file' | 'keychain';

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
  constructor(
    readonly problem: CredentialProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialUnreadableError';
  }
}

/** The first byte of what KeyFileCipher seals. */
export const KEY_FILE_FORMAT = 1;
/** The first byte of what the desktop app seals with the OS keychain (main/electron/keychainCipher.ts). */
export const KEYCHAIN_FORMAT = 0x02;
export const KEY_FILE_NAME = 'secrets.key';

export function keyFileMissing(keyPath: string): CredentialUnreadableError {
  return new CredentialUnreadableError(
    'key_file_missing',
    `The key file ${KEY_FILE_NAME} is missing from ${dirname(keyPath)}, so this account's saved login cannot be read. ` +
      `Put ${KEY_FILE_NAME} back from a backup of that folder and restart Kairos, or log in to the account again.`,
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
      throw new CredentialUnreadableError(
        'damaged',
        `The key file ${this.keyPath} is damaged, so saved logins cannot be read. Put it back from a backup of the data folder, or log in to the accounts again.`,
      );
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
      throw new CredentialUnreadableError(
        'other_shell',
        "This account's login was saved by the Kairos desktop app in the system keychain, which the kairos command and browser mode cannot open. " +
          'The desktop app publishes its posts; to publish from here too, log in to the account again here.',
      );
    }
    if (sealed[0] !== KEY_FILE_FORMAT || sealed.length < 29) {
      throw new CredentialUnreadableError(
        'damaged',
        "This account's saved login is in a format Kairos does not know. Log in to the account again.",
      );
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
      throw new CredentialUnreadableError(
        'damaged',
        `This account's saved login does not open with the ${KEY_FILE_NAME} in ${dirname(this.keyPath)}: it was sealed with another key, or damaged. ` +
          `Put the matching ${KEY_FILE_NAME} back from a backup, or log in to the account again.`,
      );
    }
  }

  describe(): SecretStorageInfo {
    return {
      backend: 'key file',
      encrypted: true,
      warning:
        'Credentials are encrypted with a key stored in your Kairos data folder, not in the system keychain: anyone who can read that folder can read them.',
    };
  }
}
