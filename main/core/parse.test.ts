// The parse helpers answer "not that" for bad input, and only for it.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logSurvived } from './logs/survived';
import { isSystemError, parseJson, parseJsonObject, parseUrl, strictUtf8 } from './parse';

describe('parse helpers', () => {
  it('parseJson: the value, or undefined for text that is not JSON', () => {
    expect(parseJson('{"a":[1,null]}')).toEqual({ a: [1, null] });
    expect(parseJson('null')).toBeNull();
    expect(parseJson('{"a":')).toBeUndefined();
    expect(parseJson('')).toBeUndefined();
  });

  it('parseJsonObject: only objects', () => {
    expect(parseJsonObject('{"pid":7}')).toEqual({ pid: 7 });
    for (const text of ['[1]', '5', 'null', '"x"', 'nope']) expect(parseJsonObject(text)).toBeNull();
  });

  it('parseUrl: absolute, relative to a base, or null', () => {
    expect(parseUrl('https://example.org/a?b=1')?.href).toBe('https://example.org/a?b=1');
    expect(parseUrl('/img.png', 'https://example.org/post/1')?.href).toBe('https://example.org/img.png');
    expect(parseUrl('/img.png', new URL('https://example.org/'))?.href).toBe('https://example.org/img.png');
    expect(parseUrl('not a url')).toBeNull();
    expect(parseUrl('https://')).toBeNull();
  });

  it('strictUtf8: the text, or null for bytes that are not UTF-8', () => {
    expect(strictUtf8(new TextEncoder().encode('Caffè'))).toBe('Caffè');
    expect(strictUtf8(Uint8Array.from([0x43, 0x61, 0x66, 0x66, 0xe8]))).toBeNull();
  });

  it('isSystemError: errors with a code from the operating system', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-parse-'));
    try {
      let thrown: unknown;
      try {
        readFileSync(join(dir, 'missing'));
      } catch (e) {
        thrown = e;
      }
      expect(isSystemError(thrown)).toBe(true);
      expect(isSystemError(new Error('plain'))).toBe(false);
      expect(isSystemError('ENOENT')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('logSurvived', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes one line to standard error, without secrets or control characters', () => {
    const write = vi.spyOn(process.stderr, 'write');
    logSurvived('a listener failed', new Error('POST https://discord.com/api/webhooks/123/s3cr3t-token failed\u001b[2J'));
    const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('Kairos: a listener failed'));
    expect(lines).toEqual(['Kairos: a listener failed (it carries on): POST https://discord.com/api/webhooks/123/… failed [2J\n']);
  });
});
