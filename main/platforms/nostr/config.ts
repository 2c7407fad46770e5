// What a Nostr account keeps in the clear: its public key, its relays (from NIP-65 when found) and the OK quorum.

import { PlatformError } from '../../core/platforms/types';

export interface NostrConfig {
  readonly pubkey: string;
  readonly npub: string;
  /** Where notes are published (the NIP-65 write relays). */
  readonly relays: readonly string[];
  /** Where replies, reactions and mentions are read (the NIP-65 read relays). */
  readonly readRelays: readonly string[];
  /** How many relays must answer OK; null means a majority of `relays`. */
  readonly minRelayOks: number | null;
  readonly signer: 'local' | 'bunker';
  /** The Blossom server files are uploaded to (BUD-02); null when the account posts text only. */
  readonly mediaServer: string | null;
}

export function readConfig(c: Readonly<Record<string, unknown>>): NostrConfig {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  if (typeof c.pubkey !== 'string' || list(c.relays).length === 0) {
    throw new PlatformError('auth', 'This Nostr account has no key or relays stored. Reconnect it in Accounts.');
  }
  return {
    pubkey: c.pubkey,
    npub: typeof c.npub === 'string' ? c.npub : '',
    relays: list(c.relays),
    readRelays: list(c.readRelays).length > 0 ? list(c.readRelays) : list(c.relays),
    minRelayOks: typeof c.minRelayOks === 'number' ? c.minRelayOks : null,
    signer: c.signer === 'bunker' ? 'bunker' : 'local',
    mediaServer: typeof c.mediaServer === 'string' && c.mediaServer !== '' ? c.mediaServer : null,
  };
}

/** The OK count that makes a note published: the account's setting, else a majority, never more than there are relays. */
export function neededOks(config: Pick<NostrConfig, 'relays' | 'minRelayOks'>): number {
  const n = config.relays.length;
  return Math.min(n, Math.max(1, config.minRelayOks ?? Math.floor(n / 2) + 1));
}

/**
 * Where a key Kairos holds came from: made here ('generated') or pasted ('imported'); null for a remote signer.
 * Accounts connected before the origin was recorded are taken as made here, so their key can still be backed up.
 */
export function keyOrigin(c: Readonly<Record<string, unknown>>): 'generated' | 'imported' | null {
  if (c.signer === 'bunker') return null;
  return c.keyOrigin === 'imported' ? 'imported' : 'generated';
}
