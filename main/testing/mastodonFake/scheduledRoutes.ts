// Scheduled statuses as the server documents them: list with pagination, view, move (5-minute rule), cancel.

import type { FakeCore } from './core';
import { scheduledEntity } from './entities';
import { errorReply, type FakeReply, type FakeRequest, json, notFound, requireUser } from './protocol';
import { MIN_SCHEDULE_OFFSET_MS } from './statusRoutes';

function list(core: FakeCore, req: FakeRequest, userId: string): FakeReply {
  const limit = Math.min(40, Number(req.query.get('limit') ?? 20) || 20);
  const maxId = req.query.get('max_id');
  const sinceId = req.query.get('since_id');
  const mine = [...core.scheduled.values()]
    .filter((s) => s.userId === userId)
    .filter((s) => (maxId ? Number(s.id) < Number(maxId) : true))
    .filter((s) => (sinceId ? Number(s.id) > Number(sinceId) : true))
    .sort((a, b) => Number(b.id) - Number(a.id));
  const page = mine.slice(0, limit);
  const headers: Record<string, string> = {};
  const last = page.at(-1);
  if (last && mine.length > limit) {
    headers.link = `<${core.origin}/api/v1/scheduled_statuses?limit=${limit}&max_id=${last.id}>; rel="next"`;
  }
  return json(
    200,
    page.map((s) => scheduledEntity(core, s)),
    headers,
  );
}

export function handleScheduled(core: FakeCore, req: FakeRequest): FakeReply | null {
  const { method, path } = req;
  if (path !== '/api/v1/scheduled_statuses' && !path.startsWith('/api/v1/scheduled_statuses/')) return null;
  const t = requireUser(req, method === 'GET' ? 'read:statuses' : 'write:statuses');
  if ('status' in t) return t;
  if (method === 'GET' && path === '/api/v1/scheduled_statuses') return list(core, req, t.userId);
  const id = path.slice('/api/v1/scheduled_statuses/'.length);
  const s = core.scheduled.get(id);
  if (!s || s.userId !== t.userId) return notFound();
  if (method === 'GET') return json(200, scheduledEntity(core, s));
  if (method === 'DELETE') {
    core.scheduled.delete(id);
    for (const m of core.mediaById.values()) if (m.scheduledId === id) m.scheduledId = null;
    return json(200, {});
  }
  if (method === 'PUT') {
    const at = Date.parse(req.params.string('scheduled_at') ?? '');
    if (Number.isNaN(at)) return errorReply(422, 'Validation failed: Scheduled at is invalid');
    if (at <= core.now() + MIN_SCHEDULE_OFFSET_MS)
      return errorReply(422, 'Validation failed: Scheduled at The scheduled date must be in the future');
    const others = [...core.scheduled.values()].filter((x) => x.userId === t.userId && x.id !== id);
    const day = new Date(at).toISOString().slice(0, 10);
    if (others.filter((x) => new Date(x.scheduledAt).toISOString().slice(0, 10) === day).length >= core.settings.scheduledDailyLimit) {
      return errorReply(
        422,
        `Validation failed: You have exceeded the limit of ${core.settings.scheduledDailyLimit} scheduled posts for today`,
      );
    }
    s.scheduledAt = at;
    return json(200, scheduledEntity(core, s));
  }
  return null;
}
