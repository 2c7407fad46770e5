// Handlers for the bluesky channels: link card previews and mention checks, done by the Bluesky adapter.

import type { blueskyRequests } from '../../../shared/platforms/bluesky/contract';
import type { BackendContext } from '../../core/context';
import { fail, notFound } from '../../core/errors';
import type { HandlerMap } from '../../core/handlers/types';
import { accountContextFor, whyNoContext } from '../../core/platforms/accountContext';
import { platformFailure } from '../../core/platforms/connectedAccounts';
import type { AccountContext } from '../../core/platforms/types';
import { isBlueskyAdapter } from './adapter';
import type { BlueskySecret } from './session';

export function blueskyHandlers(ctx: BackendContext): HandlerMap<keyof typeof blueskyRequests> {
  const adapter = () => {
    const a = ctx.platforms.get('bluesky');
    if (!isBlueskyAdapter(a)) throw fail('network_support_missing', { network: 'Bluesky' });
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
      const account = await ctx.accounts.get(accountId);
      if (!account) throw notFound('account');
      if (account.platform !== 'bluesky') throw fail('pick_bluesky_account', {}, 'accountId');
      const accountCtx = await accountContextFor(ctx, account);
      if (!accountCtx) throw fail('login_unusable', { reason: await whyNoContext(ctx, account) });
      try {
        return { unknown: await adapter().unknownMentions(text, accountCtx as AccountContext<BlueskySecret>) };
      } catch (e) {
        throw platformFailure(e);
      }
    },
  };
}
