// Nostr in the contract: the connect form (a key Kairos makes, an imported one, or a remote signer, and relays) and
// its channel, backing up a secret key Kairos holds, the one reply that carries a credential.

import { z } from 'zod';
import { Id } from '../../contract/common';
import { AccountName, type NetworkDefinition } from '../network';

export const nostrRequests = {
  /**
   * The account's nsec, for the user to keep elsewhere. The only channel whose reply holds a credential: it answers
   * only an explicit request (`confirm: true`, sent after the user confirmed), and nothing records its reply.
   */
  'nostr.exportKey': z.object({
    id: Id,
    confirm: z.literal(true, { error: 'Confirm that you want to see the secret key.' }),
  }),
} as const;

export interface NostrResponses {
  'nostr.exportKey': { readonly nsec: string; readonly npub: string; readonly madeByKairos: boolean };
}

export const nostrNetwork = {
  id: 'nostr',
  connect: z.object({
    platform: z.literal('nostr'),
    name: AccountName,
    /** new: Kairos makes a key; nsec: import one (nsec1… or hex); bunker: a NIP-46 remote signer keeps it. */
    key: z.enum(['new', 'nsec', 'bunker']),
    nsec: z.string().trim().optional(),
    /** bunker://<signer pubkey>?relay=wss://…&secret=… */
    bunkerUrl: z.string().trim().optional(),
    /** Relays to start from (wss://…), one per line or comma-separated; the account's NIP-65 list wins when found. */
    relays: z.string().trim().min(1, 'Type at least one relay, e.g. wss://relay.damus.io.'),
    /** How many relays must accept a note for it to count as published; a majority when absent. */
    minRelayOks: z.number().int().min(1).max(20).optional(),
    /** A Blossom media server (https://…) that holds the notes' files; text-only notes without one. */
    mediaServer: z.string().trim().max(300).optional(),
  }),
  requests: nostrRequests,
  metricSource: 'nostr-relays',
} as const satisfies NetworkDefinition;
