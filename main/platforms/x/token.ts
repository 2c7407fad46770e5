// X's OAuth 2 token endpoint for a public client (PKCE, no secret): the first exchange and every refresh.

import { readJson, send } from '../../core/platforms/http';
import { PlatformError } from '../../core/platforms/types';
import type { XSecret } from './config';

interface TokenReply {
  readonly access_token?: unknown;
  readonly refresh_token?: unknown;
  readonly expires_in?: unknown;
  readonly scope?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

export async function requestXToken(
  apiOrigin: string,
  form: URLSearchParams,
  clientId: string,
  now: number,
  signal?: AbortSignal,
): Promise<XSecret> {
  form.set('client_id', clientId);
  const res = await send(
    new URL('/2/oauth2/token', apiOrigin).toString(),
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
    { serviceName: 'X', timeoutMs: 20_000, ...(signal ? { signal } : {}) },
  );
  const body = ((await readJson(res)) ?? {}) as TokenReply;
  const said = typeof body.error_description === 'string' ? body.error_description : `HTTP ${res.status}`;
  const refreshing = form.get('grant_type') === 'refresh_token';
  if (res.status >= 500) throw new PlatformError('transient', `X could not issue a token right now (${said}).`);
  if (!res.ok) {
    if (refreshing) {
      throw new PlatformError(
        'auth',
        `X no longer accepts this account's login (${said}). Sign in to X again in Accounts; the posts wait.`,
      );
    }
    if (body.error === 'unauthorized_client' || body.error === 'invalid_client') {
      throw new PlatformError(
        'invalid',
        `X did not accept the client id (${said}). Use the OAuth 2.0 Client ID of a "Native App" in the X Developer Console.`,
        { field: 'clientId' },
      );
    }
    throw new PlatformError('invalid', `X refused the sign-in (${said}). Start it again; check the callback URL registered with the app.`);
  }
  if (typeof body.access_token !== 'string')
    throw new PlatformError('invalid', 'X answered without an access token. Start the sign-in again.');
  const scope = typeof body.scope === 'string' ? body.scope : '';
  if (!refreshing && scope && !/tweet\.write/.test(scope)) {
    throw new PlatformError(
      'invalid',
      'X did not grant permission to post (tweet.write). Give the app "Read and write" permissions and sign in again.',
    );
  }
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 7200;
  return {
    accessToken: body.access_token,
    // X rotates refresh tokens: the old one stops working once a new one is issued.
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : (form.get('refresh_token') ?? null),
    expiresAt: now + seconds * 1000,
    clientId,
  };
}
