// Seals account credentials with the operating system's keychain through Electron safeStorage.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStorageInfo } from '../../shared/contract/system';
import { KeyFileCipher, type SecretCipher } from '../core/secrets/cipher';

// KeyFileCipher starts its output with byte 1; a different first byte lets one database hold credentials
// sealed either way, so accounts connected in browser mode still open after switching to the desktop app.
const KEYCHAIN_FORMAT = 0x02;
// Where KeyFileCipher.inDataDir keeps its key; checked before use so reading never creates a stray key.
const KEY_FILE_NAME = 'secrets.key';

const BASIC_TEXT_WARNING =
  'Credentials are not encrypted by the system keychain: no keychain service (such as GNOME Keyring or KWallet) was found, ' +
  'so they are stored with a fixed key that any program can use. Anyone who can read your Kairos data folder can read them. ' +
  'Set up a keychain, restart Kairos and reconnect your accounts to protect them.';

function describeKeychain(): SecretStorageInfo {
  if (process.platform === 'darwin') return { backend: 'macOS Keychain', encrypted: true, warning: null };
  if (process.platform === 'win32') return { backend: 'Windows Data Protection (DPAPI)', encrypted: true, warning: null };
  const backend = safeStorage.getSelectedStorageBackend();
  if (backend === 'basic_text') return { backend: 'basic_text', encrypted: false, warning: BASIC_TEXT_WARNING };
  return { backend: `system keychain (${backend})`, encrypted: true, warning: null };
}

/** Must be created after app "ready": before it, safeStorage reports no keychain on Linux and Windows. */
export class SystemCipher implements SecretCipher {
  readonly #dataDir: string;
  readonly #keychain: boolean;
  #keyFile: KeyFileCipher | null = null;

  constructor(dataDir: string, keychainAvailable: boolean = safeStorage.isEncryptionAvailable()) {
    this.#dataDir = dataDir;
    this.#keychain = keychainAvailable;
  }

  #keyFileCipher(): KeyFileCipher {
    this.#keyFile ??= KeyFileCipher.inDataDir(this.#dataDir);
    return this.#keyFile;
  }

  seal(plain: string): Buffer {
    if (!this.#keychain) return this.#keyFileCipher().seal(plain);
    return Buffer.concat([Buffer.from([KEYCHAIN_FORMAT]), safeStorage.encryptString(plain)]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] === KEYCHAIN_FORMAT) {
      if (!this.#keychain) {
        throw new Error('This credential is locked in the system keychain, which is not available now. Unlock it and restart Kairos.');
      }
      return safeStorage.decryptString(sealed.subarray(1));
    }
    if (this.#keychain && !existsSync(join(this.#dataDir, KEY_FILE_NAME))) {
      throw new Error('This credential was sealed with a key file that is no longer in the data folder. Reconnect the account.');
    }
    return this.#keyFileCipher().open(sealed);
  }

  describe(): SecretStorageInfo {
    return this.#keychain ? describeKeychain() : this.#keyFileCipher().describe();
  }
}
