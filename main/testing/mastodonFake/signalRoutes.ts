// What people talk about: trending tags, links and statuses, hashtag timelines, search and notifications (mentions).

import type { FakeCore } from './core';
import { accountEntity, statusEntity } from './entities';
import { type FakeReply, type FakeRequest, json, requireUser } from './protocol';
import { type FakeTrendDay, tagsOf } from './state';

function history(days: readonly FakeTrendDay[]) {
  return days.map((d) => ({ day: String(Math.floor(d.day / 1000)), uses: String(d.uses), accounts: String(d.accounts) }));
}

/** Lists come newest first by id, as the server pages them. */
const newestFirst = (a: { id: string }, b: { id: string }) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

function limitOf(req: FakeRequest, fallback: number, max: number): number {
  return Math.min(max, Number(req.query.get('limit') ?? fallback) || fallback);
}

export function handleSignals(core: FakeCore, req: FakeRequest): FakeReply | null {
  const { method, path } = req;
  if (method !== 'GET') return null;
  const viewer = req.token?.userId ?? null;
  const publicStatuses = () => core.statuses.filter((s) => !s.deleted && s.visibility === 'public');
  if (path === '/api/v1/trends/tags' || path === '/api/v1/trends') {
    return json(
      200,
      core.trendTags
        .slice(0, limitOf(req, 10, 20))
        .map((t) => ({ name: t.name, url: `${core.origin}/tags/${t.name}`, history: history(t.history) })),
    );
  }
  if (path === '/api/v1/trends/links') {
    return json(
      200,
      core.trendLinks.slice(0, limitOf(req, 10, 20)).map((l) => ({
        url: l.url,
        title: l.title,
        description: l.description,
        type: 'link',
        provider_name: new URL(l.url).host,
        image: null,
        history: history(l.history),
      })),
    );
  }
  if (path === '/api/v1/trends/statuses') {
    const list = core.trendStatusIds.flatMap((id) => core.statuses.filter((s) => s.id === id && !s.deleted));
    return json(
      200,
      list.slice(0, limitOf(req, 20, 40)).map((s) => statusEntity(core, s)),
    );
  }
  const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(path);
  if (tag) {
    const name = decodeURIComponent(tag[1] as string).toLowerCase();
    const list = publicStatuses()
      .filter((s) => tagsOf(s.text).includes(name))
      .sort(newestFirst)
      .slice(0, limitOf(req, 20, 40));
    return json(
      200,
      list.map((s) => statusEntity(core, s)),
    );
  }
  if (path === '/api/v2/search') {
    const q = (req.query.get('q') ?? '').toLowerCase();
    const type = req.query.get('type');
    const hits = !viewer || (type && type !== 'statuses') ? [] : publicStatuses().filter((s) => s.text.toLowerCase().includes(q));
    return json(200, { accounts: [], statuses: hits.slice(0, limitOf(req, 20, 40)).map((s) => statusEntity(core, s)), hashtags: [] });
  }
  if (path === '/api/v1/notifications') {
    const t = requireUser(req, 'read:notifications');
    if ('status' in t) return t;
    const types = req.query.getAll('types[]');
    const list = core.notifications
      .filter((n) => n.forUserId === t.userId && (types.length === 0 || types.includes(n.type)))
      .sort(newestFirst)
      .slice(0, limitOf(req, 40, 80));
    return json(
      200,
      list.map((n) => {
        const from = core.users.get(n.fromUserId);
        const status = n.statusId ? core.statuses.find((s) => s.id === n.statusId) : undefined;
        return {
          id: n.id,
          type: n.type,
          created_at: new Date(n.createdAt).toISOString(),
          account: from ? accountEntity(core, from) : null,
          status: status ? statusEntity(core, status) : null,
        };
      }),
    );
  }
  return null;
}
