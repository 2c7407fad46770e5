// Handlers for the x channels: browser sign-in with the user's own app (PKCE), and X's prices and spending cap.

import type { xRequests } from '../../../shared/platforms/x/contract';
import type { BackendContext } from '../../core/context';
import type { HandlerMap } from '../../core/handlers/types';
import { withRule } from '../../core/platforms/connectedAccounts';
import type { StoredAccount } from '../../core/repos/accounts';
import { accountOf, flowHandlers, orFailure } from '../oauthApp/handlers';
import { X_ENDPOINTS, xConfigOf } from './config';
import { xFlowsFor } from './service';

export type XChannel = Extract<keyof typeof xRequests, `x.${string}`>;

const mills = (usd: number) => Math.round(usd * 1000);

export function xHandlers(ctx: BackendContext): HandlerMap<XChannel> {
  const x = xFlowsFor(ctx);
  const xf = flowHandlers(x);
  return {
    'x.beginOAuth': (req) =>
      orFailure(async () => {
        if (req.accountId) await accountOf(ctx, req.accountId, 'x', 'X');
        return x.begin({ ...req, clientSecret: null });
      }),
    'x.reconnect': ({ accountId }) =>
      orFailure(async () => {
        const cfg = xConfigOf(await accountOf(ctx, accountId, 'x', 'X'));
        return x.begin({
          clientId: cfg.clientId,
          clientSecret: null,
          port: cfg.port,
          accountId,
          ...(cfg.apiOrigin === X_ENDPOINTS.apiOrigin ? {} : { server: cfg.apiOrigin }),
        });
      }),
    'x.oauthStatus': xf.status,
    'x.cancelOAuth': xf.cancel,
    'x.setPricing': async ({ accountId, postUsd, linkPostUsd, monthlyCapUsd }) => {
      const account = await accountOf(ctx, accountId, 'x', 'X');
      const pricing = {
        postMills: mills(postUsd),
        linkPostMills: mills(linkPostUsd),
        monthlyCapMills: monthlyCapUsd === null ? null : mills(monthlyCapUsd),
      };
      const now = ctx.clock.now();
      await ctx.accounts.updateConfig(accountId, { ...account.config, pricing }, now);
      await ctx.events.append({
        at: now,
        actor: ctx.actor,
        kind: 'prices changed',
        accountId,
        detail: `post $${postUsd}, with a link $${linkPostUsd}, cap ${monthlyCapUsd === null ? 'none' : `$${monthlyCapUsd} a month`}`,
      });
      ctx.emit({ type: 'accounts.changed' });
      ctx.scheduler.wake();
      return withRule(ctx, (await ctx.accounts.get(accountId)) as StoredAccount);
    },
  };
}
