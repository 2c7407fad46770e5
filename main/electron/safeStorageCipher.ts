// Seals account credentials with the operating system's keychain through Electron safeStorage.

import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/secrets/cipher';
import { chooseKeychain, KeychainCipher } from './keychainCipher';

/**
 * Call after app "ready": before it, safeStorage reports no keychain on Linux and Windows. Without a real one
 * (including Linux's basic_text, a key built into Chromium), credentials go to the key file, and describe() says so.
 */
export function createSafeStorageCipher(dataDir: string): SecretCipher {
  return new KeychainCipher(dataDir, chooseKeychain(safeStorage, process.platform));
}
