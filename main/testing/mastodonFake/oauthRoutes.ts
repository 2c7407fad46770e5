// OAuth as the server documents it: app registration, the authorize page (loopback or out-of-band), token exchange with PKCE, revocation.

import { createHash } from 'node:crypto';
import { parseUrl } from '../../core/parse';
import type { FakeCore } from './core';
import { errorReply, type FakeReply, type FakeRequest, json } from './protocol';

const OOB = 'urn:ietf:wg:oauth:2.0:oob';
const KNOWN_SCOPES = /^(read|write|follow|push|profile|admin:(read|write))(:[a-z_]+)?$/;

function isLoopback(u: URL): boolean {
  return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]');
}

/** Exact match, except that a loopback redirect may use any port (RFC 8252 §7.3), as Doorkeeper allows. */
export function redirectMatches(requested: string, registered: readonly string[]): boolean {
  if (registered.includes(requested)) return true;
  const r = parseUrl(requested);
  if (!r) return false;
  if (!isLoopback(r)) return false;
  return registered.some((reg) => {
    const g = parseUrl(reg);
    return g !== null && isLoopback(g) && g.hostname === r.hostname && g.pathname === r.pathname && g.search === r.search;
  });
}

function page(title: string, body: string): FakeReply {
  return { status: 200, html: `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>` };
}

function withQuery(uri: string, q: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
  return u.toString();
}

function createApp(core: FakeCore, req: FakeRequest): FakeReply {
  const name = req.params.string('client_name')?.trim();
  if (!name) return errorReply(422, "Validation failed: Application name can't be blank");
  const rawUris = req.params.strings('redirect_uris');
  const single = req.params.string('redirect_uris');
  const uris = rawUris.length ? rawUris : (single ?? '').split(/\s*\n\s*/u).filter(Boolean);
  if (uris.length === 0) return errorReply(422, "Validation failed: Redirect URI can't be blank");
  for (const u of uris) {
    if (u === OOB) continue;
    if (!parseUrl(u)) return errorReply(422, 'Validation failed: Redirect URI must be an absolute URI.');
  }
  const scopes = (req.params.string('scopes') ?? 'read').split(/[\s+]+/u).filter(Boolean);
  if (scopes.some((s) => !KNOWN_SCOPES.test(s))) return errorReply(422, 'Validation failed: Scopes are invalid');
  const app = {
    id: String(core.apps.size + 1),
    clientId: core.randomSecret(),
    clientSecret: core.randomSecret(),
    name,
    website: req.params.string('website') ?? null,
    redirectUris: uris,
    scopes,
  };
  core.apps.set(app.clientId, app);
  return json(200, {
    id: app.id,
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    redirect_uri: app.redirectUris.join('\n'),
    redirect_uris: app.redirectUris,
    client_id: app.clientId,
    client_secret: app.clientSecret,
    client_secret_expires_at: 0,
  });
}

/** Validates an authorization request; returns the error page or the checked values. */
function checkAuthorize(core: FakeCore, q: URLSearchParams) {
  const app = core.apps.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app) return { error: page('Error', '<p class="error">Client authentication failed due to unknown client.</p>') };
  if (!redirectMatches(redirectUri, app.redirectUris)) {
    return { error: page('Error', '<p class="error">The redirect uri included is not valid.</p>') };
  }
  if (q.get('response_type') !== 'code')
    return { error: page('Error', '<p class="error">The authorization server does not support this response type.</p>') };
  const scopes = (q.get('scope') ?? 'read').split(/[\s+]+/u).filter(Boolean);
  if (scopes.some((s) => !app.scopes.includes(s) && !app.scopes.includes(s.split(':')[0] as string))) {
    return { error: page('Error', '<p class="error">The requested scope is invalid, unknown, or malformed.</p>') };
  }
  const method = q.get('code_challenge_method');
  const challenge = q.get('code_challenge');
  if (challenge && method !== 'S256') {
    return { error: page('Error', '<p class="error">Code challenge method must be S256.</p>') };
  }
  return { app, redirectUri, scopes, challenge, method, state: q.get('state') };
}

function approve(core: FakeCore, q: URLSearchParams, allow: boolean): FakeReply {
  const c = checkAuthorize(core, q);
  if ('error' in c) return c.error as FakeReply;
  const state: Record<string, string> = c.state ? { state: c.state } : {};
  if (!allow || core.denyNextAuthorization) {
    core.denyNextAuthorization = false;
    if (c.redirectUri === OOB) return page('Denied', '<p class="error">Authorization was denied.</p>');
    return {
      status: 302,
      headers: {
        location: withQuery(c.redirectUri, {
          error: 'access_denied',
          error_description: 'The resource owner or authorization server denied the request.',
          ...state,
        }),
      },
    };
  }
  const userId = core.signedInUserId;
  if (!userId) return page('Log in', '<form class="login"><p>Log in to continue.</p></form>');
  const code = core.randomSecret();
  core.codes.set(code, {
    code,
    clientId: c.app.clientId,
    userId,
    redirectUri: c.redirectUri,
    scopes: c.scopes,
    challenge: c.challenge,
    challengeMethod: c.method,
    expiresAt: core.now() + 10 * 60_000,
    used: false,
  });
  if (c.redirectUri === OOB) {
    return page(
      'Authorization code',
      `<p>Copy this code and paste it into the application.</p><input class="oauth-code" readonly value="${code}">`,
    );
  }
  return { status: 302, headers: { location: withQuery(c.redirectUri, { code, ...state }) } };
}

function authorizeForm(core: FakeCore, q: URLSearchParams): FakeReply {
  const c = checkAuthorize(core, q);
  if ('error' in c) return c.error as FakeReply;
  const hidden = [...q.entries()].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, '&quot;')}">`).join('');
  return page(
    'Authorize',
    `<h1>Authorize ${c.app.name}?</h1><p>${c.app.name} asks for: ${c.scopes.join(', ')}</p>
     <form method="post" action="/oauth/authorize">${hidden}<button type="submit" name="decision" value="allow">Authorize</button></form>
     <form method="post" action="/oauth/authorize">${hidden}<button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function token(core: FakeCore, req: FakeRequest): FakeReply {
  const grant = req.params.string('grant_type');
  const app = core.apps.get(req.params.string('client_id') ?? '');
  if (!app || app.clientSecret !== req.params.string('client_secret')) {
    return json(401, {
      error: 'invalid_client',
      error_description:
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
    });
  }
  const invalidGrant = json(400, {
    error: 'invalid_grant',
    error_description:
      'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  });
  if (grant === 'client_credentials') {
    const t = { token: core.randomSecret(), userId: '', appId: app.id, scopes: ['read'], revoked: false };
    core.tokens.set(t.token, t);
    return json(200, { access_token: t.token, token_type: 'Bearer', scope: 'read', created_at: Math.floor(core.now() / 1000) });
  }
  if (grant !== 'authorization_code')
    return json(400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported.' });
  const code = core.codes.get(req.params.string('code') ?? '');
  if (!code || code.used || code.expiresAt < core.now() || code.clientId !== app.clientId) return invalidGrant;
  if (code.redirectUri !== req.params.string('redirect_uri')) return invalidGrant;
  if (code.challenge) {
    const verifier = req.params.string('code_verifier') ?? '';
    if (s256(verifier) !== code.challenge) return invalidGrant;
  }
  code.used = true;
  const t = { token: core.randomSecret(), userId: code.userId, appId: app.id, scopes: code.scopes, revoked: false };
  core.tokens.set(t.token, t);
  return json(200, { access_token: t.token, token_type: 'Bearer', scope: t.scopes.join(' '), created_at: Math.floor(core.now() / 1000) });
}

function revoke(core: FakeCore, req: FakeRequest): FakeReply {
  const app = core.apps.get(req.params.string('client_id') ?? '');
  if (!app || app.clientSecret !== req.params.string('client_secret')) {
    return json(403, { error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' });
  }
  const t = core.tokens.get(req.params.string('token') ?? '');
  if (t && t.appId === app.id) t.revoked = true;
  return json(200, {});
}

function metadata(core: FakeCore): FakeReply {
  if (!core.settings.pkce) return errorReply(404, 'Not Found');
  const o = core.origin;
  return json(200, {
    issuer: `${o}/`,
    service_documentation: 'https://docs.joinmastodon.org/',
    authorization_endpoint: `${o}/oauth/authorize`,
    token_endpoint: `${o}/oauth/token`,
    app_registration_endpoint: `${o}/api/v1/apps`,
    revocation_endpoint: `${o}/oauth/revoke`,
    scopes_supported: [
      'read',
      'write',
      'follow',
      'push',
      'profile',
      'read:accounts',
      'read:statuses',
      'read:notifications',
      'write:statuses',
      'write:media',
    ],
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  });
}

export function handleOAuth(core: FakeCore, req: FakeRequest): FakeReply | null {
  const { method, path } = req;
  if (method === 'POST' && path === '/api/v1/apps') return createApp(core, req);
  if (method === 'GET' && path === '/oauth/authorize') {
    return core.settings.authorizeForm ? authorizeForm(core, req.query) : approve(core, req.query, true);
  }
  if (method === 'POST' && path === '/oauth/authorize') {
    const q = new URLSearchParams();
    for (const k of ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']) {
      const v = req.params.string(k);
      if (v !== undefined) q.set(k, v);
    }
    return approve(core, q, req.params.string('decision') === 'allow');
  }
  if (method === 'POST' && path === '/oauth/token') return token(core, req);
  if (method === 'POST' && path === '/oauth/revoke') return revoke(core, req);
  if (method === 'GET' && path === '/.well-known/oauth-authorization-server') return metadata(core);
  return null;
}
