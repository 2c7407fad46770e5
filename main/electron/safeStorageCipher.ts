// Seals account credentials with the operating system's keychain through Electron safeStorage.

import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/secrets/cipher';
import { describeKeychain, type Keychain, KeychainCipher } from './keychainCipher';

const safeStorageKeychain: Keychain = {
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(sealed),
  describe: () => describeKeychain(process.platform, () => safeStorage.getSelectedStorageBackend()),
};

/**
 * Call after app "ready": before it, safeStorage reports no keychain on Linux and Windows. Without one,
 * credentials go to the key file, whose describe() carries its own warning.
 */
export function createSafeStorageCipher(dataDir: string): SecretCipher {
  return new KeychainCipher(dataDir, safeStorage.isEncryptionAvailable() ? safeStorageKeychain : null);
}
