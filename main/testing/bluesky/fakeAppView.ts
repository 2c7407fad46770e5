// An AppView on 127.0.0.1 for the app.bsky.* reads a PDS does not serve, written from their lexicons.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonObject } from '../../core/parse';
import { JSON_UTF8, type LoopbackServer, loopbackOrigin, sendJson, startLoopbackServer } from '../loopbackServer';

export interface FakeAuthor {
  readonly did: string;
  readonly handle: string;
}

export interface FakePost {
  readonly uri: string;
  readonly cid: string;
  readonly author: FakeAuthor;
  readonly text: string;
  readonly createdAt: string;
  readonly tags?: readonly string[];
  likeCount?: number;
  repostCount?: number;
  replyCount?: number;
  quoteCount?: number;
  /** The post this one replies to (its parent's AT URI). */
  readonly replyTo?: string;
  readonly langs?: readonly string[];
}

/** app.bsky.actor.defs#profileViewDetailed counters. */
export interface FakeProfile {
  followersCount: number;
  followsCount: number;
  postsCount: number;
}

export interface FakeNotification {
  readonly uri: string;
  readonly reason: 'like' | 'repost' | 'follow' | 'mention' | 'reply' | 'quote';
  readonly author: FakeAuthor;
  readonly text: string;
  readonly createdAt: string;
}

/** app.bsky.unspecced.defs#trendView */
export interface FakeTrend {
  readonly topic: string;
  readonly displayName: string;
  readonly link: string;
  readonly startedAt: string;
  readonly postCount: number;
  readonly status?: 'hot';
  readonly category?: string;
}

/** app.bsky.unspecced.defs#trendingTopic */
export interface FakeTopic {
  readonly topic: string;
  readonly displayName?: string;
  readonly link: string;
}

/** What the caller's service-auth token said: who asked, for which method, addressed to whom. */
export interface SeenCall {
  readonly nsid: string;
  readonly query: URLSearchParams;
  readonly iss: string | null;
  readonly aud: string | null;
  readonly lxm: string | null;
}

function claims(req: IncomingMessage): { iss: string | null; aud: string | null; lxm: string | null } {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return { iss: null, aud: null, lxm: null };
  const p = parseJsonObject(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!p) return { iss: null, aud: null, lxm: null };
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return { iss: str(p.iss), aud: str(p.aud), lxm: str(p.lxm) };
}

export class FakeAppView {
  readonly did = 'did:web:appview.kairos.test';
  readonly posts: FakePost[] = [];
  readonly notifications: FakeNotification[] = [];
  trends: FakeTrend[] = [];
  topics: FakeTopic[] = [];
  readonly calls: SeenCall[] = [];
  readonly profiles = new Map<string, FakeProfile>();
  /** Server errors to answer, per method, before answering normally again. */
  readonly #failures = new Map<string, number[]>();
  /** Methods answered as not implemented, as an older or smaller AppView would. */
  readonly missing = new Set<string>();
  readonly #rateLimited = new Map<string, { readonly reset: number; readonly retryAfter?: number }>();
  #server: LoopbackServer | null = null;

  async start(): Promise<this> {
    this.#server = await startLoopbackServer((req, res) => this.#handle(req, res));
    return this;
  }

  get url(): string {
    return this.#server?.origin ?? loopbackOrigin(0);
  }

  /**
   * The next call of `nsid` is refused with 429 and RateLimit-* headers saying when the window resets, plus
   * Retry-After when given (a PDS forwards only that one of them to the client).
   */
  rateLimitNext(nsid: string, resetAtEpochSeconds: number, retryAfterSeconds?: number): void {
    this.#rateLimited.set(nsid, {
      reset: resetAtEpochSeconds,
      ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}),
    });
  }

  /** The next calls of `nsid` fail with these statuses (an AppView that is down), then it answers again. */
  failNext(nsid: string, ...statuses: number[]): void {
    this.#failures.set(nsid, [...(this.#failures.get(nsid) ?? []), ...statuses]);
  }

  clearFailures(): void {
    this.#failures.clear();
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    sendJson(res, status, body, { ...JSON_UTF8, ...headers });
  }

  #postView(p: FakePost) {
    return {
      uri: p.uri,
      cid: p.cid,
      author: { did: p.author.did, handle: p.author.handle },
      record: {
        $type: 'app.bsky.feed.post',
        text: p.text,
        createdAt: p.createdAt,
        ...(p.tags ? { tags: p.tags } : {}),
        ...(p.langs ? { langs: p.langs } : {}),
        ...(p.replyTo ? { reply: { root: { uri: p.replyTo, cid: 'bafyparent' }, parent: { uri: p.replyTo, cid: 'bafyparent' } } } : {}),
      },
      indexedAt: p.createdAt,
      likeCount: p.likeCount ?? 0,
      repostCount: p.repostCount ?? 0,
      replyCount: p.replyCount ?? 0,
      quoteCount: p.quoteCount ?? 0,
      labels: [],
    };
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    this.calls.push({ nsid, query: url.searchParams, ...claims(req) });
    const limited = this.#rateLimited.get(nsid);
    if (limited !== undefined) {
      this.#rateLimited.delete(nsid);
      this.#send(
        res,
        429,
        { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
        {
          'RateLimit-Limit': '3000',
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(limited.reset),
          'RateLimit-Policy': '3000;w=300',
          ...(limited.retryAfter !== undefined ? { 'Retry-After': String(limited.retryAfter) } : {}),
        },
      );
      return;
    }
    const failure = this.#failures.get(nsid)?.shift();
    if (failure !== undefined) {
      this.#send(res, failure, { error: 'InternalServerError', message: 'Internal Server Error' });
      return;
    }
    if (this.missing.has(nsid)) {
      this.#send(res, 501, { error: 'MethodNotImplemented', message: 'Method Not Implemented' });
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? 25);
    switch (nsid) {
      case 'app.bsky.unspecced.getTrends':
        this.#send(res, 200, { trends: this.trends.slice(0, limit).map((t) => ({ ...t, actors: [] })) });
        return;
      case 'app.bsky.unspecced.getTrendingTopics':
        this.#send(res, 200, { topics: this.topics.slice(0, limit), suggested: [] });
        return;
      case 'app.bsky.feed.searchPosts': {
        const q = url.searchParams.get('q');
        if (!q) {
          this.#send(res, 400, { error: 'InvalidRequest', message: 'Error: Params must have the property "q"' });
          return;
        }
        const needle = q.toLowerCase();
        const tag = needle.startsWith('#') ? needle.slice(1) : null;
        const hits = this.posts
          .filter((p) =>
            tag
              ? (p.tags ?? []).some((t) => t.toLowerCase() === tag) || p.text.toLowerCase().includes(needle)
              : p.text.toLowerCase().includes(needle),
          )
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .slice(0, limit);
        this.#send(res, 200, { hitsTotal: hits.length, posts: hits.map((p) => this.#postView(p)) });
        return;
      }
      case 'app.bsky.notification.listNotifications': {
        const reasons = url.searchParams.getAll('reasons');
        const list = this.notifications
          .filter((n) => reasons.length === 0 || reasons.includes(n.reason))
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .slice(0, limit)
          .map((n) => ({
            uri: n.uri,
            cid: 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
            author: { did: n.author.did, handle: n.author.handle },
            reason: n.reason,
            record: { $type: 'app.bsky.feed.post', text: n.text, createdAt: n.createdAt },
            isRead: false,
            indexedAt: n.createdAt,
          }));
        this.#send(res, 200, { notifications: list });
        return;
      }
      case 'app.bsky.feed.getPosts': {
        const uris = url.searchParams.getAll('uris');
        if (uris.length > 25) {
          this.#send(res, 400, { error: 'InvalidRequest', message: 'Error: uris must not have more than 25 elements' });
          return;
        }
        this.#send(res, 200, { posts: this.posts.filter((p) => uris.includes(p.uri)).map((p) => this.#postView(p)) });
        return;
      }
      case 'app.bsky.feed.getPostThread': {
        const uri = url.searchParams.get('uri') ?? '';
        const root = this.posts.find((p) => p.uri === uri);
        if (!root) {
          this.#send(res, 400, { error: 'NotFound', message: `Post not found: ${uri}` });
          return;
        }
        const depth = Number(url.searchParams.get('depth') ?? 6);
        const thread = (p: FakePost, level: number): unknown => ({
          $type: 'app.bsky.feed.defs#threadViewPost',
          post: this.#postView(p),
          replies: level >= depth ? [] : this.posts.filter((r) => r.replyTo === p.uri).map((r) => thread(r, level + 1)),
        });
        this.#send(res, 200, { thread: thread(root, 0) });
        return;
      }
      case 'app.bsky.actor.getProfile': {
        const actor = url.searchParams.get('actor') ?? '';
        const profile = this.profiles.get(actor);
        if (!profile) {
          this.#send(res, 400, { error: 'InvalidRequest', message: 'Profile not found' });
          return;
        }
        this.#send(res, 200, { did: actor, handle: `${actor.slice(-6)}.test`, ...profile });
        return;
      }
      default:
        this.#send(res, 501, { error: 'MethodNotImplemented', message: 'Method Not Implemented' });
    }
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }
}
