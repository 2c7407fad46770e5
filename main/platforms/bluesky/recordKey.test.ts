// Record keys: valid TIDs, the same on every retry, ordered within a thread, different per candidate.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId, newIdempotencyKey } from '../../core/ids';
import { isTid, postCreatedAt, recordKeyFor, rkeyOf } from './recordKey';

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** Reads a TID back into its microseconds and clock id (the inverse of the encoding). */
function decode(tid: string): { micros: bigint; clockId: number } {
  let v = 0n;
  for (const ch of tid) v = (v << 5n) | BigInt(ALPHABET.indexOf(ch));
  return { micros: v >> 10n, clockId: Number(v & 1023n) };
}

describe('recordKeyFor', () => {
  it('always gives a valid TID, whatever the key', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2199, 0, 1) }),
        (key, index, candidate, at) => {
          expect(isTid(recordKeyFor(newId('post', at), index, key, candidate))).toBe(true);
        },
      ),
    );
  });

  it('is the same on every call for the same stored values', () => {
    const postId = newId('post', Date.UTC(2026, 3, 8, 10, 0));
    const key = newIdempotencyKey();
    expect(recordKeyFor(postId, 0, key)).toBe(recordKeyFor(postId, 0, key));
    expect(recordKeyFor(postId, 0, key, 1)).not.toBe(recordKeyFor(postId, 0, key, 0));
    expect(recordKeyFor(postId, 0, newIdempotencyKey())).not.toBe(recordKeyFor(postId, 0, key));
  });

  it('carries the post’s creation time, one millisecond later per part, so a thread sorts in order', () => {
    const at = Date.UTC(2026, 3, 8, 10, 0, 0, 123);
    const postId = newId('post', at);
    const keys = [0, 1, 2].map((i) => recordKeyFor(postId, i, newIdempotencyKey()));
    expect([...keys].sort()).toEqual(keys);
    keys.forEach((k, i) => {
      const micros = decode(k).micros;
      expect(micros / 1000n).toBe(BigInt(at + i));
    });
  });

  it('reads the creation time from a post id, and nothing from other strings', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
    expect(postCreatedAt(newId('post', at))).toBe(at);
    expect(postCreatedAt('not-an-id')).toBeNull();
    expect(isTid(recordKeyFor('not-an-id', 0, 'k'))).toBe(true);
  });

  it('takes the record key from an at:// URI', () => {
    expect(rkeyOf('at://did:plc:abc/app.bsky.feed.post/3kabcdefghij2')).toBe('3kabcdefghij2');
  });
});
