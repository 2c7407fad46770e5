// Reads from the account's relays what people did with its notes: reactions (kind 7), reposts (kind 6), replies (kind 1).

import { neventEncode } from 'nostr-tools/nip19';
import { nostrNoteLink } from '../../../shared/platforms/nostr';
import type { SignalPost } from '../../../shared/signals';
import type { PublishedRef, RemoteMetrics, SignalQuery } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { NostrConfig } from './config';
import { type NostrEvent, queryRelays } from './relayClient';

function referencedIds(e: NostrEvent): string[] {
  return e.tags.filter((t) => t[0] === 'e' && typeof t[1] === 'string').map((t) => t[1] as string);
}

/** The note a reply answers, by NIP-10: the "reply" marker, else the "root" one, else the last e tag (the old form). */
function parentOf(e: NostrEvent): string | null {
  const e_ = e.tags.filter((t) => t[0] === 'e');
  return (e_.find((t) => t[3] === 'reply') ?? e_.find((t) => t[3] === 'root') ?? e_.at(-1))?.[1] ?? null;
}

async function ask(config: NostrConfig, filters: Parameters<typeof queryRelays>[1], timeoutMs: number): Promise<NostrEvent[]> {
  try {
    return await queryRelays(config.readRelays, filters, timeoutMs);
  } catch (e) {
    throw new PlatformError('network', (e as Error).message);
  }
}

export async function fetchNostrMetrics(posts: readonly PublishedRef[], config: NostrConfig, timeoutMs: number): Promise<RemoteMetrics[]> {
  const ids = posts.map((p) => p.remoteId);
  if (ids.length === 0) return [];
  const events = await ask(config, [{ kinds: [1, 6, 7], '#e': ids, limit: 2000 }], timeoutMs);
  return posts.map((p) => {
    let likes = 0;
    let reposts = 0;
    let replies = 0;
    for (const e of events) {
      if (e.kind === 7 && referencedIds(e).at(-1) === p.remoteId && e.content !== '-') likes++;
      else if (e.kind === 6 && referencedIds(e).includes(p.remoteId)) reposts++;
      // Our own later thread parts are replies too, but not people answering.
      else if (e.kind === 1 && parentOf(e) === p.remoteId && e.pubkey !== config.pubkey) replies++;
    }
    return { targetId: p.targetId, likes, reposts, replies, quotes: null };
  });
}

function asSignal(e: NostrEvent, accountId: string, term?: string): SignalPost {
  return {
    platform: 'nostr',
    accountId,
    id: e.id,
    url: nostrNoteLink(neventEncode({ id: e.id, author: e.pubkey, kind: e.kind })),
    author: `${e.pubkey.slice(0, 8)}…`,
    text: e.content.slice(0, 1000),
    createdAt: e.created_at * 1000,
    ...(term ? { term } : {}),
  };
}

export async function fetchNostrMentions(config: NostrConfig, accountId: string, now: number, timeoutMs: number): Promise<SignalPost[]> {
  const since = Math.floor(now / 1000) - 7 * 86_400;
  const events = await ask(config, [{ kinds: [1], '#p': [config.pubkey], since, limit: 100 }], timeoutMs);
  return events
    .filter((e) => e.pubkey !== config.pubkey)
    .sort((a, b) => b.created_at - a.created_at)
    .map((e) => asSignal(e, accountId));
}

export async function searchNostrHashtags(
  query: SignalQuery,
  config: NostrConfig,
  accountId: string,
  now: number,
  timeoutMs: number,
): Promise<SignalPost[]> {
  const tags = query.terms.map((t) => t.replace(/^#/, '').toLowerCase()).filter((t) => /^[\p{L}\p{N}_]+$/u.test(t));
  if (tags.length === 0) return [];
  const since = Math.floor(now / 1000) - 2 * 86_400;
  const events = await ask(config, [{ kinds: [1], '#t': tags, since, limit: query.limit ?? 40 }], timeoutMs);
  return events
    .sort((a, b) => b.created_at - a.created_at)
    .map((e) => asSignal(e, accountId, e.tags.find((t) => t[0] === 't' && tags.includes(t[1] ?? ''))?.[1]));
}
