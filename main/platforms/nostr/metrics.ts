// Numbers of our own notes over time, counted from the account's read relays: reactions (kind 7), reposts (kind 6),
// replies (kind 1), deletions (kind 5, NIP-09), and followers from the contact lists (kind 3) that name the key.
// Relays only know what was sent to them, so every count is a lower bound of what the network holds.

import { neventEncode } from 'nostr-tools/nip19';
import { nostrNoteLink } from '../../../shared/platforms/nostr';
import type { AccountNumbers, AudienceReply, PostSnapshot, PublishedRef } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { type NostrConfig, neededOks } from './config';
import { type NostrEvent, type NostrFilter, queryRelaysCounted } from './relayClient';

/** Notes asked about in one request (one '#e' filter). */
export const NOSTR_SNAPSHOT_BATCH = 100;
/** At most this many events per request, so a very popular note cannot make a relay send everything it has. */
const EVENT_LIMIT = 5_000;
/** Contact lists read to count followers: a bounded lower bound. */
const FOLLOWER_LIMIT = 5_000;

async function ask(config: NostrConfig, filters: readonly NostrFilter[], timeoutMs: number) {
  try {
    return await queryRelaysCounted(config.readRelays, filters, timeoutMs);
  } catch (e) {
    throw new PlatformError('network', (e as Error).message);
  }
}

const eTags = (e: NostrEvent) => e.tags.filter((t) => t[0] === 'e' && typeof t[1] === 'string').map((t) => t[1] as string);

/** The note a reply answers, by NIP-10: the "reply" marker, else the "root" one, else the last e tag (the old form). */
function parentOf(e: NostrEvent): string | null {
  const tags = e.tags.filter((t) => t[0] === 'e');
  return (tags.find((t) => t[3] === 'reply') ?? tags.find((t) => t[3] === 'root') ?? tags.at(-1))?.[1] ?? null;
}

/** A reaction counts as a like unless it is a dislike ("-"), on the note its last e tag names (NIP-25). */
const likes = (e: NostrEvent, id: string) => e.kind === 7 && eTags(e).at(-1) === id && e.content !== '-';
const reposts = (e: NostrEvent, id: string) => e.kind === 6 && eTags(e).includes(id);
/** Replies by other people; our own later thread parts answer the note too, but they are not the audience. */
const repliesBy = (e: NostrEvent, id: string, pubkey: string) => e.kind === 1 && e.pubkey !== pubkey && parentOf(e) === id;

export async function snapshotNostrNotes(posts: readonly PublishedRef[], config: NostrConfig, timeoutMs: number): Promise<PostSnapshot[]> {
  const out: PostSnapshot[] = [];
  for (let i = 0; i < posts.length; i += NOSTR_SNAPSHOT_BATCH) {
    const batch = posts.slice(i, i + NOSTR_SNAPSHOT_BATCH);
    const ids = batch.map((p) => p.remoteId);
    const { events, answered } = await ask(
      config,
      [
        { ids },
        { kinds: [1, 6, 7], '#e': ids, limit: EVENT_LIMIT },
        // Our own deletion requests: only the author can delete, so a kind 5 by anyone else means nothing.
        { kinds: [5], authors: [config.pubkey], '#e': ids },
      ],
      timeoutMs,
    );
    const deleted = new Set(events.filter((e) => e.kind === 5 && e.pubkey === config.pubkey).flatMap(eTags));
    // Relays that honour a deletion (NIP-09) drop the note, and some drop the request too. A note that none of the
    // relays that answered has any more, when as many of the relays it was published to answered as had to accept
    // it, was deleted (a relay that was down when it went out never had it, so fewer prove nothing).
    const present = new Set(events.filter((e) => e.pubkey === config.pubkey).map((e) => e.id));
    const heldIt = answered.filter((r) => config.relays.includes(r)).length >= neededOks(config);
    for (const p of batch) {
      const id = p.remoteId;
      if (deleted.has(id) || (heldIt && !present.has(id))) {
        out.push({ state: 'deleted', targetId: p.targetId });
        continue;
      }
      // Each person's reaction once: a client that sends the same reaction twice does not make two likes.
      const likers = new Set(events.filter((e) => likes(e, id)).map((e) => e.pubkey));
      out.push({
        state: 'counted',
        targetId: p.targetId,
        likes: likers.size,
        reposts: events.filter((e) => reposts(e, id)).length,
        replies: events.filter((e) => repliesBy(e, id, config.pubkey)).length,
        quotes: null,
      });
    }
  }
  return out;
}

export async function fetchNostrReplies(post: PublishedRef, config: NostrConfig, timeoutMs: number): Promise<AudienceReply[]> {
  const { events } = await ask(config, [{ kinds: [1], '#e': [post.remoteId], limit: 500 }], timeoutMs);
  return events
    .filter((e) => repliesBy(e, post.remoteId, config.pubkey))
    .sort((a, b) => a.created_at - b.created_at)
    .map((e) => ({
      remoteId: e.id,
      author: `${e.pubkey.slice(0, 8)}…`,
      text: e.content.slice(0, 2_000),
      url: nostrNoteLink(neventEncode({ id: e.id, author: e.pubkey, kind: e.kind })),
      language: null,
      createdAt: e.created_at * 1000,
      likes: null,
      reposts: null,
      replies: null,
    }));
}

/** People whose latest contact list on these relays names the key; and how many the account follows itself. */
export async function fetchNostrAccountNumbers(config: NostrConfig, timeoutMs: number): Promise<AccountNumbers> {
  const { events } = await ask(
    config,
    [
      { kinds: [3], '#p': [config.pubkey], limit: FOLLOWER_LIMIT },
      { kinds: [3], authors: [config.pubkey], limit: 1 },
    ],
    timeoutMs,
  );
  // Contact lists are replaceable, and one relay may hold an author's newer list that no longer names us: ask for
  // the newest list of everyone found, and count only those whose newest list still names the key.
  const candidates = [...new Set(events.filter((e) => e.kind === 3 && e.pubkey !== config.pubkey).map((e) => e.pubkey))];
  const newer: NostrEvent[] = [];
  for (let i = 0; i < candidates.length; i += 500) {
    const authors = candidates.slice(i, i + 500);
    newer.push(...(await ask(config, [{ kinds: [3], authors, limit: authors.length * 2 }], timeoutMs)).events);
  }
  const latest = new Map<string, NostrEvent>();
  for (const e of [...events, ...newer]) {
    if (e.kind !== 3) continue;
    const seen = latest.get(e.pubkey);
    if (!seen || e.created_at > seen.created_at) latest.set(e.pubkey, e);
  }
  let followers = 0;
  for (const [author, e] of latest) {
    if (author !== config.pubkey && e.tags.some((t) => t[0] === 'p' && t[1] === config.pubkey)) followers++;
  }
  const own = latest.get(config.pubkey);
  return { followers, following: own ? new Set(own.tags.filter((t) => t[0] === 'p').map((t) => t[1])).size : null };
}
