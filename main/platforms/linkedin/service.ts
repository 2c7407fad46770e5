// Per-backend LinkedIn sign-in flows that end in a stored account.

import type { AccountWithRule } from '../../../shared/contract';
import type { BackendContext } from '../../core/context';
import { AppOAuthFlows } from '../oauthApp/flows';
import { storeAppAccount } from '../oauthApp/store';
import { endpointsFor } from './config';
import { linkedInAuthorizeUrl, linkedInConnection, requestLinkedInToken } from './connect';

const services = new WeakMap<BackendContext, AppOAuthFlows<AccountWithRule>>();

export function linkedInFlowsFor(ctx: BackendContext): AppOAuthFlows<AccountWithRule> {
  const known = services.get(ctx);
  if (known) return known;
  const flows = new AppOAuthFlows<AccountWithRule>(ctx.clock, {
    displayName: 'LinkedIn',
    authorizeUrl: linkedInAuthorizeUrl,
    async finish({ request, code, redirectUri }) {
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
      const secret = await requestLinkedInToken(
        endpointsFor(request.server).authOrigin,
        form,
        { clientId: request.clientId, clientSecret: request.clientSecret ?? '' },
        ctx.clock.now(),
      );
      const connection = await linkedInConnection(request, secret);
      return storeAppAccount(ctx, { platform: 'linkedin', displayName: 'LinkedIn', identityKey: 'memberUrn' }, request, connection);
    },
    describe: (a) => a.handle,
  });
  services.set(ctx, flows);
  ctx.lifecycle.onClose(() => flows.closeAll());
  return flows;
}
