// What Kairos keeps about an X account: who it is, where the API lives, the price and cap settings; tokens sealed.

import { DEFAULT_X_PRICING, type XPricing, type XSpend } from '../../../shared/platforms/xCost';
import type { StoredAccount } from '../../core/repos/accounts';
import { serverOrigin } from '../oauthApp/flows';

/** Least privilege for posting threads with media, reading our own posts back, and staying signed in. */
export const X_SCOPES = 'tweet.read tweet.write users.read media.write offline.access';
export const X_DEFAULT_PORT = 53683;

export interface XEndpoints {
  /** x.com: the authorization page. */
  readonly authOrigin: string;
  /** api.x.com: token endpoint, users, posts, media. */
  readonly apiOrigin: string;
}

export const X_ENDPOINTS: XEndpoints = { authOrigin: 'https://x.com', apiOrigin: 'https://api.x.com' };

export function xEndpointsFor(server: string | undefined): XEndpoints {
  if (!server) return X_ENDPOINTS;
  const origin = serverOrigin(server);
  return { authOrigin: origin, apiOrigin: origin };
}

export interface XAccountConfig extends XEndpoints {
  readonly userId: string;
  readonly username: string;
  readonly clientId: string;
  readonly port: number;
  readonly pricing: XPricing;
  readonly spend: XSpend | null;
  /** X renews its two-hour tokens with the refresh token: nothing for Attention to warn about. */
  readonly loginExpiresAt: null;
  readonly loginRenews: true;
}

/** Sealed in the SecretStore; never leaves the backend. */
export interface XSecret {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: number;
  readonly clientId: string;
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : fallback);

export function pricingOf(v: unknown): XPricing {
  const p = (typeof v === 'object' && v !== null ? v : {}) as Partial<XPricing>;
  return {
    postMills: num(p.postMills, DEFAULT_X_PRICING.postMills),
    linkPostMills: num(p.linkPostMills, DEFAULT_X_PRICING.linkPostMills),
    monthlyCapMills: p.monthlyCapMills === null ? null : num(p.monthlyCapMills, DEFAULT_X_PRICING.monthlyCapMills ?? 0),
  };
}

export function xConfigOf(account: StoredAccount): XAccountConfig {
  const c = account.config as Partial<Record<keyof XAccountConfig, unknown>>;
  const spend = c.spend as Partial<XSpend> | undefined;
  return {
    authOrigin: typeof c.authOrigin === 'string' ? c.authOrigin : X_ENDPOINTS.authOrigin,
    apiOrigin: typeof c.apiOrigin === 'string' ? c.apiOrigin : X_ENDPOINTS.apiOrigin,
    userId: typeof c.userId === 'string' ? c.userId : '',
    username: typeof c.username === 'string' ? c.username : '',
    clientId: typeof c.clientId === 'string' ? c.clientId : '',
    port: typeof c.port === 'number' ? c.port : X_DEFAULT_PORT,
    pricing: pricingOf(c.pricing),
    spend: spend && typeof spend.month === 'string' ? { month: spend.month, mills: num(spend.mills, 0), posts: num(spend.posts, 0) } : null,
    loginExpiresAt: null,
    loginRenews: true,
  };
}
