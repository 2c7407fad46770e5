// X in the contract: no connect form (accounts are connected by the browser sign-in with the user's own app), its
// channels for that sign-in and the prices X charges per post. The replies are in ../oauthApp/responses.ts.

import { z } from 'zod';
import { Id } from '../../contract/common';
import type { NetworkDefinition } from '../network';
import { ClientId, OptionalName, Port, Server } from '../oauthApp/contract';

const Usd = z.number().min(0, 'A price cannot be negative.').max(1000);

export const xRequests = {
  'x.beginOAuth': z.object({ clientId: ClientId, port: Port, name: OptionalName, accountId: Id.optional(), server: Server }),
  'x.reconnect': z.object({ accountId: Id }),
  'x.oauthStatus': z.object({ flowId: Id }),
  'x.cancelOAuth': z.object({ flowId: Id }),
  /** Prices in US dollars as X lists them, and the monthly cap (null: no cap). */
  'x.setPricing': z.object({
    accountId: Id,
    postUsd: Usd,
    linkPostUsd: Usd,
    monthlyCapUsd: z.number().min(0, 'A cap cannot be negative.').max(1_000_000).nullable(),
  }),
} as const;

export const xNetwork = {
  id: 'x',
  requests: xRequests,
  metricSource: 'x-api',
} as const satisfies NetworkDefinition;
