// The reading side: trending tags, links and posts, hashtag timelines, mentions, and the numbers of our own posts.

import type { SignalPost, TrendItem } from '../../../shared/signals';
import type { AccountContext, PublishedRef, RemoteMetrics, SignalQuery } from '../../core/platforms/types';
import type { MastodonApi } from './api';
import { configOf, type MastodonSecret } from './config';
import { htmlToText } from './html';
import { snapshotStatuses } from './metrics';
import { apiFor, recentStatuses, type StatusJson } from './publish';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Daily uses, oldest first (the API lists the newest day first). */
function historyOf(v: unknown): number[] {
  if (!Array.isArray(v)) return [];
  return v
    .map(obj)
    .sort((a, b) => Number(a.day) - Number(b.day))
    .map((d) => Number(d.uses) || 0);
}

function accountsToday(v: unknown): number | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const newest = v.map(obj).sort((a, b) => Number(b.day) - Number(a.day))[0];
  const n = Number(newest?.accounts);
  return Number.isFinite(n) ? n : null;
}

async function list(api: MastodonApi, path: string, query: Record<string, string | string[]>): Promise<unknown[]> {
  // Trends can be switched off by the server's admin; older servers lack some endpoints. Both mean "nothing".
  const res = await api.call<unknown>({ method: 'GET', path, query, accept: [404, 410] });
  return res.status === 200 && Array.isArray(res.body) ? res.body : [];
}

function authorOf(s: Json, domain: string): string {
  const acct = str(obj(s.account).acct) ?? '?';
  return acct.includes('@') ? `@${acct}` : `@${acct}@${domain}`;
}

function signalPost(accountId: string, s: StatusJson, domain: string, extra: { term?: string; answered?: boolean } = {}): SignalPost {
  const j = s as Json;
  return {
    platform: 'mastodon',
    accountId,
    id: String(j.id),
    url: str(j.url) ?? str(j.uri),
    author: authorOf(j, domain),
    text: htmlToText(str(j.content) ?? ''),
    createdAt: Date.parse(str(j.created_at) ?? '') || 0,
    ...extra,
  };
}

export async function fetchTrends(ctx: AccountContext<MastodonSecret>): Promise<TrendItem[]> {
  const api = apiFor(ctx);
  const accountId = ctx.account.id;
  const [tags, links, statuses] = await Promise.all([
    list(api, '/api/v1/trends/tags', { limit: '20' }),
    list(api, '/api/v1/trends/links', { limit: '10' }),
    list(api, '/api/v1/trends/statuses', { limit: '10' }),
  ]);
  const out: TrendItem[] = [];
  for (const t of tags.map(obj)) {
    const name = str(t.name);
    if (!name) continue;
    out.push({
      platform: 'mastodon',
      accountId,
      name,
      kind: 'tag',
      url: str(t.url),
      history: historyOf(t.history),
      volume: accountsToday(t.history),
    });
  }
  for (const l of links.map(obj)) {
    const url = str(l.url);
    if (!url) continue;
    out.push({
      platform: 'mastodon',
      accountId,
      name: str(l.title) || url,
      kind: 'link',
      url,
      history: historyOf(l.history),
      volume: accountsToday(l.history),
    });
  }
  for (const s of statuses.map(obj)) {
    const text = htmlToText(str(s.content) ?? '');
    out.push({
      platform: 'mastodon',
      accountId,
      name: text.length > 120 ? `${text.slice(0, 119)}…` : text,
      kind: 'post',
      url: str(s.url) ?? str(s.uri),
      history: [],
      volume: (Number(s.reblogs_count) || 0) + (Number(s.favourites_count) || 0),
    });
  }
  return out;
}

/** A hashtag (or a single word) reads its tag timeline; anything else uses full-text search where the server offers it. */
export async function searchRecent(query: SignalQuery, ctx: AccountContext<MastodonSecret>): Promise<SignalPost[]> {
  const api = apiFor(ctx);
  const { domain } = configOf(ctx.account);
  const limit = String(Math.min(40, query.limit ?? 20));
  const out: SignalPost[] = [];
  for (const raw of query.terms) {
    const term = raw.trim();
    if (!term) continue;
    const tag = /^#?([\p{L}\p{N}_]+)$/u.exec(term)?.[1];
    if (tag) {
      const posts = await list(api, `/api/v1/timelines/tag/${encodeURIComponent(tag)}`, { limit });
      out.push(...posts.map((p) => signalPost(ctx.account.id, p as StatusJson, domain, { term })));
    } else {
      const res = await api.call<unknown>({
        method: 'GET',
        path: '/api/v2/search',
        query: { q: term, type: 'statuses', limit },
        accept: [404],
      });
      const statuses = obj(res.body).statuses;
      if (Array.isArray(statuses)) out.push(...statuses.map((p) => signalPost(ctx.account.id, p as StatusJson, domain, { term })));
    }
  }
  return out;
}

/** Recent mentions, each marked answered when one of the account's recent statuses replies to it. */
export async function fetchMentions(ctx: AccountContext<MastodonSecret>, limit = 30): Promise<SignalPost[]> {
  const api = apiFor(ctx);
  const { domain, remoteAccountId } = configOf(ctx.account);
  const res = await api.call<unknown[]>({
    method: 'GET',
    path: '/api/v1/notifications',
    query: { 'types[]': ['mention'], limit: String(Math.min(40, limit)) },
  });
  const mentions = (Array.isArray(res.body) ? res.body : []).map(obj).filter((n) => n.type === 'mention' && n.status);
  const repliedTo = new Set(
    (await recentStatuses(api, remoteAccountId)).map((s) => str(s.in_reply_to_id)).filter((x): x is string => x !== null),
  );
  return mentions.map((n) => {
    const s = obj(n.status) as StatusJson;
    return signalPost(ctx.account.id, s, domain, { answered: repliedTo.has(String(s.id)) });
  });
}

/** Favourites, boosts and replies of published posts; a post deleted on the server is left out. */
export async function fetchMetrics(posts: readonly PublishedRef[], ctx: AccountContext<MastodonSecret>): Promise<RemoteMetrics[]> {
  return (await snapshotStatuses(posts, ctx)).flatMap((s) => (s.state === 'counted' ? [s] : []));
}
