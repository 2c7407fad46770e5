// Chooses between the OS keychain and the key file for each credential; no Electron import, so it is tested directly.

import type { SecretStorageInfo } from '../../shared/contract/system';
import {
  type CipherKind,
  CredentialUnreadableError,
  KEYCHAIN_FORMAT,
  KeyFileCipher,
  keyFileMissing,
  type SecretCipher,
} from '../core/secrets/cipher';

export { KEYCHAIN_FORMAT } from '../core/secrets/cipher';

/** What Electron safeStorage offers, reduced to what sealing needs. */
export interface Keychain {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  describe(): SecretStorageInfo;
}

/** The part of Electron's safeStorage the choice depends on (getSelectedStorageBackend exists on Linux only). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** Which keychain seals new credentials, and which may only open old ones; `why` is set when the key file is used. */
export interface KeychainChoice {
  readonly seal: Keychain | null;
  /** Opens credentials a keychain sealed earlier when it no longer seals new ones (Linux basic_text). */
  readonly openOnly: Keychain | null;
  readonly why: string | null;
}

export const BASIC_TEXT_NOTE =
  'No system keychain (such as GNOME Keyring or KWallet) was found, so Kairos does not use the fixed key built into Chromium, ' +
  'which any program could use: credentials are encrypted with the key file in your Kairos data folder instead. ' +
  'Set up a keychain and restart Kairos to keep them in the keychain.';

export const NO_KEYCHAIN_NOTE =
  'The system keychain is not available, so credentials are encrypted with the key file in your Kairos data folder instead.';

/** On Linux, getSelectedStorageBackend() says whether a real keychain backs safeStorage; basic_text is a fixed key. */
export function chooseKeychain(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeychainChoice {
  if (!safeStorage.isEncryptionAvailable()) return { seal: null, openOnly: null, why: NO_KEYCHAIN_NOTE };
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const keychain: Keychain = {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
    describe: () => describeKeychain(platform, backend),
  };
  if (backend === 'basic_text') return { seal: null, openOnly: keychain, why: BASIC_TEXT_NOTE };
  return { seal: keychain, openOnly: null, why: null };
}

/** linuxBackend is safeStorage.getSelectedStorageBackend(), read only on Linux. */
export function describeKeychain(platform: NodeJS.Platform, linuxBackend: string | null): SecretStorageInfo {
  if (platform === 'darwin') return { backend: 'macOS Keychain', encrypted: true, warning: null };
  if (platform === 'win32') return { backend: 'Windows Data Protection (DPAPI)', encrypted: true, warning: null };
  return { backend: `system keychain (${linuxBackend ?? 'unknown'})`, encrypted: true, warning: null };
}

/** Seals with the keychain when there is a real one, and the key file otherwise; opens whatever either sealed. */
export class KeychainCipher implements SecretCipher {
  readonly kind: CipherKind;
  readonly #choice: KeychainChoice;
  readonly #keyFile: KeyFileCipher;

  constructor(dataDir: string, choice: KeychainChoice) {
    this.#choice = choice;
    this.#keyFile = KeyFileCipher.inDataDir(dataDir);
    this.kind = choice.seal ? 'keychain' : 'key_file';
  }

  seal(plain: string): Buffer {
    const keychain = this.#choice.seal;
    if (!keychain) return this.#keyFile.seal(plain);
    return Buffer.concat([Buffer.from([KEYCHAIN_FORMAT]), keychain.encrypt(plain)]);
  }

  open(sealed: Buffer): string {
    if (sealed[0] === KEYCHAIN_FORMAT) {
      const keychain = this.#choice.seal ?? this.#choice.openOnly;
      if (!keychain) {
        throw new CredentialUnreadableError(
          'keychain_unavailable',
          "This account's login is locked in the system keychain, which is not available now. Unlock it and restart Kairos, or log in to the account again.",
        );
      }
      return keychain.decrypt(sealed.subarray(1));
    }
    if (!this.#keyFile.hasKey()) throw keyFileMissing(this.#keyFile.keyPath);
    return this.#keyFile.open(sealed);
  }

  describe(): SecretStorageInfo {
    const keychain = this.#choice.seal;
    if (keychain) return keychain.describe();
    const keyFile = this.#keyFile.describe();
    return { ...keyFile, warning: [this.#choice.why, keyFile.warning].filter(Boolean).join(' ') };
  }
}
