// Connecting a Nostr account: a new or imported key, or a remote signer; relays from the account's NIP-65 list.

import { npubEncode } from 'nostr-tools/nip19';
import type { Connection } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { normaliseMediaServer } from './blossom';
import type { NostrConfig } from './config';
import { normaliseRelayUrl, publishToRelay, queryRelays } from './relayClient';
import { localSecretFrom, type NostrSecret, newLocalSecret, pairWithBunker, signerFor } from './signer';

export interface NostrConnectInput {
  readonly name: string;
  readonly key: 'new' | 'nsec' | 'bunker';
  readonly nsec?: string | undefined;
  readonly bunkerUrl?: string | undefined;
  readonly relays: string;
  readonly minRelayOks?: number | undefined;
  /** A Blossom media server (https://…) for the notes' files; none means text-only notes. */
  readonly mediaServer?: string | undefined;
}

export function parseRelayList(raw: string): string[] {
  const pieces = raw.split(/[\s,]+/).filter((p) => p !== '');
  const out: string[] = [];
  for (const p of pieces) {
    const url = normaliseRelayUrl(p);
    if (!url) {
      throw new PlatformError('invalid', `"${p}" is not a relay address. Relays look like wss://relay.example.com.`, { field: 'relays' });
    }
    if (!out.includes(url)) out.push(url);
  }
  if (out.length === 0) throw new PlatformError('invalid', 'Type at least one relay, e.g. wss://relay.damus.io.', { field: 'relays' });
  return out;
}

/** The account's relay list (NIP-65, kind 10002), newest first; null when the relays hold none. */
export async function readRelayList(
  pubkey: string,
  from: readonly string[],
  timeoutMs: number,
): Promise<{ write: string[]; read: string[] } | null> {
  let events: Awaited<ReturnType<typeof queryRelays>>;
  try {
    events = await queryRelays(from, [{ kinds: [10002], authors: [pubkey], limit: 1 }], timeoutMs);
  } catch (e) {
    throw new PlatformError('network', `None of the relays answered: ${(e as Error).message} Check the addresses and your connection.`, {
      field: 'relays',
    });
  }
  const newest = events.filter((e) => e.pubkey === pubkey && e.kind === 10002).sort((a, b) => b.created_at - a.created_at)[0];
  if (!newest) return null;
  const write: string[] = [];
  const read: string[] = [];
  for (const tag of newest.tags) {
    if (tag[0] !== 'r' || typeof tag[1] !== 'string') continue;
    const url = normaliseRelayUrl(tag[1]);
    if (!url) continue;
    if (tag[2] !== 'read' && !write.includes(url)) write.push(url);
    if (tag[2] !== 'write' && !read.includes(url)) read.push(url);
  }
  return write.length > 0 ? { write, read } : null;
}

function shortNpub(npub: string): string {
  return `${npub.slice(0, 12)}…${npub.slice(-6)}`;
}

export async function connectNostr(input: NostrConnectInput, timeoutMs = 10_000): Promise<Connection<NostrSecret>> {
  const given = parseRelayList(input.relays);
  const mediaServer = normaliseMediaServer(input.mediaServer);
  let secret: NostrSecret;
  if (input.key === 'new') secret = newLocalSecret();
  else if (input.key === 'nsec') {
    if (!input.nsec?.trim()) throw new PlatformError('invalid', 'Paste your secret key (nsec1…).', { field: 'nsec' });
    secret = localSecretFrom(input.nsec);
  } else {
    if (!input.bunkerUrl?.trim())
      throw new PlatformError('invalid', 'Paste the bunker:// URL from your remote signer.', { field: 'bunkerUrl' });
    secret = await pairWithBunker(input.bunkerUrl);
  }
  const signer = await signerFor(secret);
  try {
    const listed = input.key === 'new' ? null : await readRelayList(signer.pubkey, given, timeoutMs);
    const relays = listed?.write ?? given;
    const readRelays = listed?.read.length ? listed.read : relays;
    if (input.minRelayOks !== undefined && input.minRelayOks > relays.length) {
      throw new PlatformError('invalid', `A note cannot reach ${input.minRelayOks} relays when the account has ${relays.length}.`, {
        field: 'minRelayOks',
      });
    }
    if (input.key === 'new') {
      // A new key has no relay list yet: publish one, so other clients know where to find its notes.
      const list = await signer.sign({
        kind: 10002,
        created_at: Math.floor(Date.now() / 1000),
        tags: relays.map((r) => ['r', r]),
        content: '',
      });
      const answers = await Promise.all(relays.map((r) => publishToRelay(r, list as never, timeoutMs)));
      if (!answers.some((a) => a.ok)) {
        throw new PlatformError(
          'network',
          `No relay accepted the new account’s relay list (${answers.map((a) => `${a.relay}: ${a.message}`).join('; ')}).`,
          {
            field: 'relays',
          },
        );
      }
      const profile = await signer.sign({
        kind: 0,
        created_at: Math.floor(Date.now() / 1000),
        tags: [],
        content: JSON.stringify({ name: input.name }),
      });
      await Promise.all(relays.map((r) => publishToRelay(r, profile as never, timeoutMs)));
    }
    const npub = npubEncode(signer.pubkey);
    const config: NostrConfig = {
      pubkey: signer.pubkey,
      npub,
      relays,
      readRelays,
      minRelayOks: input.minRelayOks ?? null,
      signer: secret.kind,
      mediaServer,
    };
    const origin = input.key === 'new' ? 'generated' : input.key === 'nsec' ? 'imported' : 'bunker';
    return { handle: shortNpub(npub), avatarUrl: null, config: { ...config, relayListFound: listed !== null, keyOrigin: origin }, secret };
  } finally {
    await signer.close();
  }
}
