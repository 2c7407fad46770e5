// Chooses between the OS keychain and the key file for each credential; no Electron import, so it is tested directly.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStorageInfo } from '../../shared/contract/system';
import { KeyFileCipher, type SecretCipher } from '../core/secrets/cipher';

/** What Electron safeStorage offers, reduced to what sealing needs. */
export interface Keychain {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  describe(): SecretStorageInfo;
}

// KeyFileCipher starts its output with byte 1; a different first byte lets one database hold credentials
// sealed either way, so accounts connected in browser mode still open after switching to the desktop app.
export const KEYCHAIN_FORMAT = 0x02;
// Where KeyFileCipher.inDataDir keeps its key; checked before use so reading never creates a stray key.
const KEY_FILE_NAME = 'secrets.key';

export const BASIC_TEXT_WARNING =
  'Credentials are not encrypted by the system keychain: no keychain service (such as GNOME Keyring or KWallet) was found, ' +
  'so they are stored with a fixed key that any program can use. Anyone who can read your Kairos data folder can read them. ' +
  'Set up a keychain, restart Kairos and reconnect your accounts to protect them.';

/** linuxBackend is safeStorage.getSelectedStorageBackend(), read only on Linux. */
export function describeKeychain(platform: NodeJS.Platform, linuxBackend: () => string): SecretStorageInfo {
  if (platform === 'darwin') return { backend: 'macOS Keychain', encrypted: true, warning: null };
  if (platform === 'win32') return { backend: 'Windows Data Protection (DPAPI)', encrypted: true, warning: null };
  const backend = linuxBackend();
  // basic_text "encrypts" with a key compiled into Chromium; calling that encrypted would mislead the user.
  if (backend === 'basic_text') return { backend: 'basic_text', encrypted: false, warning: BASIC_TEXT_WARNING };
  return { backend: `system keychain (${backend})`, encrypted: true, warning: null };
}

/** Seals with the keychain when there is one, and the key file otherwise; opens whatever either sealed. */
export class KeychainCipher implements SecretCipher {
  readonly #dataDir: string;
  readonly #keychain: Keychain | null;
  #keyFile: KeyFileCipher | null = null;

  constructor(dataDir: string, keychain: Keychain | null) {
    this.#dataDir = dataDir;
    this.#keychain = keychain;
  }

  #keyFileCipher(): KeyFileCipher {
    this.#keyFile ??= KeyFileCipher.inDataDir(this.#dataDir);
    return this.#keyFile;
  }

  seal(plain: string): Buffer {
    if (!this.#keychain) return this.#keyFileCipher().seal(plain);
    return Buffer.concat([Buffer.from([KEYCHAIN_FORMAT]), this.#keychain.encrypt(plain)]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] === KEYCHAIN_FORMAT) {
      if (!this.#keychain) {
        throw new Error('This credential is locked in the system keychain, which is not available now. Unlock it and restart Kairos.');
      }
      return this.#keychain.decrypt(sealed.subarray(1));
    }
    if (this.#keychain && !existsSync(join(this.#dataDir, KEY_FILE_NAME))) {
      throw new Error('This credential was sealed with a key file that is no longer in the data folder. Reconnect the account.');
    }
    return this.#keyFileCipher().open(sealed);
  }

  describe(): SecretStorageInfo {
    return this.#keychain ? this.#keychain.describe() : this.#keyFileCipher().describe();
  }
}
