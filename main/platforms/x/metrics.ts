// Numbers of our own X posts over time: public_metrics (100 ids a call), replies by conversation, followers.

import type { AccountContext, AccountNumbers, AudienceReply, PostSnapshot, PublishedRef } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { XApi } from './api';
import { type XSecret, xConfigOf } from './config';
import { tweetUrl } from './publish';

interface Metrics {
  readonly like_count?: unknown;
  readonly retweet_count?: unknown;
  readonly reply_count?: unknown;
  readonly quote_count?: unknown;
}
interface Tweet {
  readonly id?: unknown;
  readonly text?: unknown;
  readonly author_id?: unknown;
  readonly created_at?: unknown;
  readonly lang?: unknown;
  readonly public_metrics?: Metrics;
}
interface LookupError {
  readonly resource_id?: unknown;
  readonly value?: unknown;
  readonly type?: unknown;
}
interface Page {
  readonly data?: readonly Tweet[];
  readonly errors?: readonly LookupError[];
  readonly includes?: { readonly users?: readonly { id?: unknown; username?: unknown }[] };
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const NOT_FOUND = 'https://api.twitter.com/2/problems/resource-not-found';
/** GET /2/tweets takes at most 100 ids. */
export const X_LOOKUP_BATCH = 100;

/**
 * Likes, reposts, replies and quotes from GET /2/tweets?ids= (public_metrics). X answers 200 with the posts it
 * has and a resource-not-found error for each id it no longer has: those were deleted. Other per-id errors
 * (a protected or suspended account) are left out and asked again later.
 */
export async function snapshotXPosts(
  posts: readonly PublishedRef[],
  ctx: AccountContext<XSecret>,
  now: () => number,
): Promise<PostSnapshot[]> {
  const api = new XApi(ctx, now);
  const out: PostSnapshot[] = [];
  for (let i = 0; i < posts.length; i += X_LOOKUP_BATCH) {
    const batch = posts.slice(i, i + X_LOOKUP_BATCH);
    const res = await api.call<Page>({
      method: 'GET',
      path: '/2/tweets',
      query: { ids: batch.map((p) => p.remoteId).join(','), 'tweet.fields': 'public_metrics' },
      what: 'reading the numbers of published posts',
    });
    const byId = new Map((res.body?.data ?? []).map((t) => [String(t.id), t.public_metrics]));
    const gone = new Set((res.body?.errors ?? []).filter((e) => e.type === NOT_FOUND).map((e) => String(e.resource_id ?? e.value ?? '')));
    for (const p of batch) {
      const m = byId.get(p.remoteId);
      if (m) {
        out.push({
          state: 'counted',
          targetId: p.targetId,
          likes: n(m.like_count) ?? 0,
          reposts: n(m.retweet_count) ?? 0,
          replies: n(m.reply_count) ?? 0,
          quotes: n(m.quote_count),
        });
      } else if (gone.has(p.remoteId)) out.push({ state: 'deleted', targetId: p.targetId });
    }
  }
  return out;
}

/**
 * Replies by other people, from recent search on the post's conversation (conversation_id:ID is:reply).
 * Recent search covers the last 7 days, and X only gives search to some access tiers: without it X answers
 * 403, and Kairos says so instead of pretending there were no replies.
 */
export async function fetchXReplies(post: PublishedRef, ctx: AccountContext<XSecret>, now: () => number): Promise<AudienceReply[]> {
  const api = new XApi(ctx, now);
  const me = xConfigOf(ctx.account);
  let res: { body: Page };
  try {
    res = await api.call<Page>({
      method: 'GET',
      path: '/2/tweets/search/recent',
      query: {
        query: `conversation_id:${post.remoteId} is:reply -from:${me.username || me.userId}`,
        max_results: '100',
        'tweet.fields': 'created_at,author_id,lang,public_metrics',
        expansions: 'author_id',
        'user.fields': 'username',
      },
      what: 'reading the replies to a post',
    });
  } catch (e) {
    if (e instanceof PlatformError && e.options.status === 403) {
      throw new PlatformError(
        'invalid',
        `X does not let this app search posts, so Kairos cannot read the text of replies (${e.message}). The reply counts still come from X.`,
        { status: 403 },
      );
    }
    throw e;
  }
  const users = new Map((res.body?.includes?.users ?? []).map((u) => [String(u.id), String(u.username)]));
  return (res.body?.data ?? []).flatMap((t) => {
    if (typeof t.id !== 'string' || t.author_id === me.userId) return [];
    const username = users.get(String(t.author_id)) ?? '';
    return [
      {
        remoteId: t.id,
        author: username ? `@${username}` : String(t.author_id ?? '?'),
        text: typeof t.text === 'string' ? t.text : '',
        url: tweetUrl(username, t.id),
        language: typeof t.lang === 'string' && t.lang !== 'und' ? t.lang : null,
        createdAt: typeof t.created_at === 'string' ? Date.parse(t.created_at) || 0 : 0,
        likes: n(t.public_metrics?.like_count),
        reposts: n(t.public_metrics?.retweet_count),
        replies: n(t.public_metrics?.reply_count),
      },
    ];
  });
}

/** followers_count and following_count of the signed-in user (GET /2/users/me, user.fields=public_metrics). */
export async function fetchXAccountNumbers(ctx: AccountContext<XSecret>, now: () => number): Promise<AccountNumbers> {
  const res = await new XApi(ctx, now).call<{ data?: { public_metrics?: { followers_count?: unknown; following_count?: unknown } } }>({
    method: 'GET',
    path: '/2/users/me',
    query: { 'user.fields': 'public_metrics' },
    what: 'reading the account’s followers',
  });
  const m = res.body?.data?.public_metrics;
  const followers = n(m?.followers_count);
  if (followers === null) throw new PlatformError('transient', 'X did not say how many followers the account has.');
  return { followers, following: n(m?.following_count) };
}
