// Handlers for the bluesky channels: link card previews and mention checks, done by the Bluesky adapter.

import type { blueskyRequests } from '../../../shared/contract/bluesky';
import { isBlueskyAdapter } from '../../platforms/bluesky/adapter';
import type { BlueskySecret } from '../../platforms/bluesky/session';
import type { BackendContext } from '../context';
import { fail, notFound } from '../errors';
import { accountContextFor, whyNoContext } from '../platforms/accountContext';
import type { AccountContext } from '../platforms/types';
import { platformFailure } from './accounts';
import type { HandlerMap } from './types';

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
      const account = ctx.accounts.get(accountId);
      if (!account) throw notFound('account');
      if (account.platform !== 'bluesky') throw fail('pick_bluesky_account', {}, 'accountId');
      const accountCtx = accountContextFor(ctx, account);
      if (!accountCtx) throw fail('login_unusable', { reason: whyNoContext(ctx, account) });
      try {
        return { unknown: await adapter().unknownMentions(text, accountCtx as AccountContext<BlueskySecret>) };
      } catch (e) {
        throw platformFailure(e);
      }
    },
  };
}
