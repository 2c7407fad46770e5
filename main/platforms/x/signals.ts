// X's reading side on the pay-per-use tier: mentions, recent search, and the public numbers of our own posts.

import type { SignalPost } from '../../../shared/signals';
import type { AccountContext, PublishedRef, RemoteMetrics, SignalQuery } from '../../core/platforms/types';
import { XApi } from './api';
import { type XSecret, xConfigOf } from './config';
import { tweetUrl } from './publish';

interface Tweet {
  readonly id?: unknown;
  readonly text?: unknown;
  readonly author_id?: unknown;
  readonly created_at?: unknown;
  readonly public_metrics?: { like_count?: unknown; retweet_count?: unknown; reply_count?: unknown; quote_count?: unknown };
}
interface Page {
  readonly data?: readonly Tweet[];
  readonly includes?: { readonly users?: readonly { id?: unknown; username?: unknown }[] };
}

const n = (v: unknown) => (typeof v === 'number' ? v : 0);

function postsOf(page: Page | null, ctx: AccountContext<XSecret>, term?: string): SignalPost[] {
  const users = new Map((page?.includes?.users ?? []).map((u) => [String(u.id), String(u.username)]));
  return (page?.data ?? []).flatMap((t) => {
    if (typeof t.id !== 'string' || typeof t.text !== 'string') return [];
    const username = users.get(String(t.author_id)) ?? '';
    return [
      {
        platform: 'x' as const,
        accountId: ctx.account.id,
        id: t.id,
        url: tweetUrl(username, t.id),
        author: username ? `@${username}` : '?',
        text: t.text,
        createdAt: typeof t.created_at === 'string' ? Date.parse(t.created_at) || 0 : 0,
        ...(term === undefined ? {} : { term }),
      },
    ];
  });
}

const FIELDS = { 'tweet.fields': 'created_at,author_id', expansions: 'author_id', 'user.fields': 'username' };

export async function fetchXMentions(ctx: AccountContext<XSecret>, now: () => number): Promise<SignalPost[]> {
  const api = new XApi(ctx, now);
  const res = await api.call<Page>({
    method: 'GET',
    path: `/2/users/${xConfigOf(ctx.account).userId}/mentions`,
    query: { max_results: '10', ...FIELDS },
    what: 'reading mentions',
  });
  return postsOf(res.body, ctx);
}

export async function searchXRecent(query: SignalQuery, ctx: AccountContext<XSecret>, now: () => number): Promise<SignalPost[]> {
  const api = new XApi(ctx, now);
  const out: SignalPost[] = [];
  // Every post read is billed, so a few terms and few results each.
  for (const term of query.terms.slice(0, 3)) {
    const res = await api.call<Page>({
      method: 'GET',
      path: '/2/tweets/search/recent',
      // 10 is the least recent search returns.
      query: { query: `${term} -is:retweet`, max_results: '10', ...FIELDS },
      what: `searching for ${term}`,
    });
    out.push(...postsOf(res.body, ctx, term));
  }
  return out;
}

export async function fetchXMetrics(
  posts: readonly PublishedRef[],
  ctx: AccountContext<XSecret>,
  now: () => number,
): Promise<RemoteMetrics[]> {
  if (posts.length === 0) return [];
  const api = new XApi(ctx, now);
  const out: RemoteMetrics[] = [];
  for (let i = 0; i < posts.length; i += 100) {
    const batch = posts.slice(i, i + 100);
    const res = await api.call<Page>({
      method: 'GET',
      path: '/2/tweets',
      query: { ids: batch.map((p) => p.remoteId).join(','), 'tweet.fields': 'public_metrics' },
      what: 'reading the numbers of published posts',
    });
    const byId = new Map((res.body?.data ?? []).map((t) => [String(t.id), t.public_metrics]));
    for (const p of batch) {
      const m = byId.get(p.remoteId);
      if (!m) continue;
      out.push({
        targetId: p.targetId,
        likes: n(m.like_count),
        reposts: n(m.retweet_count),
        replies: n(m.reply_count),
        quotes: n(m.quote_count),
      });
    }
  }
  return out;
}
