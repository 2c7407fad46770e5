// Which cipher the desktop app seals with, decided from a stand-in for Electron's safeStorage (the one part that cannot run here).

import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialUnreadableError, KEY_FILE_FORMAT, KeyFileCipher } from '../core/secrets/cipher';
import { BASIC_TEXT_NOTE, chooseKeychain, KEYCHAIN_FORMAT, KeychainCipher, NO_KEYCHAIN_NOTE, type SafeStorageLike } from './keychainCipher';

interface FakeSafeStorage extends SafeStorageLike {
  encrypted: number;
  backendAsked: number;
}

/** Electron's safeStorage as each machine would answer: output visibly not the plain text, and counted. */
function fakeSafeStorage(available: boolean, backend: string | null): FakeSafeStorage {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    encrypted: 0,
    backendAsked: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend() {
      this.backendAsked++;
      if (backend === null) throw new Error('getSelectedStorageBackend is Linux-only');
      return backend;
    },
    encryptString(plain) {
      this.encrypted++;
      return flip(Buffer.from(plain, 'utf8'));
    },
    decryptString: (sealed) => flip(sealed).toString('utf8'),
  };
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kairos-keychain-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const keyFile = () => join(dataDir, 'secrets.key');
const cipherFor = (s: SafeStorageLike, platform: NodeJS.Platform = 'linux') => new KeychainCipher(dataDir, chooseKeychain(s, platform));

describe('Linux without a keyring (basic_text)', () => {
  it("seals with the 0600 key file, never with Chromium's built-in key, and says so", () => {
    const safeStorage = fakeSafeStorage(true, 'basic_text');
    const cipher = cipherFor(safeStorage);
    const sealed = cipher.seal('{"token":"abc"}');
    expect(sealed[0]).toBe(KEY_FILE_FORMAT);
    expect(safeStorage.encrypted).toBe(0);
    expect(cipher.kind).toBe('key_file');
    expect((statSync(keyFile()).mode & 0o777).toString(8)).toBe('600');
    expect(KeyFileCipher.inDataDir(dataDir).open(sealed)).toBe('{"token":"abc"}');
    expect(cipher.describe()).toEqual({
      backend: 'key file',
      encrypted: true,
      warning: `${BASIC_TEXT_NOTE} ${KeyFileCipher.inDataDir(dataDir).describe().warning}`,
      warningProblems: [
        { code: 'keychain_basic_text', params: {} },
        { code: 'key_file_in_data_folder', params: {} },
      ],
    });
    expect(BASIC_TEXT_NOTE).toMatch(
      /^No system keychain \(such as GNOME Keyring or KWallet\) was found, so Kairos does not use the fixed key/,
    );
  });

  it('still opens what an earlier version sealed with basic_text, so nothing is lost', () => {
    const safeStorage = fakeSafeStorage(true, 'basic_text');
    const earlier = Buffer.concat([Buffer.from([KEYCHAIN_FORMAT]), safeStorage.encryptString('sealed before')]);
    expect(cipherFor(safeStorage).open(earlier)).toBe('sealed before');
  });
});

describe('the keychain choice elsewhere', () => {
  it('uses a real Linux keyring and names it', () => {
    const safeStorage = fakeSafeStorage(true, 'gnome_libsecret');
    const cipher = cipherFor(safeStorage);
    const sealed = cipher.seal('{"token":"abc"}');
    expect(sealed[0]).toBe(KEYCHAIN_FORMAT);
    expect(sealed.toString('utf8')).not.toContain('abc');
    expect(safeStorage.encrypted).toBe(1);
    expect(cipher.kind).toBe('keychain');
    expect(cipher.open(sealed)).toBe('{"token":"abc"}');
    expect(existsSync(keyFile())).toBe(false);
    expect(cipher.describe()).toEqual({
      backend: 'system keychain (gnome_libsecret)',
      encrypted: true,
      warning: null,
      warningProblems: [],
    });
  });

  it('does not ask for the Linux backend on macOS and Windows', () => {
    for (const [platform, backend] of [
      ['darwin', 'macOS Keychain'],
      ['win32', 'Windows Data Protection (DPAPI)'],
    ] as const) {
      const safeStorage = fakeSafeStorage(true, null);
      const cipher = cipherFor(safeStorage, platform);
      expect(cipher.seal('x')[0]).toBe(KEYCHAIN_FORMAT);
      expect(cipher.describe()).toEqual({ backend, encrypted: true, warning: null, warningProblems: [] });
      expect(safeStorage.backendAsked).toBe(0);
    }
  });

  it('falls back to the key file, with its warning, when no keychain is available', () => {
    const cipher = cipherFor(fakeSafeStorage(false, 'gnome_libsecret'));
    expect(cipher.seal('plain secret')[0]).toBe(KEY_FILE_FORMAT);
    expect(cipher.describe().warning).toBe(`${NO_KEYCHAIN_NOTE} ${KeyFileCipher.inDataDir(dataDir).describe().warning}`);
    expect(cipher.describe().warningProblems.map((p) => p.code)).toEqual(['keychain_unavailable', 'key_file_in_data_folder']);
  });

  it('opens credentials sealed earlier by the key file (browser mode) when a keychain is present', () => {
    const earlier = KeyFileCipher.inDataDir(dataDir).seal('from browser mode');
    expect(cipherFor(fakeSafeStorage(true, 'kwallet6')).open(earlier)).toBe('from browser mode');
  });
});

describe('credentials the desktop app cannot open', () => {
  const problemOf = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(CredentialUnreadableError);
      return (e as CredentialUnreadableError).problem;
    }
    throw new Error('expected it to throw');
  };

  it('reports a key-file credential whose key is gone, without making a new key', () => {
    const earlier = KeyFileCipher.inDataDir(dataDir).seal('orphan');
    rmSync(keyFile());
    const cipher = cipherFor(fakeSafeStorage(true, 'gnome_libsecret'));
    expect(problemOf(() => cipher.open(earlier))).toBe('key_file_missing');
    expect(() => cipher.open(earlier)).toThrow(/The key file secrets\.key is missing from .*Put secrets\.key back from a backup/);
    expect(existsSync(keyFile())).toBe(false);
  });

  it('reports a keychain credential when the keychain is gone', () => {
    const sealed = cipherFor(fakeSafeStorage(true, 'gnome_libsecret')).seal('locked away');
    expect(problemOf(() => cipherFor(fakeSafeStorage(false, null)).open(sealed))).toBe('keychain_unavailable');
  });

  it('tells the kairos command and browser mode that the desktop app holds the login', () => {
    const sealed = cipherFor(fakeSafeStorage(true, 'gnome_libsecret')).seal('desktop only');
    expect(problemOf(() => KeyFileCipher.inDataDir(dataDir).open(sealed))).toBe('other_shell');
  });
});
