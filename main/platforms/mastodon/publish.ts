// Publishes a post or a thread: each part replies to the previous one, carries its own Idempotency-Key, and is recorded at once.

import type { PostOptions } from '../../../shared/domain';
import type { AccountContext, PublishedPart, PublishOutcome, PublishPart, PublishRequest } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { MastodonApi } from './api';
import { configOf, type MastodonSecret } from './config';
import { comparableText, htmlToText } from './html';
import { type MediaTiming, uploadPartMedia } from './media';

export interface StatusJson {
  readonly id?: unknown;
  readonly url?: unknown;
  readonly uri?: unknown;
  readonly content?: unknown;
  readonly created_at?: unknown;
  readonly in_reply_to_id?: unknown;
  readonly scheduled_at?: unknown;
  readonly params?: unknown;
}

export function apiFor(ctx: AccountContext<MastodonSecret>): MastodonApi {
  const { origin } = configOf(ctx.account);
  return new MastodonApi(origin, ctx.secret.accessToken, ctx.signal);
}

/** The body of POST /api/v1/statuses for one part; a poll goes on the first part only. */
export function statusBody(
  text: string,
  options: PostOptions,
  first: boolean,
  mediaIds: readonly string[],
  inReplyToId: string | null,
): Record<string, unknown> {
  const body: Record<string, unknown> = { status: text };
  if (options.visibility) body.visibility = options.visibility;
  if (options.language) body.language = options.language;
  if (options.contentWarning?.trim()) body.spoiler_text = options.contentWarning;
  if (options.sensitive !== undefined) body.sensitive = options.sensitive;
  if (mediaIds.length) body.media_ids = mediaIds;
  if (first && options.poll) {
    body.poll = { options: options.poll.options, expires_in: options.poll.expiresInSeconds, multiple: options.poll.multiple };
  }
  if (inReplyToId) body.in_reply_to_id = inReplyToId;
  return body;
}

export function publishedFrom(json: StatusJson): PublishedPart | null {
  if (typeof json.id !== 'string') return null;
  const url = typeof json.url === 'string' ? json.url : typeof json.uri === 'string' ? json.uri : null;
  return { remoteId: json.id, remoteUrl: url };
}

function partLabel(req: PublishRequest, part: PublishPart): string | undefined {
  return req.parts.length > 1 ? `Part ${part.index + 1} of the thread` : undefined;
}

export async function publishParts(req: PublishRequest, ctx: AccountContext<MastodonSecret>, timing: MediaTiming): Promise<PublishOutcome> {
  const api = apiFor(ctx);
  let previous: PublishedPart | null = null;
  let first: PublishedPart | null = null;
  for (const part of req.parts) {
    if (part.done) {
      previous = part.done;
      if (part.index === 0) first = part.done;
      continue;
    }
    const what = partLabel(req, part);
    const mediaIds = await uploadPartMedia(api, part.media, ctx, timing, what);
    let res: Awaited<ReturnType<typeof api.call<StatusJson>>>;
    try {
      res = await api.call<StatusJson>({
        method: 'POST',
        path: '/api/v1/statuses',
        json: statusBody(part.text, req.options, part.index === 0, mediaIds, previous?.remoteId ?? null),
        idempotencyKey: part.idempotencyKey,
        creates: true,
        ...(what ? { what } : {}),
      });
    } catch (e) {
      if (e instanceof PlatformError && e.options.status === 404 && previous) {
        throw new PlatformError(
          'invalid',
          `${what ?? 'This post'}: the part it replies to is gone from ${api.host} (deleted there?). Kairos stopped the thread here; the parts already published stay.`,
          { status: 404 },
        );
      }
      throw e;
    }
    const published = publishedFrom(res.body ?? {});
    if (!published) throw new PlatformError('unknown_outcome', `${api.host} accepted the post but did not say which status it created.`);
    await ctx.recordPart(part.index, published);
    previous = published;
    if (part.index === 0) first = published;
  }
  if (!first) throw new PlatformError('unknown_outcome', 'Nothing was published: the post has no parts.');
  return first;
}

/** The account's recent statuses, newest first (the API returns at most 40 per page). */
export async function recentStatuses(api: MastodonApi, remoteAccountId: string, limit = 40): Promise<StatusJson[]> {
  const res = await api.call<StatusJson[]>({
    method: 'GET',
    path: `/api/v1/accounts/${encodeURIComponent(remoteAccountId)}/statuses`,
    query: { limit: String(Math.min(40, limit)) },
  });
  return Array.isArray(res.body) ? res.body : [];
}

/** Whether a status is the given text (as the server rendered it), replying to `inReplyTo`, created after `since`. */
export function statusMatches(s: StatusJson, text: string, inReplyTo: string | null, since: number): boolean {
  if (typeof s.content !== 'string') return false;
  if ((typeof s.in_reply_to_id === 'string' ? s.in_reply_to_id : null) !== inReplyTo) return false;
  const created = typeof s.created_at === 'string' ? Date.parse(s.created_at) : Number.NaN;
  if (!Number.isNaN(created) && created < since) return false;
  return comparableText(htmlToText(s.content)) === comparableText(text);
}

/**
 * Settles an unknown outcome after the server's one-hour Idempotency-Key window: the part is on the
 * account if a recent status has its text and replies to the previous part.
 */
export async function findPublishedPart(
  req: PublishRequest,
  part: PublishPart,
  ctx: AccountContext<MastodonSecret>,
): Promise<PublishedPart | null> {
  const api = apiFor(ctx);
  const { remoteAccountId } = configOf(ctx.account);
  const inReplyTo = part.index > 0 ? (req.parts[part.index - 1]?.done?.remoteId ?? null) : null;
  if (part.index > 0 && inReplyTo === null) return null;
  const since = (req.scheduledAt ?? 0) - 60 * 60_000;
  const found = (await recentStatuses(api, remoteAccountId)).find((s) => statusMatches(s, part.text, inReplyTo, since));
  return found ? publishedFrom(found) : null;
}
