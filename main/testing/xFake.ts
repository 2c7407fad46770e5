// An X API v2 fake on 127.0.0.1 written from X's reference: OAuth 2 with PKCE for a public client (authorize page,
// token endpoint, rotating refresh tokens), users/me, posts with threads and media, the v2 media upload with async
// processing states and alt text, timelines, mentions, search, public metrics, x-rate-limit-* headers and
// problem bodies for 400/401/402/403/429.

import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import twitterText from 'twitter-text';
import { type LoopbackServer, readBody, sendJson, startLoopbackServer } from './loopbackServer';
import { type FakeMedia, type FakeReply, problem, XFakeMedia } from './xFakeMedia';

function reply(res: ServerResponse, r: FakeReply): void {
  if (r.body === null) {
    res.writeHead(r.status);
    res.end();
  } else sendJson(res, r.status, r.body);
}

export interface XFakeOptions {
  readonly now?: () => number;
  readonly authorizeForm?: boolean;
  /** Posts one user may create per 15-minute window before 429 (X: 100). */
  readonly postsPerWindow?: number;
  /** STATUS answers before a GIF or video is processed. */
  readonly processingSteps?: number;
  /** False: the app's access tier has no search, and recent search answers 403 client-not-enrolled. */
  readonly searchAllowed?: boolean;
}

export interface FakeTweet {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  readonly mediaIds: readonly string[];
  readonly inReplyTo: string | null;
  readonly createdAt: number;
  likes: number;
  reposts?: number;
  quotes?: number;
}

const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access', 'like.read'];
const WINDOW_MS = 15 * 60_000;

export class XFake {
  readonly apps = new Map<string, { redirectUris: string[] }>();
  readonly users = new Map<string, { username: string; name: string; followers?: number; following?: number }>();
  readonly tweets: FakeTweet[] = [];
  /** The v2 media upload: sessions, processing and alt text. */
  readonly uploads: XFakeMedia;
  signedInUser: string | null = null;
  /** The developer account has no credits left: every paid call answers 402. */
  creditsDepleted = false;
  #codes = new Map<string, { clientId: string; redirectUri: string; user: string; scopes: string[]; challenge: string; used: boolean }>();
  #tokens = new Map<string, { user: string; scopes: string[]; expiresAt: number }>();
  #refresh = new Map<string, { user: string; scopes: string[]; clientId: string }>();
  #windows = new Map<string, { start: number; used: number }>();
  #faults = new Map<string, { status: number; body: unknown; headers?: Record<string, string> }[]>();
  #dropNextTweet = false;
  #server: LoopbackServer | null = null;
  #next = 1_860_000_000_000_000_000n;

  constructor(private readonly options: XFakeOptions = {}) {
    this.uploads = new XFakeMedia(options.processingSteps ?? 2, () => String(this.#next++));
  }

  get media(): ReadonlyMap<string, FakeMedia> {
    return this.uploads.items;
  }

  /** The next media to finish processing fails instead. */
  set failNextProcessing(fail: boolean) {
    this.uploads.failNextProcessing = fail;
  }

  get origin(): string {
    if (!this.#server) throw new Error('The X fake is not started.');
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

  /** A Native App (public client) with OAuth 2.0 and these callback URLs. */
  createApp(redirectUris: string[]): string {
    const clientId = randomBytes(16).toString('base64url');
    this.apps.set(clientId, { redirectUris });
    return clientId;
  }

  createUser(username: string, name = username): string {
    const id = String(this.#next++);
    this.users.set(id, { username, name });
    this.signedInUser ??= id;
    return id;
  }

  failNext(route: string, fault: { status: number; body: unknown; headers?: Record<string, string> }): void {
    this.#faults.set(route, [...(this.#faults.get(route) ?? []), fault]);
  }

  /** The user deleted the post on X: lookups answer resource-not-found for its id. */
  deleteTweet(id: string): void {
    const i = this.tweets.findIndex((t) => t.id === id);
    if (i >= 0) this.tweets.splice(i, 1);
  }

  /** Someone else's reply to a post (it joins the post's conversation). */
  addReply(authorId: string, inReplyTo: string, text: string): string {
    const id = String(this.#next++);
    this.tweets.push({ id, authorId, text, mediaIds: [], inReplyTo, createdAt: this.#now(), likes: 0 });
    return id;
  }

  #conversationOf(t: FakeTweet): string {
    let root = t;
    for (let parent = this.tweets.find((p) => p.id === root.inReplyTo); parent; parent = this.tweets.find((p) => p.id === root.inReplyTo))
      root = parent;
    return root.id;
  }

  dropNextTweet(): void {
    this.#dropNextTweet = true;
  }

  /** An access token with every scope, as if the user had signed in. */
  issueToken(user: string): string {
    return String(
      this.#issue(
        user,
        SCOPES.filter((s) => s !== 'offline.access'),
        '',
      ).access_token,
    );
  }

  /** Makes every access token issued so far run out now. */
  expireAccessTokens(): void {
    for (const t of this.#tokens.values()) t.expiresAt = this.#now() - 1;
  }

  #limitHeaders(key: string, limit: number): Record<string, string> {
    const now = this.#now();
    let w = this.#windows.get(key);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, used: 0 };
      this.#windows.set(key, w);
    }
    return {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, limit - w.used)),
      'x-rate-limit-reset': String(Math.ceil((w.start + WINDOW_MS) / 1000)),
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readBody(req);
    const route = `${req.method} ${url.pathname}`;
    const fault = this.#faults.get(route)?.shift();
    if (fault) return sendJson(res, fault.status, fault.body, fault.headers);
    if (route === 'GET /i/oauth2/authorize') return this.#authorize(url.searchParams, res);
    if (route === 'POST /i/oauth2/authorize') return this.#approve(new URLSearchParams(raw.toString()), res);
    if (route === 'POST /2/oauth2/token') return this.#token(new URLSearchParams(raw.toString()), req, res);
    const token = this.#tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!token || token.expiresAt <= this.#now()) return sendJson(res, 401, problem(401, 'Unauthorized', 'Unauthorized'));
    if (this.creditsDepleted) {
      return sendJson(
        res,
        402,
        problem(
          402,
          'CreditsDepleted',
          'Your enrolled account does not have any credits to fulfill this request.',
          'https://api.twitter.com/2/problems/credits',
        ),
      );
    }
    const need = (scope: string) => {
      if (token.scopes.includes(scope)) return true;
      sendJson(res, 403, problem(403, 'Forbidden', `This request requires the ${scope} scope.`));
      return false;
    };
    const json = () => JSON.parse(raw.toString() || '{}') as Record<string, unknown>;
    if (route === 'GET /2/users/me') {
      const u = this.users.get(token.user);
      const metrics = (url.searchParams.get('user.fields') ?? '').includes('public_metrics')
        ? {
            public_metrics: {
              followers_count: u?.followers ?? 0,
              following_count: u?.following ?? 0,
              tweet_count: this.tweets.filter((t) => t.authorId === token.user).length,
              listed_count: 0,
            },
          }
        : {};
      return sendJson(res, 200, { data: { id: token.user, name: u?.name, username: u?.username, profile_image_url: null, ...metrics } });
    }
    if (route === 'POST /2/tweets') return need('tweet.write') ? this.#createTweet(token.user, json(), req, res) : undefined;
    if (route === 'POST /2/media/upload/initialize')
      return need('media.write') ? reply(res, this.uploads.initialize(token.user, json())) : undefined;
    const m = /^POST \/2\/media\/upload\/([^/]+)\/(append|finalize)$/.exec(route);
    if (m)
      return need('media.write')
        ? reply(res, await this.uploads.step(m[1] as string, m[2] as string, req.headers['content-type'] ?? '', raw))
        : undefined;
    if (route === 'GET /2/media/upload' && url.searchParams.get('command') === 'STATUS')
      return reply(res, this.uploads.status(url.searchParams.get('media_id') ?? ''));
    if (route === 'POST /2/media/metadata') return reply(res, this.uploads.metadata(json()));
    const timeline = /^GET \/2\/users\/([^/]+)\/(tweets|mentions)$/.exec(route);
    if (timeline) return this.#timeline(timeline[1] as string, timeline[2] as string, url.searchParams, res);
    if (route === 'GET /2/tweets') return this.#lookup(url.searchParams, res);
    if (route === 'GET /2/tweets/search/recent') return this.#search(url.searchParams, res);
    sendJson(res, 404, problem(404, 'Not Found Error', `No route for ${route}`, 'https://api.twitter.com/2/problems/resource-not-found'));
  }

  #authorize(q: URLSearchParams, res: ServerResponse) {
    const app = this.apps.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>X</title></head><body>${body}</body></html>`);
    };
    if (!app?.redirectUris.includes(redirectUri))
      return html('<p class="error">Something went wrong. You weren’t able to give access to the App.</p>');
    if (!q.get('code_challenge') || !['S256', 'plain'].includes(q.get('code_challenge_method') ?? '')) {
      return html('<p class="error">Something went wrong. The code challenge is missing.</p>');
    }
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.some((s) => !SCOPES.includes(s))) return html('<p class="error">Something went wrong. Invalid scope.</p>');
    if (this.options.authorizeForm) {
      const hidden = [...q.entries()].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, '&quot;')}">`).join('');
      return html(
        `<h1>Kairos wants to access your X account</h1><form method="post" action="/i/oauth2/authorize">${hidden}<button name="decision" value="allow">Authorize app</button><button name="decision" value="deny">Cancel</button></form>`,
      );
    }
    this.#approve(new URLSearchParams([...q.entries(), ['decision', 'allow']]), res);
  }

  #approve(q: URLSearchParams, res: ServerResponse) {
    const to = new URL(q.get('redirect_uri') ?? '');
    to.searchParams.set('state', q.get('state') ?? '');
    const user = this.signedInUser;
    if (q.get('decision') !== 'allow' || !user) to.searchParams.set('error', 'access_denied');
    else {
      const code = randomBytes(24).toString('base64url');
      const challenge =
        q.get('code_challenge_method') === 'plain'
          ? createHash('sha256')
              .update(q.get('code_challenge') ?? '')
              .digest('base64url')
          : (q.get('code_challenge') ?? '');
      this.#codes.set(code, {
        clientId: q.get('client_id') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        user,
        scopes: (q.get('scope') ?? '').split(' '),
        challenge,
        used: false,
      });
      to.searchParams.set('code', code);
    }
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  #issue(user: string, scopes: string[], clientId: string): Record<string, unknown> {
    const access = randomBytes(30).toString('base64url');
    this.#tokens.set(access, { user, scopes, expiresAt: this.#now() + 7_200_000 });
    const reply: Record<string, unknown> = { token_type: 'bearer', expires_in: 7200, access_token: access, scope: scopes.join(' ') };
    if (scopes.includes('offline.access')) {
      const refresh = randomBytes(30).toString('base64url');
      this.#refresh.set(refresh, { user, scopes, clientId });
      reply.refresh_token = refresh;
    }
    return reply;
  }

  #token(form: URLSearchParams, req: IncomingMessage, res: ServerResponse) {
    const clientId = form.get('client_id') ?? '';
    if (!this.apps.has(clientId) || req.headers.authorization) {
      return sendJson(res, 401, { error: 'unauthorized_client', error_description: 'Missing valid authorization header' });
    }
    if (form.get('grant_type') === 'refresh_token') {
      const r = this.#refresh.get(form.get('refresh_token') ?? '');
      if (!r || r.clientId !== clientId)
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });
      // Rotation: the refresh token is single-use.
      this.#refresh.delete(form.get('refresh_token') ?? '');
      return sendJson(res, 200, this.#issue(r.user, r.scopes, clientId));
    }
    const c = this.#codes.get(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    if (
      !c ||
      c.used ||
      c.clientId !== clientId ||
      c.redirectUri !== form.get('redirect_uri') ||
      createHash('sha256').update(verifier).digest('base64url') !== c.challenge
    ) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' });
    }
    c.used = true;
    sendJson(res, 200, this.#issue(c.user, c.scopes, clientId));
  }

  #createTweet(user: string, b: Record<string, unknown>, req: IncomingMessage, res: ServerResponse) {
    const limit = this.options.postsPerWindow ?? 100;
    const headers = this.#limitHeaders(`tweets:${user}`, limit);
    const w = this.#windows.get(`tweets:${user}`);
    if (w && w.used >= limit) return sendJson(res, 429, problem(429, 'Too Many Requests', 'Too Many Requests'), headers);
    const text = typeof b.text === 'string' ? b.text : '';
    const mediaIds = ((b.media as { media_ids?: string[] } | undefined)?.media_ids ?? []).map(String);
    const invalid = (message: string) =>
      sendJson(
        res,
        400,
        {
          errors: [{ message }],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
        headers,
      );
    if (!text && mediaIds.length === 0) return invalid('Your Tweet text is empty.');
    if (!twitterText.parseTweet(text).valid && text) return invalid('Your Tweet text is too long.');
    for (const id of mediaIds) {
      const m = this.uploads.items.get(id);
      if (!m || m.owner !== user || m.state !== 'succeeded') return invalid('Your media IDs are invalid.');
    }
    const replyTo = (b.reply as { in_reply_to_tweet_id?: string } | undefined)?.in_reply_to_tweet_id ?? null;
    if (replyTo && !this.tweets.some((t) => t.id === replyTo)) return invalid('The Tweet you are replying to is not visible or deleted.');
    if (this.tweets.some((t) => t.authorId === user && t.text === text && text !== '')) {
      return sendJson(res, 403, problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'), headers);
    }
    if (w) w.used++;
    const id = String(this.#next++);
    this.tweets.push({ id, authorId: user, text, mediaIds, inReplyTo: replyTo, createdAt: this.#now(), likes: 0 });
    if (this.#dropNextTweet) {
      this.#dropNextTweet = false;
      req.socket.destroy();
      return;
    }
    sendJson(res, 201, { data: { id, text, edit_history_tweet_ids: [id] } }, this.#limitHeaders(`tweets:${user}`, limit));
  }

  #view(t: FakeTweet, fields: string): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: t.id,
      text: t.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      edit_history_tweet_ids: [t.id],
    };
    if (fields.includes('created_at')) out.created_at = new Date(t.createdAt).toISOString();
    if (fields.includes('author_id')) out.author_id = t.authorId;
    if (fields.includes('lang')) out.lang = 'en';
    if (fields.includes('conversation_id')) out.conversation_id = this.#conversationOf(t);
    if (fields.includes('referenced_tweets') && t.inReplyTo) out.referenced_tweets = [{ type: 'replied_to', id: t.inReplyTo }];
    if (fields.includes('public_metrics'))
      out.public_metrics = {
        like_count: t.likes,
        retweet_count: t.reposts ?? 0,
        reply_count: this.tweets.filter((r) => r.inReplyTo === t.id).length,
        quote_count: t.quotes ?? 0,
      };
    return out;
  }

  #page(list: FakeTweet[], q: URLSearchParams, res: ServerResponse) {
    const max = Number(q.get('max_results') ?? 10);
    if (max < 5 || max > 100)
      return sendJson(res, 400, problem(400, 'Invalid Request', 'The `max_results` query parameter value is not between 5 and 100'));
    const fields = q.get('tweet.fields') ?? '';
    const data = list.slice(0, max).map((t) => this.#view(t, fields));
    const users = [...new Set(list.slice(0, max).map((t) => t.authorId))].map((id) => ({ id, username: this.users.get(id)?.username }));
    sendJson(res, 200, { ...(data.length ? { data } : {}), includes: { users }, meta: { result_count: data.length } });
  }

  #timeline(userId: string, kind: string, q: URLSearchParams, res: ServerResponse) {
    const username = this.users.get(userId)?.username ?? '';
    const list = [...this.tweets]
      .reverse()
      .filter((t) => (kind === 'tweets' ? t.authorId === userId : t.text.includes(`@${username}`) && t.authorId !== userId));
    this.#page(list, q, res);
  }

  #lookup(q: URLSearchParams, res: ServerResponse) {
    const ids = (q.get('ids') ?? '').split(',').filter(Boolean);
    const headers = this.#limitHeaders('lookup', 900);
    if (ids.length === 0 || ids.length > 100) {
      const detail =
        ids.length === 0
          ? 'The `ids` query parameter can not be empty'
          : `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`;
      return sendJson(
        res,
        400,
        {
          errors: [{ parameters: { ids: [q.get('ids') ?? ''] }, message: detail }],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
        headers,
      );
    }
    const fields = q.get('tweet.fields') ?? '';
    const found = this.tweets.filter((t) => ids.includes(t.id));
    // Ids X no longer has come back as partial errors beside the posts it has, with 200.
    const missing = ids.filter((id) => !found.some((t) => t.id === id));
    const errors = missing.map((id) => ({
      value: id,
      detail: `Could not find tweet with ids: [${id}].`,
      title: 'Not Found Error',
      resource_type: 'tweet',
      parameter: 'ids',
      resource_id: id,
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    }));
    sendJson(
      res,
      200,
      { ...(found.length ? { data: found.map((t) => this.#view(t, fields)) } : {}), ...(errors.length ? { errors } : {}) },
      headers,
    );
  }

  #search(q: URLSearchParams, res: ServerResponse) {
    if (this.options.searchAllowed === false) {
      return sendJson(res, 403, {
        client_id: 'kairos',
        detail:
          'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
        registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
        title: 'Client Forbidden',
        required_enrollment: 'Appropriate Level of API Access',
        reason: 'client-not-enrolled',
        type: 'https://api.twitter.com/2/problems/client-forbidden',
      });
    }
    let query = q.get('query') ?? '';
    // The operators Kairos uses: conversation_id:, is:reply, -is:retweet, -from:.
    const conversation = /conversation_id:(\d+)/.exec(query)?.[1];
    const notFrom = /-from:(\S+)/.exec(query)?.[1];
    const onlyReplies = /\bis:reply\b/.test(query);
    query = query
      .replace(/conversation_id:\d+|-from:\S+|-is:retweet|\bis:reply\b/g, '')
      .trim()
      .toLowerCase();
    const excluded = [...this.users].find(([id, u]) => u.username === notFrom || id === notFrom)?.[0];
    this.#page(
      [...this.tweets]
        .reverse()
        .filter(
          (t) =>
            t.text.toLowerCase().includes(query) &&
            (conversation === undefined || (this.#conversationOf(t) === conversation && t.id !== conversation)) &&
            (!onlyReplies || t.inReplyTo !== null) &&
            t.authorId !== excluded,
        ),
      q,
      res,
    );
  }
}
