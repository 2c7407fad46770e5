// Tests that credentials sealed by the keychain or the key file both open, and that storage is described honestly.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyFileCipher } from '../core/secrets/cipher';
import { BASIC_TEXT_WARNING, describeKeychain, KEYCHAIN_FORMAT, type Keychain, KeychainCipher } from './keychainCipher';

// A stand-in keychain whose output is visibly not the plain text and depends on a secret it holds.
function fakeKeychain(secret = 7): Keychain & { calls: number } {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ secret));
  return {
    calls: 0,
    encrypt(plain) {
      this.calls++;
      return flip(Buffer.from(plain, 'utf8'));
    },
    decrypt: (sealed) => flip(sealed).toString('utf8'),
    describe: () => ({ backend: 'test keychain', encrypted: true, warning: null }),
  };
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'kairos-keychain-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('KeychainCipher', () => {
  it('seals with the keychain, marked so it can be told apart, and opens it again', () => {
    const keychain = fakeKeychain();
    const cipher = new KeychainCipher(dataDir, keychain);
    const sealed = cipher.seal('{"token":"abc"}');
    expect(sealed[0]).toBe(KEYCHAIN_FORMAT);
    expect(sealed.toString('utf8')).not.toContain('abc');
    expect(keychain.calls).toBe(1);
    expect(cipher.open(sealed)).toBe('{"token":"abc"}');
    expect(existsSync(join(dataDir, 'secrets.key'))).toBe(false);
  });

  it('opens credentials sealed earlier by the key file (browser mode) when a keychain is present', () => {
    const earlier = KeyFileCipher.inDataDir(dataDir).seal('from browser mode');
    expect(new KeychainCipher(dataDir, fakeKeychain()).open(earlier)).toBe('from browser mode');
  });

  it('says so when a key-file credential has lost its key', () => {
    const earlier = KeyFileCipher.inDataDir(dataDir).seal('orphan');
    rmSync(join(dataDir, 'secrets.key'));
    const cipher = new KeychainCipher(dataDir, fakeKeychain());
    expect(() => cipher.open(earlier)).toThrow(/no longer in the data folder/);
    expect(existsSync(join(dataDir, 'secrets.key'))).toBe(false);
  });

  it('falls back to the key file, with its warning, when no keychain is available', () => {
    const cipher = new KeychainCipher(dataDir, null);
    const sealed = cipher.seal('plain secret');
    expect(sealed[0]).not.toBe(KEYCHAIN_FORMAT);
    expect(KeyFileCipher.inDataDir(dataDir).open(sealed)).toBe('plain secret');
    expect(cipher.describe()).toEqual(KeyFileCipher.inDataDir(dataDir).describe());
    expect(cipher.describe().warning).not.toBeNull();
  });

  it('refuses, with a reason, a keychain credential when the keychain is gone', () => {
    const sealed = new KeychainCipher(dataDir, fakeKeychain()).seal('locked away');
    expect(() => new KeychainCipher(dataDir, null).open(sealed)).toThrow(/system keychain, which is not available/);
  });
});

describe('describeKeychain', () => {
  const linux = (backend: string) => describeKeychain('linux', () => backend);

  it('reports basic_text as not encrypted, with a warning', () => {
    expect(linux('basic_text')).toEqual({ backend: 'basic_text', encrypted: false, warning: BASIC_TEXT_WARNING });
    expect(BASIC_TEXT_WARNING).toMatch(/^Credentials are not encrypted by the system keychain/);
  });

  it('names the Linux keychain in use', () => {
    expect(linux('gnome_libsecret')).toEqual({ backend: 'system keychain (gnome_libsecret)', encrypted: true, warning: null });
    expect(linux('kwallet6')).toMatchObject({ encrypted: true, warning: null });
  });

  it('does not ask for the Linux backend on macOS and Windows', () => {
    const never = () => {
      throw new Error('getSelectedStorageBackend is Linux-only');
    };
    expect(describeKeychain('darwin', never)).toMatchObject({ backend: 'macOS Keychain', encrypted: true });
    expect(describeKeychain('win32', never)).toMatchObject({ encrypted: true, warning: null });
  });
});
