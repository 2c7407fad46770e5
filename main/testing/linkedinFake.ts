// A LinkedIn fake on 127.0.0.1 written from LinkedIn's API reference: OAuth pages and token endpoint, OpenID userinfo,
// the Images API upload, the Posts API with its headers, the little text format (unescaped reserved characters cut
// the post), duplicate refusals, 401/403/429 bodies.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, readBody, sendJson, startLoopbackServer } from './loopbackServer';

export interface LinkedInFakeOptions {
  readonly now?: () => number;
  /** Show an authorize page with Allow and Cancel buttons instead of approving at once. */
  readonly authorizeForm?: boolean;
  /** Give the app refresh tokens (LinkedIn grants them to some partner apps only). */
  readonly refreshTokens?: boolean;
  readonly tokenSeconds?: number;
}

export interface FakeLinkedInPost {
  readonly urn: string;
  readonly author: string;
  /** What the API received. */
  readonly commentary: string;
  /** What LinkedIn shows: little text unescaped, cut at the first reserved character left unescaped. */
  readonly shown: string;
  readonly visibility: string;
  readonly images: readonly { readonly id: string; readonly altText: string | null }[];
  readonly version: string | null;
}

interface Fault {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Token {
  readonly member: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

const RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~']);

/** Renders little text the way the feed shows it. */
export function renderLittle(text: string): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\\' && i + 1 < chars.length) {
      out += chars[++i];
      continue;
    }
    if (ch === '#' && /\p{L}/u.test(chars[i + 1] ?? '') && !/[\p{L}\p{N}_]/u.test(chars[i - 1] ?? '')) {
      out += ch;
      continue;
    }
    if (RESERVED.has(ch)) break;
    out += ch;
  }
  return out;
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

function redirect(res: ServerResponse, to: string, q: Record<string, string>): void {
  const u = new URL(to);
  for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
  res.writeHead(302, { location: u.toString() });
  res.end();
}

export class LinkedInFake {
  readonly apps = new Map<string, { secret: string; redirectUris: string[]; scopes: readonly string[] }>();
  readonly members = new Map<string, { name: string; picture: string | null }>();
  readonly posts: FakeLinkedInPost[] = [];
  readonly images = new Map<string, { owner: string; bytes: Buffer | null; mime: string | null }>();
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers'] }[] = [];
  signedInMember: string | null = null;
  #codes = new Map<string, { clientId: string; redirectUri: string; member: string; scopes: string[]; used: boolean }>();
  #tokens = new Map<string, Token>();
  #refresh = new Map<string, string>();
  #faults = new Map<string, Fault[]>();
  #dropNextPost = false;
  #server: LoopbackServer | null = null;
  #next = 7_000_000_000_000_000_000n;

  constructor(private readonly options: LinkedInFakeOptions = {}) {}

  get origin(): string {
    if (!this.#server) throw new Error('The LinkedIn fake is not started.');
    return this.#server.origin;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async start(): Promise<this> {
    this.#server = await startLoopbackServer((req, res) => this.#handle(req, res));
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }

  /** A developer app with "Share on LinkedIn" and "Sign In with LinkedIn using OpenID Connect". */
  createApp(redirectUris: string[], scopes: readonly string[] = ['openid', 'profile', 'w_member_social']) {
    const clientId = `78${randomBytes(6).toString('hex')}`;
    const secret = `WPL_AP1.${randomBytes(12).toString('base64url')}`;
    this.apps.set(clientId, { secret, redirectUris, scopes });
    return { clientId, secret };
  }

  createMember(name: string): string {
    const sub = randomBytes(5).toString('base64url');
    this.members.set(sub, { name, picture: null });
    this.signedInMember ??= sub;
    return sub;
  }

  /** A token as LinkedIn's token generator would issue it. */
  issueToken(member: string, seconds = this.options.tokenSeconds ?? 5_184_000): string {
    const t = randomBytes(24).toString('base64url');
    this.#tokens.set(t, { member, scopes: ['openid', 'profile', 'w_member_social'], expiresAt: this.#now() + seconds * 1000 });
    return t;
  }

  /** The next request to `path` (e.g. "POST /rest/posts") gets this reply instead. */
  failNext(route: string, fault: Fault): void {
    this.#faults.set(route, [...(this.#faults.get(route) ?? []), fault]);
  }

  /** The next post is created, then the connection is cut before any answer. */
  dropNextPost(): void {
    this.#dropNextPost = true;
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.origin);
    const body = await readBody(req);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers });
    const route = `${req.method} ${url.pathname}`;
    const fault = this.#faults.get(route)?.shift();
    if (fault) return sendJson(res, fault.status, fault.body, fault.headers);
    if (route === 'GET /oauth/v2/authorization') return this.#authorize(url.searchParams, res);
    if (route === 'POST /oauth/v2/authorization') return this.#decide(new URLSearchParams(body.toString()), res);
    if (route === 'POST /oauth/v2/accessToken') return this.#token(new URLSearchParams(body.toString()), res);
    if (route.startsWith('PUT /upload/')) return this.#upload(url.pathname.slice('/upload/'.length), req, body, res);
    const token = this.#bearer(req, res);
    if (!token) return;
    if (route === 'GET /v2/userinfo') {
      const m = this.members.get(token.member);
      return sendJson(res, 200, {
        sub: token.member,
        name: m?.name,
        given_name: m?.name.split(' ')[0],
        picture: m?.picture,
        locale: { country: 'US', language: 'en' },
      });
    }
    if (!this.#restHeaders(req, res)) return;
    if (route === 'POST /rest/images' && url.searchParams.get('action') === 'initializeUpload')
      return this.#initializeUpload(token, body, res);
    if (route === 'POST /rest/posts') return this.#createPost(token, req, body, res);
    sendJson(res, 404, { status: 404, message: `No resource found for ${route}` });
  }

  #authorize(q: URLSearchParams, res: ServerResponse) {
    const app = this.apps.get(q.get('client_id') ?? '');
    if (!app) return page(res, 400, 'Error', '<p class="error">Invalid client_id. Check your app on the LinkedIn Developer Portal.</p>');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!app.redirectUris.includes(redirectUri))
      return page(res, 400, 'Error', '<p class="error">The redirect_uri does not match the registered value</p>');
    const state = q.get('state') ?? '';
    const scopes = (q.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
    const missing = scopes.find((s) => !app.scopes.includes(s));
    if (missing)
      return redirect(res, redirectUri, {
        error: 'unauthorized_scope_error',
        error_description: `Scope "${missing}" is not authorized for your application`,
        state,
      });
    if (this.options.authorizeForm) {
      const hidden = [...q.entries()].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, '&quot;')}">`).join('');
      return page(
        res,
        200,
        'LinkedIn',
        `<h1>Kairos would like to access your LinkedIn account</h1><p>${scopes.join(', ')}</p>
         <form method="post" action="/oauth/v2/authorization">${hidden}<button name="decision" value="allow">Allow</button><button name="decision" value="cancel">Cancel</button></form>`,
      );
    }
    this.#approve(q, res, true);
  }

  #decide(form: URLSearchParams, res: ServerResponse) {
    this.#approve(form, res, form.get('decision') === 'allow');
  }

  #approve(q: URLSearchParams, res: ServerResponse, allow: boolean) {
    const redirectUri = q.get('redirect_uri') ?? '';
    const state = q.get('state') ?? '';
    if (!allow)
      return redirect(res, redirectUri, {
        error: 'user_cancelled_authorize',
        error_description: 'The user cancelled the authorization',
        state,
      });
    const member = this.signedInMember;
    if (!member) return page(res, 200, 'Sign in', '<p>Sign in to LinkedIn to continue.</p>');
    const code = randomBytes(18).toString('base64url');
    this.#codes.set(code, {
      clientId: q.get('client_id') ?? '',
      redirectUri,
      member,
      scopes: (q.get('scope') ?? '').split(/[\s,]+/),
      used: false,
    });
    redirect(res, redirectUri, { code, state });
  }

  #token(form: URLSearchParams, res: ServerResponse) {
    const app = this.apps.get(form.get('client_id') ?? '');
    if (!app || app.secret !== form.get('client_secret'))
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    let member: string;
    let scopes: string[];
    if (form.get('grant_type') === 'refresh_token') {
      const m = this.#refresh.get(form.get('refresh_token') ?? '');
      if (!m)
        return sendJson(res, 400, {
          error: 'invalid_request',
          error_description: 'The provided authorization grant or refresh token is invalid, expired or revoked.',
        });
      member = m;
      scopes = ['openid', 'profile', 'w_member_social'];
    } else {
      const c = this.#codes.get(form.get('code') ?? '');
      if (!c || c.used || c.clientId !== form.get('client_id') || c.redirectUri !== form.get('redirect_uri')) {
        return sendJson(res, 400, {
          error: 'invalid_request',
          error_description:
            'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
        });
      }
      c.used = true;
      member = c.member;
      scopes = c.scopes;
    }
    const seconds = this.options.tokenSeconds ?? 5_184_000;
    const access = randomBytes(24).toString('base64url');
    this.#tokens.set(access, { member, scopes, expiresAt: this.#now() + seconds * 1000 });
    const reply: Record<string, unknown> = { access_token: access, expires_in: seconds, scope: scopes.join(','), token_type: 'Bearer' };
    if (this.options.refreshTokens) {
      const refresh = randomBytes(24).toString('base64url');
      this.#refresh.set(refresh, member);
      reply.refresh_token = refresh;
      reply.refresh_token_expires_in = 31_536_000;
    }
    sendJson(res, 200, reply);
  }

  #bearer(req: IncomingMessage, res: ServerResponse): Token | null {
    const t = this.#tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!t) {
      sendJson(res, 401, { status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' });
      return null;
    }
    if (t.expiresAt <= this.#now()) {
      sendJson(res, 401, {
        status: 401,
        serviceErrorCode: 65601,
        code: 'EXPIRED_ACCESS_TOKEN',
        message: 'The token used in the request has expired',
      });
      return null;
    }
    return t;
  }

  #restHeaders(req: IncomingMessage, res: ServerResponse): boolean {
    const version = req.headers['linkedin-version'];
    if (typeof version !== 'string' || !/^\d{6}$/.test(version)) {
      sendJson(res, 426, {
        status: 426,
        code: 'VERSION_MISSING',
        message: 'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
      });
      return false;
    }
    if (req.headers['x-restli-protocol-version'] !== '2.0.0') {
      sendJson(res, 400, { status: 400, message: 'X-Restli-Protocol-Version 2.0.0 is required.' });
      return false;
    }
    return true;
  }

  #initializeUpload(token: Token, body: Buffer, res: ServerResponse) {
    const owner = (JSON.parse(body.toString() || '{}') as { initializeUploadRequest?: { owner?: string } }).initializeUploadRequest?.owner;
    if (owner !== `urn:li:person:${token.member}`) {
      return sendJson(res, 403, {
        status: 403,
        serviceErrorCode: 100,
        code: 'ACCESS_DENIED',
        message: `Not enough permissions to upload on behalf of ${owner}`,
      });
    }
    const id = `urn:li:image:D4E${randomBytes(8).toString('hex')}`;
    this.images.set(id, { owner, bytes: null, mime: null });
    sendJson(res, 200, {
      value: { uploadUrlExpiresAt: this.#now() + 3_600_000, uploadUrl: `${this.origin}/upload/${encodeURIComponent(id)}`, image: id },
    });
  }

  #upload(id: string, req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const image = this.images.get(decodeURIComponent(id));
    if (!image || !this.#tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
      res.writeHead(403);
      res.end();
      return;
    }
    image.bytes = body;
    image.mime = req.headers['content-type'] ?? null;
    res.writeHead(201);
    res.end();
  }

  #createPost(token: Token, req: IncomingMessage, raw: Buffer, res: ServerResponse) {
    if (!token.scopes.includes('w_member_social')) {
      return sendJson(res, 403, {
        status: 403,
        serviceErrorCode: 100,
        code: 'ACCESS_DENIED',
        message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE',
      });
    }
    const b = JSON.parse(raw.toString() || '{}') as {
      author?: string;
      commentary?: string;
      visibility?: string;
      lifecycleState?: string;
      distribution?: { feedDistribution?: string };
      content?: { media?: { id?: string; altText?: string }; multiImage?: { images?: { id?: string; altText?: string }[] } };
    };
    if (b.author !== `urn:li:person:${token.member}`)
      return sendJson(res, 403, { status: 403, code: 'ACCESS_DENIED', message: `Member is not allowed to post as ${b.author}` });
    if (typeof b.commentary !== 'string' || !b.visibility || b.lifecycleState !== 'PUBLISHED' || !b.distribution?.feedDistribution) {
      return sendJson(res, 422, {
        status: 422,
        code: 'UNPROCESSABLE_ENTITY',
        message: 'ERROR :: /commentary or a required field is missing',
      });
    }
    const list = b.content?.multiImage?.images ?? (b.content?.media ? [b.content.media] : []);
    for (const i of list) {
      const img = this.images.get(i.id ?? '');
      if (!img?.bytes)
        return sendJson(res, 422, { status: 422, message: `ERROR :: /content/media/id :: ${i.id} is not an uploaded image` });
    }
    const dup = this.posts.find((p) => p.author === b.author && p.commentary === b.commentary && p.images.length === list.length);
    if (dup) return sendJson(res, 422, { status: 422, code: 'DUPLICATE_POST', message: `Content is a duplicate of ${dup.urn}` });
    const urn = `urn:li:share:${this.#next++}`;
    const version = req.headers['linkedin-version'];
    this.posts.push({
      urn,
      author: b.author,
      commentary: b.commentary,
      shown: renderLittle(b.commentary),
      visibility: b.visibility,
      images: list.map((i) => ({ id: i.id ?? '', altText: i.altText ?? null })),
      version: typeof version === 'string' ? version : null,
    });
    if (this.#dropNextPost) {
      this.#dropNextPost = false;
      req.socket.destroy();
      return;
    }
    res.writeHead(201, { 'x-restli-id': urn, 'x-linkedin-id': urn, 'content-length': '0' });
    res.end();
  }
}
