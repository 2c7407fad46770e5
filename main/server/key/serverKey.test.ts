import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateServerKey, loadServerKey, parseServerKey, SealError, Sealer, ServerKeyError } from './serverKey';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function keyFile(content: string, mode = 0o600): string {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-key-'));
  dirs.push(dir);
  const path = join(dir, 'server.key');
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('sealing with the server key', () => {
  const sealer = new Sealer(randomBytes(32));

  it('derives one stable key per purpose, none of them the server key itself', () => {
    const raw = randomBytes(32);
    const a = new Sealer(raw);
    const links = a.deriveKey('review links');
    expect(links).toHaveLength(32);
    expect(new Sealer(Buffer.from(raw)).deriveKey('review links').equals(links)).toBe(true);
    expect(a.deriveKey('something else').equals(links)).toBe(false);
    expect(links.equals(raw)).toBe(false);
    expect(new Sealer(randomBytes(32)).deriveKey('review links').equals(links)).toBe(false);
  });

  it('opens what it sealed, in the same context, and seals the same text differently each time', () => {
    const a = sealer.seal('mastodon token 123', 'account:acc_1:credentials');
    const b = sealer.seal('mastodon token 123', 'account:acc_1:credentials');
    expect(a.equals(b)).toBe(false);
    expect(a[0]).toBe(1);
    expect(a.includes(Buffer.from('mastodon token'))).toBe(false);
    expect(sealer.open(a, 'account:acc_1:credentials').toString('utf8')).toBe('mastodon token 123');
    expect(sealer.open(Buffer.from(b), 'account:acc_1:credentials').toString('utf8')).toBe('mastodon token 123');
  });

  it('refuses a value sealed with another key, saying so with both key ids', () => {
    const other = new Sealer(randomBytes(32));
    const sealed = other.seal('secret', 'ctx');
    expect(() => sealer.open(sealed, 'ctx')).toThrow(SealError);
    expect(codeOf(() => sealer.open(sealed, 'ctx'))).toBe('wrong_key');
    expect(() => sealer.open(sealed, 'ctx')).toThrow(new RegExp(`key id ${other.keyId}.*${sealer.keyId}`));
  });

  it('refuses a value changed anywhere (header, body, tag) and one moved to another record', () => {
    const sealed = sealer.seal('a longer secret value', 'account:acc_1:credentials');
    // Byte 0 is the version and 1–4 the key id: each has its own answer. Every later byte is covered by the tag.
    for (let i = 5; i < sealed.length; i++) {
      const changed = Buffer.from(sealed);
      changed[i] = (changed[i] as number) ^ 0x01;
      expect(
        codeOf(() => sealer.open(changed, 'account:acc_1:credentials')),
        `byte ${i}`,
      ).toBe('tampered');
    }
    expect(codeOf(() => sealer.open(sealed, 'account:acc_2:credentials'))).toBe('tampered');
    expect(codeOf(() => sealer.open(sealed.subarray(0, sealed.length - 1), 'account:acc_1:credentials'))).toBe('tampered');
  });

  it('names an unknown format instead of guessing', () => {
    const sealed = sealer.seal('x', 'ctx');
    const future = Buffer.from(sealed);
    future[0] = 2;
    expect(() => sealer.open(future, 'ctx')).toThrow(/format 2/);
    expect(codeOf(() => sealer.open(Buffer.from('short'), 'ctx'))).toBe('unknown_format');
  });
});

describe('reading the server key', () => {
  it('takes base64, base64url and hex of 32 bytes, with a trailing newline', () => {
    const raw = randomBytes(32);
    for (const text of [raw.toString('base64'), raw.toString('base64url'), raw.toString('hex'), `${raw.toString('base64')}\n`]) {
      expect(parseServerKey(text, 'test').equals(raw)).toBe(true);
    }
    expect(parseServerKey(generateServerKey(), 'test')).toHaveLength(32);
  });

  it('refuses a key of the wrong length or alphabet, without repeating it', () => {
    const short = randomBytes(16).toString('hex');
    for (const text of [short, 'not a key at all', `${randomBytes(32).toString('hex')}00`, randomBytes(33).toString('base64')]) {
      expect(() => parseServerKey(text, 'KAIROS_SERVER_KEY')).toThrow(ServerKeyError);
      try {
        parseServerKey(text, 'KAIROS_SERVER_KEY');
      } catch (e) {
        expect((e as Error).message).toMatch(/KAIROS_SERVER_KEY is not 32 bytes.*kairos server keygen/);
        expect((e as Error).message).not.toContain(text.trim());
      }
    }
  });

  it('reads the file first, then the environment, and refuses to go on without either, saying how to make one', () => {
    const fromFile = generateServerKey();
    const fromEnv = generateServerKey();
    const file = keyFile(`${fromFile}\n`);
    const a = loadServerKey({ keyFile: file, env: { KAIROS_SERVER_KEY: fromEnv } });
    expect(a.sealer.keyId).toBe(new Sealer(Buffer.from(fromFile, 'base64')).keyId);
    expect(a.warning).toBeNull();
    const b = loadServerKey({ env: { KAIROS_SERVER_KEY: fromEnv } });
    expect(b.sealer.keyId).toBe(new Sealer(Buffer.from(fromEnv, 'base64')).keyId);
    expect(b.source).toBe('KAIROS_SERVER_KEY');
    expect(() => loadServerKey({ env: {} })).toThrow(/needs its server key.*kairos server keygen --out/);
    expect(codeOf(() => loadServerKey({ env: { KAIROS_SERVER_KEY: '  ' } }))).toBe('missing');
    expect(codeOf(() => loadServerKey({ keyFile: join(tmpdir(), 'no-such-kairos-key'), env: {} }))).toBe('unreadable');
    expect(() => loadServerKey({ keyFile: join(tmpdir(), 'no-such-kairos-key'), env: {} })).toThrow(/does not exist/);
  });

  it.skipIf(process.platform === 'win32')('warns about a key file other users can read', () => {
    const file = keyFile(generateServerKey(), 0o644);
    expect(loadServerKey({ keyFile: file, env: {} }).warning).toMatch(/chmod 600/);
  });
});
