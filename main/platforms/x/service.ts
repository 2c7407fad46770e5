// Per-backend X sign-in flows (PKCE, public client) that end in a stored account.

import type { AccountWithRule } from '../../../shared/contract';
import type { BackendContext } from '../../core/context';
import { AppOAuthFlows } from '../oauthApp/flows';
import { storeAppAccount } from '../oauthApp/store';
import { xEndpointsFor } from './config';
import { xAuthorizeUrl, xConnection } from './connect';
import { requestXToken } from './token';

const services = new WeakMap<BackendContext, AppOAuthFlows<AccountWithRule>>();

export function xFlowsFor(ctx: BackendContext): AppOAuthFlows<AccountWithRule> {
  const known = services.get(ctx);
  if (known) return known;
  const now = () => ctx.clock.now();
  const flows = new AppOAuthFlows<AccountWithRule>(ctx.clock, {
    displayName: 'X',
    authorizeUrl: xAuthorizeUrl,
    async finish({ request, code, redirectUri, verifier }) {
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
      const secret = await requestXToken(xEndpointsFor(request.server).apiOrigin, form, request.clientId, now());
      const connection = await xConnection(request, secret, now);
      return storeAppAccount(ctx, { platform: 'x', displayName: 'X', identityKey: 'userId' }, request, connection);
    },
    describe: (a) => a.handle,
  });
  services.set(ctx, flows);
  ctx.lifecycle.onClose(() => flows.closeAll());
  return flows;
}
