// Numbers of our own Mastodon posts over time: counters by status id, direct replies, and the account's followers.

import type { AccountContext, AccountNumbers, AudienceReply, PostSnapshot, PublishedRef } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { configOf, type MastodonSecret } from './config';
import { htmlToText } from './html';
import { apiFor } from './publish';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * GET /api/v1/statuses/:id for each post: replies_count, reblogs_count, favourites_count and, on servers
 * that have quote posts (4.5+), quotes_count. 404 (or 410) is a status deleted on the server.
 */
export async function snapshotStatuses(posts: readonly PublishedRef[], ctx: AccountContext<MastodonSecret>): Promise<PostSnapshot[]> {
  const api = apiFor(ctx);
  const out: PostSnapshot[] = [];
  for (const p of posts) {
    const res = await api.call<Json>({ method: 'GET', path: `/api/v1/statuses/${encodeURIComponent(p.remoteId)}`, accept: [404, 410] });
    if (res.status === 404 || res.status === 410) {
      out.push({ state: 'deleted', targetId: p.targetId });
      continue;
    }
    const s = obj(res.body);
    if (typeof s.id !== 'string') throw new PlatformError('transient', `${api.host} answered with something that is not a status.`);
    out.push({
      state: 'counted',
      targetId: p.targetId,
      likes: count(s.favourites_count) ?? 0,
      reposts: count(s.reblogs_count) ?? 0,
      replies: count(s.replies_count) ?? 0,
      quotes: count(s.quotes_count),
    });
  }
  return out;
}

/** Direct replies by other accounts, from GET /api/v1/statuses/:id/context (descendants). */
export async function fetchStatusReplies(post: PublishedRef, ctx: AccountContext<MastodonSecret>): Promise<AudienceReply[]> {
  const api = apiFor(ctx);
  const { domain, remoteAccountId } = configOf(ctx.account);
  const res = await api.call<Json>({
    method: 'GET',
    path: `/api/v1/statuses/${encodeURIComponent(post.remoteId)}/context`,
    accept: [404, 410],
  });
  if (res.status !== 200) return [];
  const descendants = obj(res.body).descendants;
  return (Array.isArray(descendants) ? descendants : [])
    .map(obj)
    .filter((s) => s.in_reply_to_id === post.remoteId && str(obj(s.account).id) !== remoteAccountId && typeof s.id === 'string')
    .map((s) => {
      const acct = str(obj(s.account).acct) ?? '?';
      return {
        remoteId: String(s.id),
        author: acct.includes('@') ? `@${acct}` : `@${acct}@${domain}`,
        text: htmlToText(str(s.content) ?? ''),
        url: str(s.url) ?? str(s.uri),
        language: str(s.language),
        createdAt: Date.parse(str(s.created_at) ?? '') || 0,
        likes: count(s.favourites_count),
        reposts: count(s.reblogs_count),
        replies: count(s.replies_count),
      };
    });
}

/** followers_count and following_count from verify_credentials. */
export async function fetchMastodonAccountNumbers(ctx: AccountContext<MastodonSecret>): Promise<AccountNumbers> {
  const api = apiFor(ctx);
  const res = await api.call<Json>({ method: 'GET', path: '/api/v1/accounts/verify_credentials' });
  const a = obj(res.body);
  const followers = count(a.followers_count);
  if (followers === null) throw new PlatformError('transient', `${api.host} did not say how many followers the account has.`);
  return { followers, following: count(a.following_count) };
}
