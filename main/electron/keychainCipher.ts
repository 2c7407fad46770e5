// Chooses between the OS keychain and the key file for each credential; no Electron import, so it is tested directly.

import { type Problem, problem, wordsFor } from '../../shared/contract/problems';
import type { SecretStorageInfo } from '../../shared/contract/system';
import {
  type CipherKind,
  CredentialUnreadableError,
  KEYCHAIN_FORMAT,
  KeyFileCipher,
  keyFileMissing,
  type SecretCipher,
  warningsOf,
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
  readonly why: Problem | null;
}

const BASIC_TEXT = problem('keychain_basic_text', {});
const NO_KEYCHAIN = problem('keychain_unavailable', {});
/** The English of why the key file is used: the catalog's words. */
export const BASIC_TEXT_NOTE = wordsFor(BASIC_TEXT);
export const NO_KEYCHAIN_NOTE = wordsFor(NO_KEYCHAIN);

/** On Linux, getSelectedStorageBackend() says whether a real keychain backs safeStorage; basic_text is a fixed key. */
export function chooseKeychain(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeychainChoice {
  if (!safeStorage.isEncryptionAvailable()) return { seal: null, openOnly: null, why: NO_KEYCHAIN };
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  const keychain: Keychain = {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
    describe: () => describeKeychain(platform, backend),
  };
  if (backend === 'basic_text') return { seal: null, openOnly: keychain, why: BASIC_TEXT };
  return { seal: keychain, openOnly: null, why: null };
}

/** linuxBackend is safeStorage.getSelectedStorageBackend(), read only on Linux. */
export function describeKeychain(platform: NodeJS.Platform, linuxBackend: string | null): SecretStorageInfo {
  const none = warningsOf([]);
  if (platform === 'darwin') return { backend: 'macOS Keychain', encrypted: true, ...none };
  if (platform === 'win32') return { backend: 'Windows Data Protection (DPAPI)', encrypted: true, ...none };
  return { backend: `system keychain (${linuxBackend ?? 'unknown'})`, encrypted: true, ...none };
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
        throw new CredentialUnreadableError('keychain_unavailable', problem('login_keychain_locked', {}));
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
    const why = this.#choice.why;
    return { ...keyFile, ...warningsOf([...(why ? [why] : []), ...keyFile.warningProblems]) };
  }
}
