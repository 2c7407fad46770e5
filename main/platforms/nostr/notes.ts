// Builds kind-1 notes: NIP-10 thread markers, t tags (NIP-24), p tags for nostr: mentions (NIP-27), NIP-36 warnings, imeta (NIP-92).

import type { EventTemplate } from 'nostr-tools/pure';
import { nostrHashtags, nostrMentions } from '../../../shared/platforms/nostr';
import { PlatformError } from '../../core/platforms/types';
import { decodeEntity } from './nip19';

export interface ThreadRef {
  readonly id: string;
  readonly pubkey: string;
}

/** The hex public keys of the mentions in a text; an entity that does not decode is a refusal in words. */
export function mentionedPubkeys(text: string): string[] {
  const out: string[] = [];
  for (const entity of nostrMentions(text)) {
    const d = decodeEntity(entity);
    const pubkey = d?.type === 'npub' ? d.data : d?.type === 'nprofile' ? d.data.pubkey : null;
    if (!pubkey) throw new PlatformError('invalid', `nostr:${entity.slice(0, 16)}… is not a valid Nostr profile; copy the npub again.`);
    if (!out.includes(pubkey)) out.push(pubkey);
  }
  return out;
}

export interface NoteInput {
  readonly text: string;
  readonly createdAt: number;
  readonly author: string;
  /** The first note of the thread, and the one this note answers (the same for the second part). */
  readonly root?: ThreadRef | undefined;
  readonly parent?: ThreadRef | undefined;
  readonly relayHint?: string | undefined;
  readonly contentWarning?: string | undefined;
  readonly language?: string | undefined;
  /** Files already on the media server, in order: their URLs end the content, each described by an imeta tag. */
  readonly media?: readonly NoteMedia[] | undefined;
}

export interface NoteMedia {
  readonly url: string;
  readonly mime: string;
  readonly sha256: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string;
}

/** NIP-92: one imeta tag per URL in the content, each entry "key value"; alt text for readers who cannot see it. */
export function imetaTag(m: NoteMedia): string[] {
  const tag = ['imeta', `url ${m.url}`, `m ${m.mime}`, `x ${m.sha256}`];
  if (m.width && m.height) tag.push(`dim ${m.width}x${m.height}`);
  // A tag entry is one string: line breaks in a description become spaces.
  const alt = m.alt.replace(/\s+/g, ' ').trim();
  if (alt) tag.push(`alt ${alt}`);
  return tag;
}

/** The note's content: the text, then each file's URL on its own line, as Nostr clients expect to find them. */
export function noteContent(text: string, media: readonly NoteMedia[]): string {
  if (media.length === 0) return text;
  const urls = media.map((m) => m.url).join('\n');
  return text.trim() === '' ? urls : `${text}\n\n${urls}`;
}

export function buildNote(input: NoteInput): EventTemplate {
  const tags: string[][] = [];
  const hint = input.relayHint ?? '';
  if (input.root && input.parent) {
    // NIP-10 marked form: the root, then the direct parent (when they differ), each with its author.
    tags.push(['e', input.root.id, hint, 'root', input.root.pubkey]);
    if (input.parent.id !== input.root.id) tags.push(['e', input.parent.id, hint, 'reply', input.parent.pubkey]);
  }
  const people = new Set<string>();
  if (input.parent) people.add(input.parent.pubkey);
  for (const p of mentionedPubkeys(input.text)) people.add(p);
  for (const p of people) tags.push(['p', p]);
  for (const t of nostrHashtags(input.text)) tags.push(['t', t]);
  const cw = input.contentWarning?.trim();
  if (cw) tags.push(['content-warning', cw]);
  if (input.language) {
    const code = input.language.split('-')[0]?.toLowerCase() ?? '';
    if (/^[a-z]{2}$/.test(code)) tags.push(['L', 'ISO-639-1'], ['l', code, 'ISO-639-1']);
  }
  const media = input.media ?? [];
  for (const m of media) tags.push(imetaTag(m));
  return { kind: 1, created_at: Math.floor(input.createdAt / 1000), tags, content: noteContent(input.text, media) };
}
