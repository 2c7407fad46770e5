// What a Nostr note carries besides its text: hashtags (t tags) and mentions (nostr:npub… → p tags), for both sides.

/** nostr:npub1… or nostr:nprofile1… (NIP-21/NIP-27); bech32 uses a fixed alphabet without 1, b, i, o. */
export const NOSTR_MENTION = /nostr:(npub1[02-9ac-hj-np-z]{58}|nprofile1[02-9ac-hj-np-z]+)/g;
const HASHTAG = /(^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu;

/** Hashtags in the order they appear, lower-cased and each once, as NIP-24 asks for t tags. */
export function nostrHashtags(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(HASHTAG)) {
    const tag = (m[2] as string).toLowerCase();
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

/** The bech32 entities mentioned in the text (npub1… and nprofile1…), each once. */
export function nostrMentions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NOSTR_MENTION)) if (!out.includes(m[1] as string)) out.push(m[1] as string);
  return out;
}

/** A note's link on a public web viewer (njump), from its bech32 id (note1… or nevent1…). */
export function nostrNoteLink(bech32Id: string): string {
  return `https://njump.me/${bech32Id}`;
}
