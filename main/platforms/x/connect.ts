// X sign-in: the authorization page with PKCE, the code traded for tokens, and whose account it is.

import type { Connection } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import type { AppFlowRequest } from '../oauthApp/flows';
import { XApi } from './api';
import { pricingOf, X_SCOPES, type XAccountConfig, type XSecret, xEndpointsFor } from './config';

export function xAuthorizeUrl(p: { request: AppFlowRequest; redirectUri: string; state: string; challenge: string }): string {
  const url = new URL('/i/oauth2/authorize', xEndpointsFor(p.request.server).authOrigin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', p.request.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('scope', X_SCOPES);
  url.searchParams.set('state', p.state);
  url.searchParams.set('code_challenge', p.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

interface Me {
  readonly data?: { readonly id?: unknown; readonly username?: unknown; readonly name?: unknown; readonly profile_image_url?: unknown };
}

/** Reads who signed in with a new token and shapes what to store. */
export async function xConnection(request: AppFlowRequest, secret: XSecret, now: () => number): Promise<Connection<XSecret>> {
  const endpoints = xEndpointsFor(request.server);
  // A stand-in account lets the API client renew and save the token during this first call too.
  let current = secret;
  const draft = { id: 'connecting', platform: 'x', config: { ...endpoints } } as unknown as StoredAccount;
  const api = new XApi(
    {
      account: draft,
      secret,
      saveSecret: async (s) => {
        current = s;
      },
      saveConfig: async () => {},
      recordPart: async () => {},
      readMedia: () => Buffer.alloc(0),
    },
    now,
  );
  const me = (
    await api.call<Me>({ method: 'GET', path: '/2/users/me', query: { 'user.fields': 'profile_image_url' }, what: 'reading who signed in' })
  ).body;
  const id = me?.data?.id;
  const username = me?.data?.username;
  if (typeof id !== 'string' || typeof username !== 'string')
    throw new PlatformError('invalid', 'X did not say who signed in. Start the sign-in again.');
  const config: XAccountConfig = {
    ...endpoints,
    userId: id,
    username,
    clientId: request.clientId,
    port: request.port,
    pricing: pricingOf(undefined),
    spend: null,
    loginExpiresAt: null,
    loginRenews: true,
  };
  return {
    handle: `@${username}`,
    avatarUrl: typeof me?.data?.profile_image_url === 'string' ? me.data.profile_image_url : null,
    config: config as unknown as Record<string, unknown>,
    secret: current,
  };
}
