// Handlers for the linkedin channels: browser sign-in with the user's own app.

import type { linkedinRequests } from '../../../shared/platforms/linkedin/contract';
import type { BackendContext } from '../../core/context';
import { fail } from '../../core/errors';
import type { HandlerMap } from '../../core/handlers/types';
import { accountOf, flowHandlers, orFailure, readSecret } from '../oauthApp/handlers';
import { LINKEDIN_ENDPOINTS, LinkedInSecretSchema, linkedInConfigOf } from './config';
import { linkedInFlowsFor } from './service';

export type LinkedInChannel = Extract<keyof typeof linkedinRequests, `linkedin.${string}`>;

export function linkedInHandlers(ctx: BackendContext): HandlerMap<LinkedInChannel> {
  const linkedin = linkedInFlowsFor(ctx);
  const li = flowHandlers(linkedin);
  return {
    'linkedin.beginOAuth': (req) =>
      orFailure(async () => {
        if (req.accountId) await accountOf(ctx, req.accountId, 'linkedin', 'LinkedIn');
        return linkedin.begin(req);
      }),
    'linkedin.reconnect': ({ accountId }) =>
      orFailure(async () => {
        const account = await accountOf(ctx, accountId, 'linkedin', 'LinkedIn');
        const cfg = linkedInConfigOf(account);
        const secret = await readSecret(ctx, account, LinkedInSecretSchema);
        if (!secret) {
          throw fail('app_secret_unreadable', { name: account.name });
        }
        return linkedin.begin({
          clientId: secret.clientId,
          clientSecret: secret.clientSecret,
          port: cfg.port,
          accountId,
          ...(cfg.apiOrigin === LINKEDIN_ENDPOINTS.apiOrigin ? {} : { server: cfg.apiOrigin }),
        });
      }),
    'linkedin.oauthStatus': li.status,
    'linkedin.cancelOAuth': li.cancel,
  };
}
