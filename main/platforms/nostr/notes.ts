// Builds kind-1 notes: NIP-10 thread markers, t tags for hashtags (NIP-24), p tags for nostr: mentions (NIP-27), NIP-36 warnings.

import { decode } from 'nostr-tools/nip19';
import type { EventTemplate } from 'nostr-tools/pure';
import { nostrHashtags, nostrMentions } from '../../../shared/platforms/nostr';
import { PlatformError } from '../../core/platforms/types';

export interface ThreadRef {
  readonly id: string;
  readonly pubkey: string;
}

/** The hex public keys of the mentions in a text; an entity that does not decode is a refusal in words. */
export function mentionedPubkeys(text: string): string[] {
  const out: string[] = [];
  for (const entity of nostrMentions(text)) {
    let pubkey: string | null = null;
    try {
      const d = decode(entity);
      pubkey = d.type === 'npub' ? d.data : d.type === 'nprofile' ? d.data.pubkey : null;
    } catch {
      pubkey = null;
    }
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
  return { kind: 1, created_at: Math.floor(input.createdAt / 1000), tags, content: input.text };
}
