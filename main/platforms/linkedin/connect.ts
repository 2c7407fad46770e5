// LinkedIn sign-in: where the browser goes, the code traded for a 60-day token, and whose account it is.

import { readJson, send } from '../../core/platforms/http';
import type { Connection } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { AppFlowRequest } from '../oauthApp/flows';
import { LinkedInApi } from './api';
import { endpointsFor, LINKEDIN_SCOPES, LINKEDIN_VERSION, type LinkedInAccountConfig, type LinkedInSecret } from './config';

export function linkedInAuthorizeUrl(p: { request: AppFlowRequest; redirectUri: string; state: string }): string {
  const url = new URL('/oauth/v2/authorization', endpointsFor(p.request.server).authOrigin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', p.request.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('state', p.state);
  url.searchParams.set('scope', LINKEDIN_SCOPES);
  return url.toString();
}

interface TokenReply {
  readonly access_token?: unknown;
  readonly expires_in?: unknown;
  readonly refresh_token?: unknown;
  readonly refresh_token_expires_in?: unknown;
  readonly scope?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

/** Posts a grant to the token endpoint and returns the new secret. */
export async function requestLinkedInToken(
  tokenOrigin: string,
  form: URLSearchParams,
  app: { clientId: string; clientSecret: string },
  now: number,
): Promise<LinkedInSecret> {
  form.set('client_id', app.clientId);
  form.set('client_secret', app.clientSecret);
  const res = await send(
    new URL('/oauth/v2/accessToken', tokenOrigin).toString(),
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
    { serviceName: 'LinkedIn', timeoutMs: 20_000 },
  );
  const body = ((await readJson(res)) ?? {}) as TokenReply;
  const said = typeof body.error_description === 'string' ? body.error_description : `HTTP ${res.status}`;
  if (res.status === 401 || body.error === 'invalid_client') {
    throw new PlatformError(
      'auth',
      `LinkedIn did not accept the app's client id and secret (${said}). Copy them again from the app's Auth tab.`,
      {
        field: 'clientSecret',
      },
    );
  }
  if (!res.ok) {
    throw new PlatformError(
      'invalid',
      `LinkedIn refused the sign-in (${said}). Start it again; check the redirect URL registered with the app.`,
    );
  }
  if (typeof body.access_token !== 'string')
    throw new PlatformError('invalid', 'LinkedIn answered without an access token. Start the sign-in again.');
  const scope = typeof body.scope === 'string' ? body.scope : LINKEDIN_SCOPES;
  if (!/w_member_social/.test(scope)) {
    throw new PlatformError(
      'invalid',
      'LinkedIn did not grant permission to post (w_member_social). Add the "Share on LinkedIn" product to your app and sign in again.',
    );
  }
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 60 * 86_400;
  const refreshSeconds = typeof body.refresh_token_expires_in === 'number' ? body.refresh_token_expires_in : null;
  return {
    accessToken: body.access_token,
    expiresAt: now + seconds * 1000,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    refreshExpiresAt: refreshSeconds === null ? null : now + refreshSeconds * 1000,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
  };
}

interface UserInfo {
  readonly sub?: unknown;
  readonly name?: unknown;
  readonly picture?: unknown;
}

/** What to store for a member once LinkedIn issued a token: OpenID userinfo gives the member id for the author URN. */
export async function linkedInConnection(
  request: AppFlowRequest,
  secret: LinkedInSecret,
  signal?: AbortSignal,
): Promise<Connection<LinkedInSecret>> {
  const endpoints = endpointsFor(request.server);
  const api = new LinkedInApi(endpoints.apiOrigin, secret.accessToken, LINKEDIN_VERSION, signal);
  const me = (await api.call({ method: 'GET', path: '/v2/userinfo', rest: false, what: 'reading who signed in' })).body as UserInfo | null;
  if (typeof me?.sub !== 'string' || me.sub === '') {
    throw new PlatformError(
      'invalid',
      'LinkedIn did not say who signed in. Check that your app has "Sign In with LinkedIn using OpenID Connect".',
    );
  }
  // With a refresh token the login lasts as long as that token; without one, as long as the access token.
  const hasRefresh = secret.refreshToken !== null;
  const config: LinkedInAccountConfig = {
    ...endpoints,
    memberUrn: `urn:li:person:${me.sub}`,
    clientId: request.clientId,
    port: request.port,
    apiVersion: LINKEDIN_VERSION,
    loginExpiresAt: hasRefresh ? secret.refreshExpiresAt : secret.expiresAt,
    loginRenews: false,
  };
  return {
    handle: typeof me.name === 'string' && me.name.trim() ? me.name : me.sub,
    avatarUrl: typeof me.picture === 'string' ? me.picture : null,
    config: config as unknown as Record<string, unknown>,
    secret,
  };
}
