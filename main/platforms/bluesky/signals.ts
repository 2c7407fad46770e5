// The reading side of Bluesky: trending topics, recent posts for terms, mentions, and numbers for our posts.

import type { SignalPost, TrendItem } from '../../../shared/signals';
import type { PublishedRef, RemoteMetrics, SignalQuery } from '../../core/platforms/types';
import { rkeyOf } from './recordKey';
import { postWebUrl } from './records';
import type { AccountSession } from './session';
import { failureOf, isNotImplemented } from './xrpc';

const WEB = 'https://bsky.app';

interface PostView {
  readonly uri?: string;
  readonly author?: { readonly did?: string; readonly handle?: string };
  readonly record?: { readonly text?: unknown; readonly createdAt?: unknown };
  readonly indexedAt?: string;
  readonly likeCount?: number;
  readonly repostCount?: number;
  readonly replyCount?: number;
  readonly quoteCount?: number;
}

function webLink(path: string | undefined): string | null {
  if (!path) return null;
  if (/^https?:\/\//.test(path)) return path;
  return path.startsWith('/') ? `${WEB}${path}` : null;
}

function timeOf(...candidates: unknown[]): number {
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const t = Date.parse(c);
    if (!Number.isNaN(t)) return t;
  }
  return 0;
}

function signalPostOf(view: PostView, accountId: string, extra: Partial<SignalPost> = {}): SignalPost | null {
  if (typeof view.uri !== 'string') return null;
  const handle = view.author?.handle ?? view.author?.did ?? 'unknown';
  return {
    platform: 'bluesky',
    accountId,
    id: view.uri,
    url: postWebUrl(handle, rkeyOf(view.uri)),
    author: `@${handle}`,
    text: typeof view.record?.text === 'string' ? view.record.text : '',
    createdAt: timeOf(view.record?.createdAt, view.indexedAt),
    ...extra,
  };
}

/**
 * Trends from app.bsky.unspecced.getTrends (with post counts), else getTrendingTopics. Both are
 * "unspecced": a server without them gives an empty list, not an error.
 */
export async function fetchTrends(session: AccountSession, accountId: string): Promise<TrendItem[]> {
  const trends = await session.call({ nsid: 'app.bsky.unspecced.getTrends', params: { limit: 25 }, timeoutMs: 15_000 });
  if (trends.status === 200) {
    const list = (trends.body as { trends?: unknown } | null)?.trends;
    return (Array.isArray(list) ? list : []).flatMap(
      (t: { topic?: unknown; displayName?: unknown; link?: unknown; postCount?: unknown }) =>
        typeof t.displayName === 'string' || typeof t.topic === 'string'
          ? [
              {
                platform: 'bluesky' as const,
                accountId,
                name: String(t.displayName ?? t.topic),
                kind: 'topic' as const,
                url: webLink(typeof t.link === 'string' ? t.link : undefined),
                history: [],
                volume: typeof t.postCount === 'number' ? t.postCount : null,
              },
            ]
          : [],
    );
  }
  if (!isNotImplemented(trends)) throw failureOf(trends, Date.now(), 'trending topics');
  const topics = await session.call({ nsid: 'app.bsky.unspecced.getTrendingTopics', params: { limit: 25 }, timeoutMs: 15_000 });
  if (topics.status !== 200) {
    if (isNotImplemented(topics)) return [];
    throw failureOf(topics, Date.now(), 'trending topics');
  }
  const list = (topics.body as { topics?: unknown } | null)?.topics;
  return (Array.isArray(list) ? list : []).flatMap((t: { topic?: unknown; displayName?: unknown; link?: unknown }) =>
    typeof t.topic === 'string'
      ? [
          {
            platform: 'bluesky' as const,
            accountId,
            name: typeof t.displayName === 'string' ? t.displayName : t.topic,
            kind: 'topic' as const,
            url: webLink(typeof t.link === 'string' ? t.link : undefined),
            history: [],
            volume: null,
          },
        ]
      : [],
  );
}

/** Latest posts for each term: hashtags are searched as tags, other terms as words. */
export async function searchRecent(session: AccountSession, accountId: string, query: SignalQuery): Promise<SignalPost[]> {
  const out: SignalPost[] = [];
  const seen = new Set<string>();
  for (const raw of query.terms) {
    const term = raw.trim();
    if (!term) continue;
    const tag = term.startsWith('#') ? term.slice(1) : null;
    const reply = await session.call({
      nsid: 'app.bsky.feed.searchPosts',
      params: { q: tag ? `#${tag}` : term, sort: 'latest', limit: Math.min(100, Math.max(1, query.limit ?? 25)) },
      timeoutMs: 15_000,
    });
    if (reply.status !== 200) {
      if (isNotImplemented(reply)) return out;
      throw failureOf(reply, Date.now(), 'post search');
    }
    const posts = (reply.body as { posts?: unknown } | null)?.posts;
    for (const view of Array.isArray(posts) ? (posts as PostView[]) : []) {
      const p = signalPostOf(view, accountId, { term: tag ?? term });
      if (p && !seen.has(`${p.id}|${p.term}`)) {
        seen.add(`${p.id}|${p.term}`);
        out.push(p);
      }
    }
  }
  return out;
}

interface Notification {
  readonly uri?: string;
  readonly reason?: string;
  readonly author?: { readonly did?: string; readonly handle?: string };
  readonly record?: { readonly text?: unknown; readonly createdAt?: unknown };
  readonly indexedAt?: string;
}

/** Recent mentions, replies and quotes of the account, newest first. */
export async function fetchMentions(session: AccountSession, accountId: string): Promise<SignalPost[]> {
  const reply = await session.call({
    nsid: 'app.bsky.notification.listNotifications',
    params: { reasons: ['mention', 'reply', 'quote'], limit: 50 },
    timeoutMs: 15_000,
  });
  if (reply.status !== 200) {
    if (isNotImplemented(reply)) return [];
    throw failureOf(reply, Date.now(), 'mentions');
  }
  const list = (reply.body as { notifications?: unknown } | null)?.notifications;
  return (Array.isArray(list) ? (list as Notification[]) : [])
    .filter((n) => n.reason === 'mention' || n.reason === 'reply' || n.reason === 'quote')
    .flatMap((n) => {
      const p = signalPostOf(
        {
          ...(n.uri ? { uri: n.uri } : {}),
          ...(n.author ? { author: n.author } : {}),
          ...(n.record ? { record: n.record } : {}),
          ...(n.indexedAt ? { indexedAt: n.indexedAt } : {}),
        },
        accountId,
      );
      return p ? [p] : [];
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Likes, reposts, replies and quotes of published posts, asked 25 at a time (getPosts' limit). */
export async function fetchMetrics(session: AccountSession, posts: readonly PublishedRef[]): Promise<RemoteMetrics[]> {
  const out: RemoteMetrics[] = [];
  for (let i = 0; i < posts.length; i += 25) {
    const chunk = posts.slice(i, i + 25);
    const reply = await session.call({
      nsid: 'app.bsky.feed.getPosts',
      params: { uris: chunk.map((p) => p.ref?.uri ?? p.remoteId) },
      timeoutMs: 15_000,
    });
    if (reply.status !== 200) {
      if (isNotImplemented(reply)) return out;
      throw failureOf(reply, Date.now(), 'post numbers');
    }
    const views = (reply.body as { posts?: unknown } | null)?.posts;
    const byUri = new Map((Array.isArray(views) ? (views as PostView[]) : []).map((v) => [v.uri, v]));
    for (const p of chunk) {
      const v = byUri.get(p.ref?.uri ?? p.remoteId);
      if (!v) continue;
      out.push({
        targetId: p.targetId,
        likes: v.likeCount ?? 0,
        reposts: v.repostCount ?? 0,
        replies: v.replyCount ?? 0,
        quotes: typeof v.quoteCount === 'number' ? v.quoteCount : null,
      });
    }
  }
  return out;
}
