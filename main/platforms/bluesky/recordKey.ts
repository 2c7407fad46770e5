// Record keys (TIDs) for posts, derived from the part's stored idempotency key so every retry uses the same one.

import { createHash } from 'node:crypto';

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';
const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
/** A post id begins with its creation time in base 36 (see core/ids.ts). */
const POST_ID_TIME = /^[a-z]+_([0-9a-z]{9})/;
const EARLIEST = Date.UTC(2023, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function base32Sortable(value: bigint, width: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

export function isTid(value: string): boolean {
  return TID_PATTERN.test(value);
}

/** Creation time of a post from its id, or null when the id does not carry one. */
export function postCreatedAt(postId: string): number | null {
  const m = POST_ID_TIME.exec(postId);
  if (!m) return null;
  const ms = Number.parseInt(m[1] as string, 36);
  return ms >= EARLIEST && ms < LATEST ? ms : null;
}

/**
 * The record key for one part of a post. It is a pure function of what Kairos stored before the first
 * attempt (the post's id, the part's index and idempotency key), so a retry, or a check after a lost reply,
 * always names the same record. The time half is the post's creation time plus one millisecond per part,
 * as TIDs are meant to sort by time (a thread's parts sort in order); the microseconds and the clock id come
 * from the key. `candidate` picks the next key in a fixed sequence, used only when a different record
 * already holds the previous one.
 */
export function recordKeyFor(postId: string, partIndex: number, partKey: string, candidate = 0): string {
  const h = createHash('sha256').update(`${partKey}#${candidate}`).digest();
  const baseMs = (postCreatedAt(postId) ?? EARLIEST + (h.readUInt32BE(4) % (365 * 86_400)) * 1000) + partIndex;
  const micros = BigInt(baseMs) * 1000n + BigInt(h.readUInt16BE(0) % 1000);
  const clockId = BigInt(h.readUInt16BE(2) & 0x3ff);
  return base32Sortable(micros, 11) + base32Sortable(clockId, 2);
}

/** The record key at the end of an at:// URI. */
export function rkeyOf(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
