// Handlers for writing, scheduling, listing and cancelling posts.

import type { TargetCheck, When } from '../../../shared/contract';
import type { PostView } from '../../../shared/domain';
import { describeOverflow, measureText } from '../../../shared/platforms/rules';
import { isValidTimeZone, resolveWallTime } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { invalid, KairosError, notFound } from '../errors';
import { newId, newIdempotencyKey } from '../ids';
import type { NewTarget } from '../repos/posts';
import type { HandlerMap } from './types';

/** How far in the past a "scheduled" time may be before we call it a mistake (clock skew, slow typing). */
const PAST_TOLERANCE_MS = 60_000;

interface ResolvedWhen {
  readonly scheduledAt: number | null;
  readonly timeZone: string;
  readonly draft: boolean;
  readonly note: string | null;
}

function resolveWhen(ctx: BackendContext, when: When, fallbackZone: string): ResolvedWhen {
  const now = ctx.clock.now();
  switch (when.kind) {
    case 'now':
      return { scheduledAt: now, timeZone: fallbackZone, draft: false, note: null };
    case 'draft': {
      const tz = when.timeZone ?? fallbackZone;
      if (!isValidTimeZone(tz)) throw invalid(`"${tz}" is not a known time zone (use a name like Europe/Rome).`, 'timeZone');
      return { scheduledAt: null, timeZone: tz, draft: true, note: null };
    }
    case 'instant': {
      if (!isValidTimeZone(when.timeZone))
        throw invalid(`"${when.timeZone}" is not a known time zone (use a name like Europe/Rome).`, 'timeZone');
      if (when.at < now - PAST_TOLERANCE_MS) throw invalid('That time is in the past. Pick a time from now on, or post now.', 'when');
      return { scheduledAt: when.at, timeZone: when.timeZone, draft: false, note: null };
    }
    case 'at': {
      const r = resolveWallTime(when.wall);
      if (r.kind === 'invalid') throw invalid(r.error, r.error.includes('time zone') ? 'timeZone' : 'when');
      if (r.instant < now - PAST_TOLERANCE_MS) {
        throw invalid(
          `${when.wall.date} ${when.wall.time} (${when.wall.timeZone}) is in the past. Pick a time from now on, or post now.`,
          'when',
        );
      }
      return { scheduledAt: r.instant, timeZone: when.wall.timeZone, draft: false, note: r.kind === 'exact' ? null : r.note };
    }
  }
}

export function checkTargets(
  ctx: BackendContext,
  text: string,
  accountIds: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
): TargetCheck[] {
  return accountIds.map((id) => {
    const account = ctx.accounts.get(id);
    if (!account) throw new KairosError('invalid_input', `There is no account "${id}". Run "accounts list" to see yours.`, 'accountIds');
    const adapter = ctx.platforms.get(account.platform);
    if (!adapter) throw new KairosError('invalid_input', `Kairos cannot publish to ${account.platform} in this version.`, 'accountIds');
    const body = overrides[id] ?? text;
    const rule = adapter.lengthRule(account);
    const m = measureText(body, rule);
    const label = `${account.name} (${adapter.displayName})`;
    const problem = describeOverflow(m, label) ?? adapter.validate(body, account)[0] ?? null;
    return { accountId: id, accountLabel: label, length: m.length, maxLength: m.maxLength, fits: problem === null, problem };
  });
}

function assertPublishable(checks: readonly TargetCheck[]): void {
  const bad = checks.find((c) => !c.fits);
  if (bad) throw invalid(bad.problem ?? 'The text does not fit.', 'text');
}

function targetsFor(ctx: BackendContext, accountIds: readonly string[], overrides: Readonly<Record<string, string>>): NewTarget[] {
  const now = ctx.clock.now();
  return [...new Set(accountIds)].map((accountId) => ({
    id: newId('tgt', now),
    accountId,
    textOverride: overrides[accountId] ?? null,
    idempotencyKey: newIdempotencyKey(),
  }));
}

function requirePost(ctx: BackendContext, id: string): PostView {
  const post = ctx.posts.get(id);
  if (!post) throw notFound('That post');
  return post;
}

function assertEditable(post: PostView): void {
  if (post.targets.some((t) => t.status === 'publishing')) {
    throw new KairosError('conflict', 'This post is being published right now; wait a moment and try again.');
  }
  if (post.targets.length > 0 && post.targets.every((t) => t.status === 'published')) {
    throw new KairosError('conflict', 'This post is already published; published posts cannot be changed or moved.');
  }
}

function overridesOf(post: PostView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of post.targets) if (t.textOverride !== null) out[t.accountId] = t.textOverride;
  return out;
}

export function postHandlers(
  ctx: BackendContext,
): HandlerMap<
  'posts.create' | 'posts.update' | 'posts.reschedule' | 'posts.cancel' | 'posts.delete' | 'posts.get' | 'posts.list' | 'posts.validate'
> {
  const changed = (post: PostView) => {
    ctx.emit({ type: 'posts.changed', postIds: [post.id] });
    ctx.scheduler.wake();
  };

  return {
    'posts.create': (req) => {
      const overrides = req.overrides ?? {};
      const when = resolveWhen(ctx, req.when, ctx.setting('timeZone'));
      const checks = checkTargets(ctx, req.text, req.accountIds, overrides);
      if (!when.draft) {
        if (req.accountIds.length === 0) throw invalid('Pick at least one account to post to, or save it as a draft.', 'accountIds');
        assertPublishable(checks);
      }
      const now = ctx.clock.now();
      const post = ctx.posts.create(
        {
          id: newId('post', now),
          text: req.text,
          timeZone: when.timeZone,
          scheduledAt: when.scheduledAt,
          labels: req.labels ?? [],
          draft: when.draft,
          targets: targetsFor(ctx, req.accountIds, overrides),
          now,
        },
        ctx.actor,
      );
      changed(post);
      return { post, timeNote: when.note };
    },

    'posts.update': (req) => {
      const post = requirePost(ctx, req.id);
      assertEditable(post);
      const text = req.text ?? post.text;
      const accountIds = req.accountIds ?? post.targets.map((t) => t.accountId);
      const overrides = req.overrides ?? overridesOf(post);
      const when: ResolvedWhen = req.when
        ? resolveWhen(ctx, req.when, post.timeZone)
        : { scheduledAt: post.scheduledAt, timeZone: post.timeZone, draft: post.status === 'draft', note: null };
      const checks = checkTargets(ctx, text, accountIds, overrides);
      if (!when.draft) {
        if (accountIds.length === 0) throw invalid('Pick at least one account to post to, or save it as a draft.', 'accountIds');
        assertPublishable(checks);
      }
      const updated = ctx.posts.update(
        post.id,
        {
          text,
          labels: req.labels ?? post.labels,
          timeZone: when.timeZone,
          scheduledAt: when.scheduledAt,
          draft: when.draft,
          targets: targetsFor(ctx, accountIds, overrides),
          now: ctx.clock.now(),
          eventKind: req.when && when.scheduledAt !== post.scheduledAt ? 'edited and rescheduled' : 'edited',
          detail: when.scheduledAt === null ? null : new Date(when.scheduledAt).toISOString(),
        },
        ctx.actor,
      );
      changed(updated);
      return { post: updated, timeNote: when.note };
    },

    'posts.reschedule': (req) => {
      const post = requirePost(ctx, req.id);
      assertEditable(post);
      const when = resolveWhen(ctx, req.when, post.timeZone);
      const accountIds = post.targets.map((t) => t.accountId);
      if (!when.draft) {
        if (accountIds.length === 0) throw invalid('This draft has no accounts yet; open it and pick where it goes.', 'accountIds');
        assertPublishable(checkTargets(ctx, post.text, accountIds, overridesOf(post)));
      }
      const updated = ctx.posts.update(
        post.id,
        {
          text: post.text,
          labels: post.labels,
          timeZone: when.timeZone,
          scheduledAt: when.scheduledAt,
          draft: when.draft,
          targets: targetsFor(ctx, accountIds, overridesOf(post)),
          now: ctx.clock.now(),
          eventKind: when.draft ? 'moved to drafts' : 'rescheduled',
          detail: when.scheduledAt === null ? null : new Date(when.scheduledAt).toISOString(),
        },
        ctx.actor,
      );
      changed(updated);
      return { post: updated, timeNote: when.note };
    },

    'posts.cancel': ({ id }) => {
      const post = requirePost(ctx, id);
      const updated = ctx.posts.cancel(post.id, ctx.clock.now(), ctx.actor);
      changed(updated);
      return updated;
    },

    'posts.delete': ({ id }) => {
      const post = requirePost(ctx, id);
      if (post.targets.some((t) => t.status === 'publishing')) {
        throw new KairosError('conflict', 'This post is being published right now; wait a moment and try again.');
      }
      ctx.posts.delete(id);
      ctx.emit({ type: 'posts.changed', postIds: [id] });
      return { id };
    },

    'posts.get': ({ id }) => ({ post: requirePost(ctx, id), history: ctx.posts.history(id) }),

    'posts.list': (req) =>
      ctx.posts.list({
        ...(req.from !== undefined ? { from: req.from } : {}),
        ...(req.to !== undefined ? { to: req.to } : {}),
        ...(req.statuses ? { statuses: req.statuses } : {}),
        ...(req.accountId ? { accountId: req.accountId } : {}),
        ...(req.unscheduled ? { unscheduled: true } : {}),
        ...(req.limit ? { limit: req.limit } : {}),
      }),

    'posts.validate': (req) => checkTargets(ctx, req.text, req.accountIds, req.overrides ?? {}),
  };
}
