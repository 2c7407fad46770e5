// Handlers for the bluesky channels: link card previews and mention checks, done by the Bluesky adapter.

import type { blueskyRequests } from '../../../shared/contract/bluesky';
import type { BackendContext } from '../../core/context';
import { KairosError, notFound } from '../../core/errors';
import type { HandlerMap } from '../../core/handlers/types';
import { accountContextFor, whyNoContext } from '../../core/platforms/accountContext';
import { platformFailure } from '../../core/platforms/connectedAccounts';
import type { AccountContext } from '../../core/platforms/types';
import { isBlueskyAdapter } from './adapter';
import type { BlueskySecret } from './session';

export function blueskyHandlers(ctx: BackendContext): HandlerMap<keyof typeof blueskyRequests> {
  const adapter = () => {
    const a = ctx.platforms.get('bluesky');
    if (!isBlueskyAdapter(a)) throw new KairosError('invalid_input', 'This version of Kairos has no Bluesky support.');
    return a;
  };

  return {
    'bluesky.linkCard': async ({ url }) => {
      try {
        return await adapter().previewLinkCard(url);
      } catch (e) {
        throw platformFailure(e);
      }
    },

    'bluesky.checkMentions': async ({ accountId, text }) => {
      const account = ctx.accounts.get(accountId);
      if (!account) throw notFound('That account');
      if (account.platform !== 'bluesky')
        throw new KairosError('invalid_input', 'Pick a Bluesky account to check mentions with.', 'accountId');
      const accountCtx = accountContextFor(ctx, account);
      if (!accountCtx) throw new KairosError('auth_required', whyNoContext(ctx, account));
      try {
        return { unknown: await adapter().unknownMentions(text, accountCtx as AccountContext<BlueskySecret>) };
      } catch (e) {
        throw platformFailure(e);
      }
    },
  };
}
