// What a Nostr note carries besides its text: hashtags (t tags) and mentions (nostr:npub… → p tags), for both sides.

import { type Issue, issue } from '../contract/problems';

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

/** Files a note carries, uploaded to the account's media server (Blossom) and named in imeta tags (NIP-92). */
export const NOSTR_MEDIA_MAX_PER_NOTE = 4;
/** Most public Blossom servers take files up to 100 MB; larger ones are refused before any upload. */
export const NOSTR_MEDIA_MAX_BYTES = 100 * 1024 * 1024;
/** What Nostr clients show inline: images, and MP4/WebM/MOV videos. */
export const NOSTR_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'video/mp4',
  'video/webm',
  'video/quicktime',
]);
/** Alt text travels inside the signed event, so it counts toward the relays' event size: kept short. */
export const NOSTR_ALT_MAX = 1500;

export interface NostrMediaLike {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: number;
  readonly alt: string;
}

/** Problems a note's files would meet: no media server, too many, too large, a type clients do not show, long alt text.
 * `part` is the 1-based part number in a thread, else null.
 */
export function nostrMediaProblems(media: readonly NostrMediaLike[], part: number | null, hasMediaServer: boolean): Issue[] {
  if (media.length === 0) return [];
  if (!hasMediaServer) return [issue('nostr_needs_media_server', { part })];
  const problems: Issue[] = [];
  if (media.length > NOSTR_MEDIA_MAX_PER_NOTE) {
    problems.push(issue('too_many_files', { network: 'Nostr', max: NOSTR_MEDIA_MAX_PER_NOTE, count: media.length, part }));
  }
  for (const m of media) {
    if (!NOSTR_MEDIA_TYPES.has(m.mime)) problems.push(issue('file_kind_not_shown', { fileName: m.fileName, part }));
    if (m.bytes > NOSTR_MEDIA_MAX_BYTES) {
      problems.push(issue('file_too_big', { fileName: m.fileName, network: 'Nostr', bytes: m.bytes, max: NOSTR_MEDIA_MAX_BYTES, part }));
    }
    if (m.alt.length > NOSTR_ALT_MAX) {
      problems.push(issue('alt_too_long', { fileName: m.fileName, network: 'Nostr', max: NOSTR_ALT_MAX, length: m.alt.length, part }));
    }
  }
  return problems;
}
