// The server side of hand-off: create, list, move and cancel scheduled statuses.

import { PlatformError } from '../../../core/platforms/types';
import type { MastodonApi } from '../api';
import type { StatusJson } from '../publish';

export interface RemoteScheduled {
  readonly id: string;
  readonly at: number;
  readonly text: string;
}

/** What creating with scheduled_at returned: a scheduled status, or (a server that ignores scheduled_at) a published one. */
export type CreateOutcome =
  | { readonly kind: 'scheduled'; readonly remote: RemoteScheduled }
  | { readonly kind: 'published'; readonly status: StatusJson };

function toScheduled(j: Record<string, unknown>): RemoteScheduled | null {
  if (typeof j.id !== 'string' || typeof j.scheduled_at !== 'string') return null;
  const params = (typeof j.params === 'object' && j.params !== null ? j.params : {}) as Record<string, unknown>;
  return { id: j.id, at: Date.parse(j.scheduled_at), text: typeof params.text === 'string' ? params.text : '' };
}

export async function createScheduled(api: MastodonApi, body: Record<string, unknown>, at: number, key: string): Promise<CreateOutcome> {
  const res = await api.call<Record<string, unknown>>({
    method: 'POST',
    path: '/api/v1/statuses',
    json: { ...body, scheduled_at: new Date(at).toISOString() },
    idempotencyKey: key,
    creates: true,
  });
  const j = res.body ?? {};
  const scheduled = toScheduled(j);
  if (scheduled) return { kind: 'scheduled', remote: scheduled };
  if (typeof j.id === 'string' && (typeof j.content === 'string' || typeof j.created_at === 'string'))
    return { kind: 'published', status: j };
  throw new PlatformError('unknown_outcome', `${api.host} answered the scheduled post with something Kairos does not recognise.`);
}

/** Every scheduled status of the account (the API pages by 40; the server allows 300 in all). */
export async function listScheduled(api: MastodonApi): Promise<RemoteScheduled[]> {
  const out: RemoteScheduled[] = [];
  let maxId: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await api.call<unknown[]>({ method: 'GET', path: '/api/v1/scheduled_statuses', query: { limit: '40', max_id: maxId } });
    const items = (Array.isArray(res.body) ? res.body : []).flatMap((x) => {
      const s = toScheduled((x ?? {}) as Record<string, unknown>);
      return s ? [s] : [];
    });
    out.push(...items);
    const next = /<[^>]*[?&]max_id=([^&>]+)[^>]*>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    if (!next || items.length === 0) break;
    maxId = decodeURIComponent(next);
  }
  return out;
}

/** Moves the remote copy; false when it no longer exists on the server. */
export async function moveScheduled(api: MastodonApi, id: string, at: number): Promise<boolean> {
  const res = await api.call<unknown>({
    method: 'PUT',
    path: `/api/v1/scheduled_statuses/${encodeURIComponent(id)}`,
    json: { scheduled_at: new Date(at).toISOString() },
    accept: [404],
  });
  return res.status !== 404;
}

/** Cancels the remote copy; false when it was already gone (published, or deleted on the server). */
export async function cancelScheduled(api: MastodonApi, id: string): Promise<boolean> {
  const res = await api.call<unknown>({ method: 'DELETE', path: `/api/v1/scheduled_statuses/${encodeURIComponent(id)}`, accept: [404] });
  return res.status !== 404;
}
