// LinkedIn in the contract: no connect form (accounts are connected by the browser sign-in with the user's own app)
// and its channels for that sign-in. The replies are in ../oauthApp/responses.ts.

import { z } from 'zod';
import { Id } from '../../contract/common';
import type { NetworkDefinition } from '../network';
import { ClientId, OptionalName, Port, Server } from '../oauthApp/contract';

export const linkedinRequests = {
  'linkedin.beginOAuth': z.object({
    clientId: ClientId,
    clientSecret: z.string().trim().min(1, "Paste your app's primary client secret.").max(500),
    port: Port,
    name: OptionalName,
    accountId: Id.optional(),
    server: Server,
  }),
  /** Signs an existing account in again with the app it was connected with (a login that ran out or is about to). */
  'linkedin.reconnect': z.object({ accountId: Id }),
  'linkedin.oauthStatus': z.object({ flowId: Id }),
  'linkedin.cancelOAuth': z.object({ flowId: Id }),
} as const;

export const linkedinNetwork = {
  id: 'linkedin',
  requests: linkedinRequests,
  metricSource: 'none',
} as const satisfies NetworkDefinition;
