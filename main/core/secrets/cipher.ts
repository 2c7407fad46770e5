// How account credentials are sealed at rest: the OS keychain in Electron, a key file elsewhere.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStorageInfo } from '../../../shared/contract';

export interface SecretCipher {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
  describe(): SecretStorageInfo;
}

const VERSION = 1;

/** AES-256-GCM with a random key kept in a 0600 file in the data directory. */
export class KeyFileCipher implements SecretCipher {
  readonly #key: Buffer;

  constructor(readonly keyPath: string) {
    if (existsSync(keyPath)) {
      const key = readFileSync(keyPath);
      if (key.length !== 32) {
        throw new Error(`The key file ${keyPath} is damaged; saved credentials cannot be read. Remove it and reconnect your accounts.`);
      }
      this.#key = key;
    } else {
      this.#key = randomBytes(32);
      writeFileSync(keyPath, this.#key, { mode: 0o600, flag: 'wx' });
    }
    try {
      chmodSync(keyPath, 0o600);
    } catch {
      // Some file systems have no permission bits; the warning below still applies.
    }
  }

  static inDataDir(dataDir: string): KeyFileCipher {
    return new KeyFileCipher(join(dataDir, 'secrets.key'));
  }

  seal(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] !== VERSION || sealed.length < 29) throw new Error('This credential was sealed in an unknown format.');
    const iv = sealed.subarray(1, 13);
    const tag = sealed.subarray(13, 29);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
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
