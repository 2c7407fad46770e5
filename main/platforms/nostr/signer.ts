// Who signs an account's notes: a key Kairos keeps sealed, or a NIP-46 remote signer (bunker) that keeps the key itself.

import { type BunkerPointer, BunkerSigner, parseBunkerInput } from 'nostr-tools/nip46';
import { SimplePool, useWebSocketImplementation as setPoolWebSocket } from 'nostr-tools/pool';
import { type EventTemplate, finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bytesToHex, hexToBytes } from 'nostr-tools/utils';
import WebSocket from 'ws';
import { PlatformError } from '../../core/platforms/types';
import { decodeEntity } from './nip19';
import type { NostrEvent } from './relayClient';

// Node 20 has no WebSocket of its own; the pool the remote signer talks through uses ws.
setPoolWebSocket(WebSocket);

export type NostrSecret =
  | { readonly kind: 'local'; readonly secretKeyHex: string }
  | { readonly kind: 'bunker'; readonly clientSecretKeyHex: string; readonly bunker: BunkerPointer };

export interface NostrSigner {
  readonly pubkey: string;
  sign(template: EventTemplate): Promise<NostrEvent>;
  close(): Promise<void>;
}

/** An nsec1… key (NIP-19) or 64 hex digits; never echoed back in a message. */
export function parseSecretKey(raw: string): Uint8Array {
  const v = raw.trim();
  if (/^[0-9a-f]{64}$/i.test(v)) return hexToBytes(v.toLowerCase());
  if (v.startsWith('npub1')) {
    throw new PlatformError(
      'invalid',
      'That is a public key (npub). Kairos needs the secret key (nsec1…) to sign, or use a remote signer.',
      {
        field: 'nsec',
      },
    );
  }
  const d = decodeEntity(v);
  if (d?.type === 'nsec') return d.data;
  throw new PlatformError('invalid', 'That is not a Nostr secret key. Paste the nsec1… key from your Nostr app’s key backup.', {
    field: 'nsec',
  });
}

export function newLocalSecret(): NostrSecret {
  return { kind: 'local', secretKeyHex: bytesToHex(generateSecretKey()) };
}

export function localSecretFrom(raw: string): NostrSecret {
  return { kind: 'local', secretKeyHex: bytesToHex(parseSecretKey(raw)) };
}

function localSigner(secretKeyHex: string): NostrSigner {
  const sk = hexToBytes(secretKeyHex);
  return {
    pubkey: getPublicKey(sk),
    sign: async (t) => finalizeEvent(t, sk) as NostrEvent,
    close: async () => {},
  };
}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PlatformError(
            'transient',
            `The remote signer did not answer ${what} within ${Math.round(ms / 1000)} s. Check that it is running and online.`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function bunkerSigner(secret: Extract<NostrSecret, { kind: 'bunker' }>, timeoutMs: number): Promise<NostrSigner> {
  const pool = new SimplePool();
  const signer = BunkerSigner.fromBunker(hexToBytes(secret.clientSecretKeyHex), secret.bunker, { pool, skipSwitchRelays: true });
  const close = async () => {
    await signer.close().catch(() => {});
    pool.destroy();
  };
  try {
    const pubkey = await withDeadline(signer.getPublicKey(), timeoutMs, 'with its public key');
    return {
      pubkey,
      sign: async (t) => {
        try {
          return (await withDeadline(signer.signEvent(t), timeoutMs, 'the signing request')) as NostrEvent;
        } catch (e) {
          if (e instanceof PlatformError) throw e;
          // The signer answered with a refusal: only the user can allow Kairos again there.
          throw new PlatformError(
            'auth',
            `The remote signer refused to sign (${String((e as Error)?.message ?? e).slice(0, 200)}). Allow Kairos in your signer app, or reconnect the account.`,
          );
        }
      },
      close,
    };
  } catch (e) {
    await close();
    if (e instanceof PlatformError) throw e;
    throw new PlatformError(
      'auth',
      `The remote signer refused Kairos (${String((e as Error)?.message ?? e).slice(0, 200)}). Allow Kairos in your signer app, or reconnect the account.`,
    );
  }
}

export async function signerFor(secret: NostrSecret, timeoutMs = 30_000): Promise<NostrSigner> {
  return secret.kind === 'local' ? localSigner(secret.secretKeyHex) : bunkerSigner(secret, timeoutMs);
}

/** Pairs with a remote signer from its bunker:// URL: the connect request carries the URL's one-time secret. */
export async function pairWithBunker(url: string, timeoutMs = 60_000): Promise<Extract<NostrSecret, { kind: 'bunker' }>> {
  const bunker = url.trim().startsWith('bunker://') ? await parseBunkerInput(url.trim()) : null;
  if (!bunker || bunker.relays.length === 0) {
    throw new PlatformError('invalid', 'That is not a bunker:// URL with a relay. Copy the connection URL your remote signer shows.', {
      field: 'bunkerUrl',
    });
  }
  const clientSecretKeyHex = bytesToHex(generateSecretKey());
  const pool = new SimplePool();
  const signer = BunkerSigner.fromBunker(hexToBytes(clientSecretKeyHex), bunker, { pool, skipSwitchRelays: true });
  try {
    await withDeadline(signer.connect(), timeoutMs, 'the connection request');
  } catch (e) {
    throw e instanceof PlatformError
      ? e
      : new PlatformError('auth', `The remote signer refused the connection: ${(e as Error).message}`, { field: 'bunkerUrl' });
  } finally {
    await signer.close().catch(() => {});
    pool.destroy();
  }
  // The one-time secret is spent; keep only what reconnecting needs.
  return { kind: 'bunker', clientSecretKeyHex, bunker: { ...bunker, secret: null } };
}
