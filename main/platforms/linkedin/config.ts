// What Kairos keeps about a LinkedIn member account: who it is and where its API lives in the clear, the token sealed.

import { z } from 'zod';
import type { StoredAccount } from '../../core/repos/accounts';
import { serverOrigin } from '../oauthApp/flows';

/** LinkedIn's Posts and Images APIs are versioned by month; a version is served for at least a year. */
export const LINKEDIN_VERSION = '202610';
/** "Sign In with LinkedIn using OpenID Connect" for the member id, "Share on LinkedIn" to post. */
export const LINKEDIN_SCOPES = 'openid profile w_member_social';
/** The redirect URL's port users register with their app unless they pick another. */
export const LINKEDIN_DEFAULT_PORT = 53682;

export interface LinkedInEndpoints {
  /** www.linkedin.com: the authorization page and the token endpoint. */
  readonly authOrigin: string;
  /** api.linkedin.com: userinfo, images, posts. */
  readonly apiOrigin: string;
}

export const LINKEDIN_ENDPOINTS: LinkedInEndpoints = {
  authOrigin: 'https://www.linkedin.com',
  apiOrigin: 'https://api.linkedin.com',
};

export interface LinkedInAccountConfig extends LinkedInEndpoints {
  /** urn:li:person:{sub} */
  readonly memberUrn: string;
  readonly clientId: string;
  readonly port: number;
  readonly apiVersion: string;
  /** When the login runs out (epoch ms); read by Attention for every network that sets it. */
  readonly loginExpiresAt: number | null;
  /** Whether Kairos renews the login by itself before then (a refresh token, granted to some apps only). */
  readonly loginRenews: boolean;
}

/** Sealed in the SecretStore; never leaves the backend. */
export interface LinkedInSecret {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly refreshToken: string | null;
  readonly refreshExpiresAt: number | null;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The stored shape of a LinkedIn login. */
export const LinkedInSecretSchema: z.ZodType<LinkedInSecret> = z.object({
  accessToken: z.string(),
  expiresAt: z.number(),
  refreshToken: z.string().nullable(),
  refreshExpiresAt: z.number().nullable(),
  clientId: z.string(),
  clientSecret: z.string(),
});

export function endpointsFor(server: string | undefined): LinkedInEndpoints {
  if (!server) return LINKEDIN_ENDPOINTS;
  const origin = serverOrigin(server);
  return { authOrigin: origin, apiOrigin: origin };
}

export function linkedInConfigOf(account: StoredAccount): LinkedInAccountConfig {
  const c = account.config as Partial<LinkedInAccountConfig>;
  return {
    authOrigin: typeof c.authOrigin === 'string' ? c.authOrigin : LINKEDIN_ENDPOINTS.authOrigin,
    apiOrigin: typeof c.apiOrigin === 'string' ? c.apiOrigin : LINKEDIN_ENDPOINTS.apiOrigin,
    memberUrn: typeof c.memberUrn === 'string' ? c.memberUrn : '',
    clientId: typeof c.clientId === 'string' ? c.clientId : '',
    port: typeof c.port === 'number' ? c.port : LINKEDIN_DEFAULT_PORT,
    apiVersion: typeof c.apiVersion === 'string' ? c.apiVersion : LINKEDIN_VERSION,
    loginExpiresAt: typeof c.loginExpiresAt === 'number' ? c.loginExpiresAt : null,
    loginRenews: c.loginRenews === true,
  };
}
