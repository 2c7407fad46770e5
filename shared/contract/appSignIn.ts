// Channels for networks reached through the user's own developer app (LinkedIn, X): browser sign-in and X's prices.

import { z } from 'zod';
import type { AccountWithRule } from './accounts';
import { Id } from './common';
import type { Problem } from './problems';

const Port = z.number().int().min(0, 'Type a port between 1024 and 65535.').max(65535, 'Type a port between 1024 and 65535.');
const ClientId = z.string().trim().min(1, "Paste your app's client id.").max(200);
const Name = z.string().trim().min(1, 'Give the account a name.').max(80).optional();
/** Another origin serving the network's sign-in and API: a proxy, or a test server on this computer. */
const Server = z.string().trim().url('Type a full address, e.g. https://api.example.org.').optional();
const Usd = z.number().min(0, 'A price cannot be negative.').max(1000);

export const appSignInRequests = {
  'linkedin.beginOAuth': z.object({
    clientId: ClientId,
    clientSecret: z.string().trim().min(1, "Paste your app's primary client secret.").max(500),
    port: Port,
    name: Name,
    accountId: Id.optional(),
    server: Server,
  }),
  /** Signs an existing account in again with the app it was connected with (a login that ran out or is about to). */
  'linkedin.reconnect': z.object({ accountId: Id }),
  'linkedin.oauthStatus': z.object({ flowId: Id }),
  'linkedin.cancelOAuth': z.object({ flowId: Id }),
  'x.beginOAuth': z.object({ clientId: ClientId, port: Port, name: Name, accountId: Id.optional(), server: Server }),
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

export interface AppOAuthBegun {
  readonly flowId: string;
  /** Open this in the system browser. */
  readonly authorizeUrl: string;
  /** The redirect URL the app must have registered: http://127.0.0.1:PORT/callback. */
  readonly redirectUri: string;
  readonly expiresAt: number;
}

export interface AppOAuthFlowView {
  readonly flowId: string;
  readonly state: 'waiting' | 'exchanging' | 'connected' | 'failed' | 'cancelled' | 'expired';
  readonly message: string | null;
  /** Why the sign-in ended without an account, from the catalog, for pages to word; null while it goes on. */
  readonly problem: Problem | null;
  readonly account: AccountWithRule | null;
}

export interface AppSignInResponses {
  'linkedin.beginOAuth': AppOAuthBegun;
  'linkedin.reconnect': AppOAuthBegun;
  'linkedin.oauthStatus': AppOAuthFlowView;
  'linkedin.cancelOAuth': { readonly flowId: string };
  'x.beginOAuth': AppOAuthBegun;
  'x.reconnect': AppOAuthBegun;
  'x.oauthStatus': AppOAuthFlowView;
  'x.cancelOAuth': { readonly flowId: string };
  'x.setPricing': AccountWithRule;
}
