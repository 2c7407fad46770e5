// Password hashes and tokens: scrypt with its parameters in the hash, constant-time comparison, hashed tokens.

import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  hashToken,
  needsRehash,
  newId,
  newToken,
  passwordProblem,
  SCRYPT_PARAMS,
  unmatchableHash,
  verifyPassword,
} from './secrets';

const LOW = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('use scrypt at OWASP’s cost by default, with a fresh salt each time, and verify only the right password', async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 32768, r: 8, p: 1 });
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('read their parameters from the stored hash, so raising the cost keeps old hashes working and marks them for rehash', async () => {
    const old = await hashPassword('p\u00e4ssword long', LOW);
    expect(old.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('p\u00e4ssword long', old)).toBe(true);
    // The same text typed with a combining accent is the same password (NFKC).
    expect(await verifyPassword('pa\u0308ssword long', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, LOW)).toBe(false);
  });

  it('match nothing when malformed or asking for absurd costs', async () => {
    const good = await hashPassword('long enough password', LOW);
    const [, , , , salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain',
      `bcrypt$1024$8$1$${salt}$${key}`,
      `scrypt$1000$8$1$${salt}$${key}`,
      `scrypt$${2 ** 24}$8$1$${salt}$${key}`,
      `scrypt$1024$8$1$${salt}$`,
      `scrypt$1024$8$1$$${key}`,
    ]) {
      expect(await verifyPassword('long enough password', bad), bad).toBe(false);
      expect(needsRehash(bad), bad).toBe(true);
    }
    expect(await verifyPassword('long enough password', unmatchableHash(LOW))).toBe(false);
  });

  it('need passwords of 10 to 256 characters that are not only spaces', () => {
    expect(passwordProblem('123456789')).toBe('Choose a password of at least 10 characters.');
    expect(passwordProblem('1234567890')).toBeNull();
    expect(passwordProblem(' '.repeat(12))).toBe('Choose a password that is not only spaces.');
    expect(passwordProblem('x'.repeat(257))).toBe('Choose a password of at most 256 characters.');
  });
});

describe('tokens', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256', () => {
    const t = newToken();
    expect(t.token).toMatch(/^[\w-]{43}$/);
    expect(t.hash).toBe(hashToken(t.token));
    expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(newToken().token).not.toBe(t.token);
    expect(newId('usr')).toMatch(/^usr_[\w-]{16}$/);
  });
});
