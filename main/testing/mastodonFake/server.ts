// A Mastodon server on 127.0.0.1 written from the official API documentation, with fault injection for tests.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSON_UTF8, type LoopbackServer, loopbackOrigin, readBody, sendJson, startLoopbackServer } from '../loopbackServer';
import type { FakeCore, FakeSettings, IdempotencyRecord } from './core';
import { handleInstance } from './instanceRoutes';
import { handleMedia } from './mediaRoutes';
import { handleOAuth } from './oauthRoutes';
import { errorReply, type FakeReply, type FakeRequest, Params } from './protocol';
import { handleScheduled } from './scheduledRoutes';
import { handleSignals } from './signalRoutes';
import {
  DEFAULT_FAKE_LIMITS,
  type FakeApp,
  type FakeAuthCode,
  type FakeLimits,
  type FakeMedia,
  type FakeNotification,
  type FakeScheduled,
  type FakeStatus,
  type FakeToken,
  type FakeTrendLink,
  type FakeTrendTag,
  type FakeUser,
} from './state';
import { handleStatuses, publishDueScheduled, publishStatus } from './statusRoutes';

export type FaultRoute =
  | 'create_status'
  | 'upload_media'
  | 'get_media'
  | 'scheduled'
  | 'verify_credentials'
  | 'token'
  | 'instance'
  | 'read'
  | 'any';

export type MastodonFault =
  /** Lets one request through untouched (to fail a later one in a sequence). */
  | { readonly kind: 'pass' }
  | { readonly kind: 'rate_limit'; readonly resetInSeconds: number; readonly resetForm?: 'iso' | 'epoch' }
  | { readonly kind: 'server_error'; readonly status: number }
  /** The server does the work, then the connection drops before the reply. */
  | { readonly kind: 'commit_then_drop' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'unprocessable'; readonly message: string }
  /** The upload succeeds but the server later fails to process it. */
  | { readonly kind: 'processing_error' }
  | { readonly kind: 'hang' }
  /**
   * The request reaches the server only when `until` settles (a slow link, or a laptop that slept mid-request):
   * it is then handled with the server's clock as it is at that moment.
   */
  | { readonly kind: 'delay'; readonly until: Promise<void> };

export interface MastodonFakeOptions extends Partial<Omit<FakeSettings, 'limits'>> {
  /** The server's clock; share the backend's FakeClock so the 5-minute rule and rate-limit resets line up. */
  readonly now?: () => number;
  readonly limits?: Partial<FakeLimits>;
}

function routeOf(method: string, path: string): FaultRoute {
  if (method === 'POST' && path === '/api/v1/statuses') return 'create_status';
  if (method === 'POST' && (path === '/api/v2/media' || path === '/api/v1/media')) return 'upload_media';
  if (method === 'GET' && path.startsWith('/api/v1/media/')) return 'get_media';
  if (path.startsWith('/api/v1/scheduled_statuses')) return 'scheduled';
  if (path === '/api/v1/accounts/verify_credentials') return 'verify_credentials';
  if (path === '/oauth/token') return 'token';
  if (path === '/api/v2/instance' || path === '/api/v1/instance') return 'instance';
  return 'read';
}

export class MastodonFake implements FakeCore {
  readonly settings: FakeSettings;
  readonly users = new Map<string, FakeUser>();
  readonly apps = new Map<string, FakeApp>();
  readonly tokens = new Map<string, FakeToken>();
  readonly codes = new Map<string, FakeAuthCode>();
  readonly statuses: FakeStatus[] = [];
  readonly mediaById = new Map<string, FakeMedia>();
  readonly scheduled = new Map<string, FakeScheduled>();
  readonly notifications: FakeNotification[] = [];
  readonly idempotency = new Map<string, IdempotencyRecord>();
  readonly trendTags: FakeTrendTag[] = [];
  readonly trendLinks: FakeTrendLink[] = [];
  readonly trendStatusIds: string[] = [];
  signedInUserId: string | null = null;
  denyNextAuthorization = false;
  /** Every request received, for assertions: method, path and the Idempotency-Key if any. */
  readonly log: { method: string; path: string; idempotencyKey: string | null; authorized: boolean }[] = [];
  readonly #faults = new Map<FaultRoute, MastodonFault[]>();
  readonly #rate = new Map<string, { windowStart: number; used: number }>();
  readonly #followers = new Map<string, number>();
  readonly #clock: () => number;
  #scheduledSeq = 3000;
  #server: LoopbackServer | null = null;

  constructor(options: MastodonFakeOptions = {}) {
    this.#clock = options.now ?? Date.now;
    this.settings = {
      software: options.software ?? { name: 'mastodon', version: '4.3.2' },
      title: options.title ?? 'Fake Mastodon',
      limits: { ...DEFAULT_FAKE_LIMITS, ...options.limits },
      pkce: options.pkce ?? true,
      instanceV2: options.instanceV2 ?? true,
      nodeInfo: options.nodeInfo ?? true,
      ignoresScheduledAt: options.ignoresScheduledAt ?? false,
      authorizeForm: options.authorizeForm ?? false,
      videoProcessingPolls: options.videoProcessingPolls ?? 2,
      scheduledTotalLimit: options.scheduledTotalLimit ?? 300,
      scheduledDailyLimit: options.scheduledDailyLimit ?? 25,
      rateLimit: options.rateLimit ?? 300,
      rateLimitWindowMs: options.rateLimitWindowMs ?? 5 * 60_000,
    };
  }

  async start(): Promise<this> {
    this.#server = await startLoopbackServer((req, res) => this.#handle(req, res));
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }

  get origin(): string {
    return this.#server?.origin ?? loopbackOrigin(0);
  }

  /** LOCAL_DOMAIN: what handles end with (@alice@domain). */
  get domain(): string {
    return `127.0.0.1:${this.#server?.port ?? 0}`;
  }

  now(): number {
    return this.#clock();
  }

  nextScheduledId(): string {
    this.#scheduledSeq += 1;
    return String(this.#scheduledSeq);
  }

  randomSecret(): string {
    return randomBytes(24).toString('base64url');
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id);
  }

  media(id: string): FakeMedia | undefined {
    return this.mediaById.get(id);
  }

  statusCount(userId: string): number {
    return this.statuses.filter((s) => s.userId === userId && !s.deleted).length;
  }

  runDueScheduled(): void {
    publishDueScheduled(this);
  }

  // ── Test controls ────────────────────────────────────────────────────────

  createUser(username: string, displayName = username): FakeUser {
    const id = String(100 + this.users.size);
    const u = { id, username, displayName, avatar: `${this.origin}/avatars/${username}.png`, createdAt: this.now() };
    this.users.set(id, u);
    return u;
  }

  /** The user the authorize page acts for, as if they were logged in in the browser. */
  signIn(userId: string | null): void {
    this.signedInUserId = userId;
  }

  /** A personal access token, as made on the server's Development settings page. */
  issueToken(userId: string, scopes: readonly string[] = ['read', 'write']): string {
    const token = this.randomSecret();
    this.tokens.set(token, { token, userId, appId: null, scopes, revoked: false });
    return token;
  }

  revokeTokensOf(userId: string): void {
    for (const t of this.tokens.values()) if (t.userId === userId) t.revoked = true;
  }

  failNext(route: FaultRoute, ...faults: MastodonFault[]): void {
    this.#faults.set(route, [...(this.#faults.get(route) ?? []), ...faults]);
  }

  statusesOf(userId: string): FakeStatus[] {
    // The server's job publishes scheduled statuses at their time whether or not anyone asks.
    this.runDueScheduled();
    return this.statuses.filter((s) => s.userId === userId && !s.deleted);
  }

  scheduledOf(userId: string): FakeScheduled[] {
    this.runDueScheduled();
    return [...this.scheduled.values()].filter((s) => s.userId === userId);
  }

  /** A status by someone else, e.g. a mention of our account or a post with a hashtag. */
  postAs(userId: string, text: string, visibility = 'public'): FakeStatus {
    return publishStatus(
      this,
      userId,
      { text, spoilerText: '', visibility, language: 'en', sensitive: false, inReplyToId: null, mediaIds: [], poll: null },
      { applicationName: 'Web', scheduledFrom: null },
    );
  }

  /** Adds a trending tag; `dailyUses` is oldest day first, ending today. */
  addTrendingTag(name: string, dailyUses: readonly number[]): void {
    const today = Math.floor(this.now() / 86_400_000) * 86_400_000;
    const history = dailyUses
      .map((uses, i) => ({ day: today - (dailyUses.length - 1 - i) * 86_400_000, uses, accounts: Math.ceil(uses / 2) }))
      .reverse();
    this.trendTags.push({ name, history });
  }

  addTrendingLink(url: string, title: string, dailyUses: readonly number[] = [1, 2, 3]): void {
    const today = Math.floor(this.now() / 86_400_000) * 86_400_000;
    const history = dailyUses.map((uses, i) => ({ day: today - (dailyUses.length - 1 - i) * 86_400_000, uses, accounts: uses })).reverse();
    this.trendLinks.push({ url, title, description: '', history });
  }

  addTrendingStatus(statusId: string): void {
    this.trendStatusIds.push(statusId);
  }

  /** Simulates people reacting to a status. */
  react(statusId: string, counts: { favourites?: number; reblogs?: number; replies?: number; quotes?: number }): void {
    const s = this.statuses.find((x) => x.id === statusId);
    if (!s) throw new Error(`No status ${statusId}`);
    s.favourites += counts.favourites ?? 0;
    s.reblogs += counts.reblogs ?? 0;
    s.replies += counts.replies ?? 0;
    s.quotes += counts.quotes ?? 0;
  }

  /** Someone else replies to a status (its replies_count goes up, as on the server). */
  replyAs(userId: string, statusId: string, text: string, language = 'en'): FakeStatus {
    return publishStatus(
      this,
      userId,
      { text, spoilerText: '', visibility: 'public', language, sensitive: false, inReplyToId: statusId, mediaIds: [], poll: null },
      { applicationName: 'Web', scheduledFrom: null },
    );
  }

  /** Deletes a status as its author would on the server. */
  deleteStatus(statusId: string): void {
    const s = this.statuses.find((x) => x.id === statusId);
    if (!s) throw new Error(`No status ${statusId}`);
    s.deleted = true;
  }

  setFollowers(userId: string, followers: number): void {
    this.#followers.set(userId, followers);
  }

  followersOf(userId: string): number {
    return this.#followers.get(userId) ?? 12;
  }

  authorOf(statusId: string): string | null {
    return this.statuses.find((s) => s.id === statusId)?.userId ?? null;
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────

  #takeFault(route: FaultRoute): MastodonFault | undefined {
    for (const key of [route, 'any'] as const) {
      const list = this.#faults.get(key);
      if (list?.length) return list.shift();
    }
    return undefined;
  }

  #rateHeaders(key: string): { headers: Record<string, string>; exceeded: boolean } {
    const now = this.now();
    let w = this.#rate.get(key);
    if (!w || now >= w.windowStart + this.settings.rateLimitWindowMs) {
      w = { windowStart: now, used: 0 };
      this.#rate.set(key, w);
    }
    w.used++;
    const reset = new Date(w.windowStart + this.settings.rateLimitWindowMs).toISOString();
    return {
      headers: {
        'x-ratelimit-limit': String(this.settings.rateLimit),
        'x-ratelimit-remaining': String(Math.max(0, this.settings.rateLimit - w.used)),
        'x-ratelimit-reset': reset,
      },
      exceeded: w.used > this.settings.rateLimit,
    };
  }

  async #parse(req: IncomingMessage, raw: Buffer): Promise<Params> {
    const type = String(req.headers['content-type'] ?? '');
    if (type.startsWith('application/json')) {
      try {
        return new Params(JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>, null);
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
        return new Params({}, null);
      }
    }
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
      return new Params(null, form);
    }
    return new Params(null, new URLSearchParams(raw.toString('utf8')));
  }

  #send(res: ServerResponse, reply: FakeReply, extra: Record<string, string>): void {
    const headers: Record<string, string> = { date: new Date(this.now()).toUTCString(), ...extra, ...reply.headers };
    if (reply.html !== undefined) {
      res.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(reply.html);
      return;
    }
    if (reply.json === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    sendJson(res, reply.status, reply.json, { ...JSON_UTF8, ...headers });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/$/, '') || '/';
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? null;
    const token = auth ? this.tokens.get(auth) : undefined;
    const key = req.headers['idempotency-key'];
    this.log.push({ method, path, idempotencyKey: typeof key === 'string' ? key : null, authorized: auth !== null });
    this.runDueScheduled();
    const route = routeOf(method, path);
    const isApi = path.startsWith('/api/');
    const rate = isApi ? this.#rateHeaders(token?.userId ?? 'anonymous') : { headers: {}, exceeded: false };
    const fault = this.#takeFault(route);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'delay') {
      await fault.until;
      this.runDueScheduled();
    }
    if (fault?.kind === 'rate_limit' || rate.exceeded) {
      const seconds = fault?.kind === 'rate_limit' ? fault.resetInSeconds : this.settings.rateLimitWindowMs / 1000;
      const at = this.now() + seconds * 1000;
      const reset = fault?.kind === 'rate_limit' && fault.resetForm === 'epoch' ? String(Math.ceil(at / 1000)) : new Date(at).toISOString();
      this.#send(res, errorReply(429, 'Too many requests'), { ...rate.headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
      return;
    }
    if (fault?.kind === 'server_error') {
      this.#send(
        res,
        { status: fault.status, html: '<html><body><h1>We are sorry, but something went wrong on our end.</h1></body></html>' },
        {},
      );
      return;
    }
    if (fault?.kind === 'unauthorized') {
      this.#send(res, errorReply(401, 'The access token is invalid'), rate.headers);
      return;
    }
    if (fault?.kind === 'unprocessable') {
      this.#send(res, errorReply(422, fault.message), rate.headers);
      return;
    }
    if (auth !== null && (!token || token.revoked) && path !== '/oauth/revoke') {
      this.#send(res, errorReply(401, 'The access token is invalid'), rate.headers);
      return;
    }
    const params = await this.#parse(req, raw);
    const request: FakeRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      params,
      token: token ?? null,
      presentedToken: auth !== null,
    };
    const reply = handleOAuth(this, request) ??
      handleInstance(this, request) ??
      handleStatuses(this, request) ??
      (await handleMedia(this, request, () => fault?.kind === 'processing_error')) ??
      handleScheduled(this, request) ??
      handleSignals(this, request) ?? { status: 404, html: "<html><body><h1>The page you are looking for isn't here.</h1></body></html>" };
    if (fault?.kind === 'commit_then_drop') {
      req.socket.destroy();
      return;
    }
    this.#send(res, reply, rate.headers);
  }
}
