// Handlers for the nostr channels: showing the user a secret key Kairos holds, only when asked for in so many words.

import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { getPublicKey } from 'nostr-tools/pure';
import { hexToBytes } from 'nostr-tools/utils';
import type { nostrRequests } from '../../../shared/platforms/nostr/contract';
import type { BackendContext } from '../../core/context';
import { fail, notFound } from '../../core/errors';
import type { HandlerMap } from '../../core/handlers/types';
import { NostrSecretSchema } from './signer';

export function nostrHandlers(ctx: BackendContext): HandlerMap<keyof typeof nostrRequests> {
  return {
    // The reply is the credential itself: it goes to the asking shell only, and no history line or log keeps it.
    'nostr.exportKey': async ({ id }) => {
      const account = await ctx.accounts.get(id);
      if (!account) throw notFound('account');
      if (account.platform !== 'nostr') throw fail('not_nostr_account', {});
      const origin = ctx.platforms.get('nostr')?.secretKeyExport?.(account) ?? null;
      const secret = await ctx.secrets.read(id, NostrSecretSchema);
      if (!origin || !secret || secret.kind !== 'local') {
        throw fail('nostr_remote_signer', {});
      }
      const sk = hexToBytes(secret.secretKeyHex);
      return { nsec: nsecEncode(sk), npub: npubEncode(getPublicKey(sk)), madeByKairos: origin === 'generated' };
    },
  };
}
