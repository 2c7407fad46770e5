// NIP-19 entities (npub, nsec, nprofile, ...) decoded without throwing at every caller.

import { type DecodedResult, decode } from 'nostr-tools/nip19';

/** The decoded entity, or null when the text is not a valid NIP-19 entity. */
export function decodeEntity(text: string): DecodedResult | null {
  try {
    return decode(text);
  } catch (e) {
    // nostr-tools reports a bad prefix, checksum or length with a plain Error; it is a pure function over the text,
    // so an Error here means the text is not an entity. Anything thrown that is not an Error is not ours to hide.
    if (e instanceof Error) return null;
    throw e;
  }
}
