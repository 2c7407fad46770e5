// Channels for the nostr feature: backing up a secret key Kairos holds, the one reply that carries a credential.

import { z } from 'zod';
import { Id } from './common';

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
