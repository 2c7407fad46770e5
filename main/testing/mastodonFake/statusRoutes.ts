// Statuses as the server documents them: create (Idempotency-Key, polls, media, scheduled_at with its limits), view, delete.

import type { FakeCore } from './core';
import { scheduledEntity, statusEntity } from './entities';
import { errorReply, type FakeReply, type FakeRequest, json, notFound, requireUser } from './protocol';
import { countStatusLength, type FakePoll, type FakeStatus, nextSnowflake, type ScheduledParams } from './state';

const IDEMPOTENCY_MS = 60 * 60_000;
export const MIN_SCHEDULE_OFFSET_MS = 5 * 60_000;
const VISIBILITIES = new Set(['public', 'unlisted', 'private', 'direct']);

interface StatusInput {
  readonly text: string;
  readonly spoilerText: string;
  readonly visibility: string;
  readonly language: string | null;
  readonly sensitive: boolean;
  readonly inReplyToId: string | null;
  readonly mediaIds: readonly string[];
  readonly poll: { options: string[]; expiresIn: number; multiple: boolean; hideTotals: boolean } | null;
}

function readInput(req: FakeRequest): StatusInput {
  const p = req.params;
  const options = p.strings('poll[options]');
  return {
    text: p.string('status') ?? '',
    spoilerText: p.string('spoiler_text') ?? '',
    visibility: p.string('visibility') ?? 'public',
    language: p.string('language') ?? null,
    sensitive: p.bool('sensitive') ?? false,
    inReplyToId: p.string('in_reply_to_id') || null,
    mediaIds: p.strings('media_ids'),
    poll: options.length
      ? {
          options,
          expiresIn: Number(p.string('poll[expires_in]') ?? 0),
          multiple: p.bool('poll[multiple]') ?? false,
          hideTotals: p.bool('poll[hide_totals]') ?? false,
        }
      : null,
  };
}

/** The checks the server makes before creating a status or a scheduled one; null when it is valid. */
function validate(core: FakeCore, userId: string, input: StatusInput): FakeReply | null {
  const l = core.settings.limits;
  if (!VISIBILITIES.has(input.visibility)) return errorReply(422, 'Validation failed: Visibility is not included in the list');
  if (input.mediaIds.length > l.maxMediaAttachments) return errorReply(422, `Cannot attach more than ${l.maxMediaAttachments} files`);
  if (input.mediaIds.length && input.poll) return errorReply(422, 'Cannot attach a poll to a post with media');
  for (const id of input.mediaIds) {
    const m = core.mediaById.get(id);
    if (!m || m.userId !== userId || m.statusId !== null || m.scheduledId !== null) {
      return errorReply(422, 'Validation failed: Media attachments are invalid');
    }
    if (m.pollsUntilReady > 0) return errorReply(422, 'Cannot attach files that have not finished processing. Try again in a moment!');
  }
  if (input.text.trim() === '' && input.mediaIds.length === 0) return errorReply(422, "Validation failed: Text can't be blank");
  if (countStatusLength(input.text, input.spoilerText, l.charactersReservedPerUrl) > l.maxCharacters) {
    return errorReply(422, `Validation failed: Text character limit of ${l.maxCharacters} exceeded`);
  }
  if (input.poll) {
    const p = input.poll;
    if (p.options.length < 2) return errorReply(422, 'Validation failed: Poll must have at least 2 options');
    if (p.options.length > l.pollMaxOptions)
      return errorReply(422, `Validation failed: Poll cannot have more than ${l.pollMaxOptions} options`);
    if (p.options.some((o) => [...o].length > l.pollMaxCharactersPerOption)) {
      return errorReply(422, `Validation failed: Poll contains an option longer than ${l.pollMaxCharactersPerOption} characters`);
    }
    if (p.expiresIn < l.pollMinExpiration || p.expiresIn > l.pollMaxExpiration) {
      return errorReply(422, 'Validation failed: Poll expiration is out of range');
    }
  }
  return null;
}

export function publishStatus(
  core: FakeCore,
  userId: string,
  input: StatusInput,
  extra: { applicationName: string | null; scheduledFrom: string | null },
): FakeStatus {
  const poll: FakePoll | null = input.poll
    ? {
        options: input.poll.options,
        expiresAt: core.now() + input.poll.expiresIn * 1000,
        multiple: input.poll.multiple,
        hideTotals: input.poll.hideTotals,
      }
    : null;
  const status: FakeStatus = {
    id: nextSnowflake(),
    userId,
    text: input.text,
    spoilerText: input.spoilerText,
    visibility: input.visibility,
    language: input.language,
    sensitive: input.sensitive || (input.spoilerText !== '' && input.mediaIds.length > 0),
    inReplyToId: input.inReplyToId,
    mediaIds: input.mediaIds,
    poll,
    createdAt: core.now(),
    applicationName: extra.applicationName,
    scheduledFrom: extra.scheduledFrom,
    favourites: 0,
    reblogs: 0,
    replies: 0,
    quotes: 0,
    deleted: false,
  };
  core.statuses.push(status);
  for (const id of input.mediaIds) {
    const m = core.mediaById.get(id);
    if (m) {
      m.statusId = status.id;
      m.scheduledId = null;
    }
  }
  if (input.inReplyToId) {
    const parent = core.statuses.find((s) => s.id === input.inReplyToId);
    if (parent) parent.replies++;
  }
  for (const m of input.text.matchAll(/(?:^|[^\w/])@(\w+)(?:@([\w.:-]+))?/gu)) {
    const mentioned = [...core.users.values()].find((u) => u.username === m[1] && (!m[2] || m[2] === core.domain));
    if (mentioned && mentioned.id !== userId) {
      core.notifications.push({
        id: nextSnowflake(),
        type: 'mention',
        createdAt: core.now(),
        fromUserId: userId,
        statusId: status.id,
        forUserId: mentioned.id,
      });
    }
  }
  return status;
}

function scheduleLimitsReached(core: FakeCore, userId: string, at: number): string | null {
  const mine = [...core.scheduled.values()].filter((s) => s.userId === userId);
  if (mine.length >= core.settings.scheduledTotalLimit) {
    return `Validation failed: You have exceeded the limit of ${core.settings.scheduledTotalLimit} scheduled posts`;
  }
  const day = new Date(at).toISOString().slice(0, 10);
  if (mine.filter((s) => new Date(s.scheduledAt).toISOString().slice(0, 10) === day).length >= core.settings.scheduledDailyLimit) {
    return `Validation failed: You have exceeded the limit of ${core.settings.scheduledDailyLimit} scheduled posts for today`;
  }
  return null;
}

function createStatus(core: FakeCore, req: FakeRequest): FakeReply {
  const t = requireUser(req, 'write:statuses');
  if ('status' in t) return t;
  const key = req.headers['idempotency-key'];
  const idemKey = typeof key === 'string' && key ? `${t.userId}:${key}` : null;
  const input = readInput(req);
  const rawAt = req.params.string('scheduled_at');
  let scheduledAt: number | null = null;
  if (rawAt) {
    const at = Date.parse(rawAt);
    if (Number.isNaN(at)) return errorReply(422, 'Validation failed: Scheduled at is invalid');
    // A time already past means "now", and a server without scheduling publishes at once.
    if (at > core.now() && !core.settings.ignoresScheduledAt) scheduledAt = at;
  }
  if (idemKey) {
    const seen = core.idempotency.get(idemKey);
    if (seen && core.now() - seen.at < IDEMPOTENCY_MS) {
      if (scheduledAt !== null) {
        const s = seen.kind === 'scheduled' ? core.scheduled.get(seen.id) : undefined;
        return s ? json(200, scheduledEntity(core, s)) : notFound();
      }
      const s = seen.kind === 'status' ? core.statuses.find((x) => x.id === seen.id && !x.deleted) : undefined;
      return s ? json(200, statusEntity(core, s)) : notFound();
    }
  }
  if (input.inReplyToId && !core.statuses.some((s) => s.id === input.inReplyToId && !s.deleted)) return notFound();
  const invalid = validate(core, t.userId, input);
  if (invalid) return invalid;
  const app = t.appId ? [...core.apps.values()].find((a) => a.id === t.appId) : undefined;
  if (scheduledAt !== null) {
    if (scheduledAt <= core.now() + MIN_SCHEDULE_OFFSET_MS) {
      return errorReply(422, 'Validation failed: Scheduled at The scheduled date must be in the future');
    }
    const limit = scheduleLimitsReached(core, t.userId, scheduledAt);
    if (limit) return errorReply(422, limit);
    const params: ScheduledParams = {
      text: input.text,
      spoiler_text: input.spoilerText || null,
      visibility: input.visibility,
      language: input.language,
      sensitive: input.sensitive,
      media_ids: input.mediaIds.length ? input.mediaIds : null,
      poll: input.poll
        ? {
            options: input.poll.options,
            expires_in: input.poll.expiresIn,
            multiple: input.poll.multiple,
            hide_totals: input.poll.hideTotals,
          }
        : null,
      in_reply_to_id: input.inReplyToId,
      application_id: t.appId,
    };
    const s = { id: core.nextScheduledId(), userId: t.userId, scheduledAt, params };
    core.scheduled.set(s.id, s);
    for (const id of input.mediaIds) {
      const m = core.mediaById.get(id);
      if (m) m.scheduledId = s.id;
    }
    if (idemKey) core.idempotency.set(idemKey, { kind: 'scheduled', id: s.id, at: core.now() });
    return json(200, scheduledEntity(core, s));
  }
  const status = publishStatus(core, t.userId, input, { applicationName: app?.name ?? null, scheduledFrom: null });
  if (idemKey) core.idempotency.set(idemKey, { kind: 'status', id: status.id, at: core.now() });
  return json(200, statusEntity(core, status));
}

/** Publishes every scheduled status whose time has come, as the server's background job does. */
export function publishDueScheduled(core: FakeCore): void {
  for (const s of [...core.scheduled.values()].sort((a, b) => a.scheduledAt - b.scheduledAt)) {
    if (s.scheduledAt > core.now()) continue;
    core.scheduled.delete(s.id);
    const p = s.params;
    const app = p.application_id ? [...core.apps.values()].find((a) => a.id === p.application_id) : undefined;
    publishStatus(
      core,
      s.userId,
      {
        text: p.text,
        spoilerText: p.spoiler_text ?? '',
        visibility: p.visibility ?? 'public',
        language: p.language,
        sensitive: p.sensitive ?? false,
        inReplyToId: p.in_reply_to_id,
        mediaIds: p.media_ids ?? [],
        poll: p.poll
          ? { options: [...p.poll.options], expiresIn: p.poll.expires_in, multiple: p.poll.multiple, hideTotals: p.poll.hide_totals }
          : null,
      },
      { applicationName: app?.name ?? null, scheduledFrom: s.id },
    );
  }
}

function visibleTo(s: FakeStatus, viewer: string | null): boolean {
  return !s.deleted && (s.visibility === 'public' || s.visibility === 'unlisted' || s.userId === viewer);
}

export function handleStatuses(core: FakeCore, req: FakeRequest): FakeReply | null {
  const { method, path } = req;
  if (method === 'POST' && path === '/api/v1/statuses') return createStatus(core, req);
  const viewer = req.token?.userId ?? null;
  if (method === 'GET' && path === '/api/v1/statuses') {
    const ids = req.query.getAll('id[]');
    return json(
      200,
      core.statuses.filter((s) => ids.includes(s.id) && visibleTo(s, viewer)).map((s) => statusEntity(core, s)),
    );
  }
  const context = /^\/api\/v1\/statuses\/([^/]+)\/context$/.exec(path);
  if (context && method === 'GET') {
    // GET /api/v1/statuses/:id/context: ancestors oldest first, then descendants in thread order (depth first).
    const status = core.statuses.find((s) => s.id === context[1]);
    if (!status || !visibleTo(status, viewer)) return notFound();
    const ancestors: FakeStatus[] = [];
    for (let p = status.inReplyToId; p; ) {
      const parent = core.statuses.find((s) => s.id === p);
      if (!parent || !visibleTo(parent, viewer)) break;
      ancestors.unshift(parent);
      p = parent.inReplyToId;
    }
    const descendants: FakeStatus[] = [];
    const walk = (id: string) => {
      for (const child of core.statuses.filter((s) => s.inReplyToId === id && visibleTo(s, viewer))) {
        descendants.push(child);
        walk(child.id);
      }
    };
    walk(status.id);
    return json(200, {
      ancestors: ancestors.map((s) => statusEntity(core, s)),
      descendants: descendants.map((s) => statusEntity(core, s)),
    });
  }
  const one = /^\/api\/v1\/statuses\/([^/]+)$/.exec(path);
  if (!one) return null;
  const status = core.statuses.find((s) => s.id === one[1]);
  if (method === 'GET') return status && visibleTo(status, viewer) ? json(200, statusEntity(core, status)) : notFound();
  if (method === 'DELETE') {
    const t = requireUser(req, 'write:statuses');
    if ('status' in t) return t;
    if (!status || status.deleted || status.userId !== t.userId) return notFound();
    status.deleted = true;
    return json(200, { ...statusEntity(core, status), text: status.text });
  }
  return null;
}
