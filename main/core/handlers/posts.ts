// Handlers for writing, scheduling, listing and cancelling posts.

import type { PostWhen, SaveResult, TargetCheck, When } from '../../../shared/contract';
import { type Issue, issue, type Problem, wordsForIssue } from '../../../shared/contract/problems';
import type { PostOptions, PostView } from '../../../shared/domain';
import { measureText, overflowIssue } from '../../../shared/platforms/rules';
import { isValidTimeZone, resolveWallTimeOrProblem } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { fail, KairosError, notFound, timeNoteOf } from '../errors';
import { newId, newIdempotencyKey, postIdForRequest } from '../ids';
import type { NewTarget } from '../publishing/store';
import { QueueSlots } from '../queue/queueSlots';
import type { StoredAccount } from '../repos/accounts';
import type { MediaAttachment, StoredMedia } from '../repos/media';
import type { ListFilter } from '../repos/posts';
import type { SlotWrite } from '../stores/types';
import type { HandlerMap } from './types';

/** How far in the past a "scheduled" time may be before we call it a mistake (clock skew, slow typing). */
const PAST_TOLERANCE_MS = 60_000;

interface ResolvedWhen {
  readonly scheduledAt: number | null;
  readonly timeZone: string;
  readonly draft: boolean;
  /** What DST did to the wall time, from the catalog (time_skipped, time_repeated). */
  readonly note: Problem | null;
}

function resolveWhen(ctx: BackendContext, when: When, fallbackZone: string): ResolvedWhen {
  const now = ctx.clock.now();
  switch (when.kind) {
    case 'now':
      return { scheduledAt: now, timeZone: fallbackZone, draft: false, note: null };
    case 'draft': {
      const tz = when.timeZone ?? fallbackZone;
      if (!isValidTimeZone(tz)) throw fail('time_zone_unknown', { timeZone: tz }, 'timeZone');
      return { scheduledAt: null, timeZone: tz, draft: true, note: null };
    }
    case 'instant': {
      if (!isValidTimeZone(when.timeZone)) throw fail('time_zone_unknown', { timeZone: when.timeZone }, 'timeZone');
      if (when.at < now - PAST_TOLERANCE_MS) throw fail('time_past', { or: 'post_now' }, 'when');
      return { scheduledAt: when.at, timeZone: when.timeZone, draft: false, note: null };
    }
    case 'at': {
      const r = resolveWallTimeOrProblem(when.wall);
      if (r.kind === 'invalid') throw new KairosError(r.problem, r.problem.code === 'time_zone_unknown' ? 'timeZone' : 'when');
      if (r.instant < now - PAST_TOLERANCE_MS) {
        throw fail('wall_time_past', { date: when.wall.date, time: when.wall.time, timeZone: when.wall.timeZone }, 'when');
      }
      return { scheduledAt: r.instant, timeZone: when.wall.timeZone, draft: false, note: r.kind === 'exact' ? null : r.notice };
    }
  }
}

/** Everything about a post's content, normalised from a request or from the stored post. */
interface Content {
  readonly text: string;
  readonly accountIds: readonly string[];
  readonly overrides: Readonly<Record<string, string>>;
  readonly labels: readonly string[];
  readonly options: PostOptions;
  readonly parts: readonly string[];
  readonly media: readonly MediaAttachment[];
}

async function storedMediaFor(ctx: BackendContext, refs: readonly MediaAttachment[]): Promise<StoredMedia[]> {
  const out: StoredMedia[] = [];
  for (const r of refs) {
    const m = await ctx.media.get(r.id);
    if (!m) throw fail('media_gone', { id: r.id }, 'media');
    out.push({ ...m, alt: r.alt, partIndex: r.partIndex, focus: r.focus ?? null });
  }
  return out;
}

export async function checkTargets(ctx: BackendContext, c: Omit<Content, 'labels'>): Promise<TargetCheck[]> {
  const media = await storedMediaFor(ctx, c.media);
  const accounts = new Map<string, StoredAccount | null>();
  for (const id of c.accountIds) accounts.set(id, await ctx.accounts.get(id));
  return checkTargetsWith(ctx, (id) => accounts.get(id) ?? null, media, c);
}

/** checkTargets over accounts and media already read (an import reads each account once for thousands of rows). */
export function checkTargetsWith(
  ctx: Pick<BackendContext, 'platforms'>,
  accountOf: (id: string) => StoredAccount | null,
  media: readonly StoredMedia[],
  c: Omit<Content, 'labels' | 'media'>,
): TargetCheck[] {
  return c.accountIds.map((id) => {
    const account = accountOf(id);
    if (!account) throw fail('unknown_account_id', { id }, 'accountIds');
    const adapter = ctx.platforms.get(account.platform);
    if (!adapter) throw fail('platform_not_publishable', { platform: account.platform }, 'accountIds');
    const body = c.overrides[id] ?? c.text;
    const rule = adapter.lengthRule(account);
    const label = `${account.name} (${adapter.displayName})`;
    const first = measureText(body, rule);
    const issues: Issue[] = [];
    const overflow = overflowIssue(first, { account: label, part: null });
    if (overflow) issues.push(overflow);
    c.parts.forEach((part, i) => {
      const o = overflowIssue(measureText(part, rule), { account: label, part: i + 2 });
      if (o) issues.push(o);
      if (part.trim() === '' && !media.some((x) => x.partIndex === i + 1)) issues.push(issue('empty_part', { part: i + 2 }));
    });
    const own = adapter.validate({ text: body, parts: c.parts, media, options: c.options }, account);
    issues.push(...own.map((p) => ({ ...p, account: label })));
    // A first comment goes out later as a reply: it must fit the same network now, not fail after the post.
    const comment = c.options.firstComment;
    if (comment && adapter.repliesToOwnPosts) {
      const o = overflowIssue(measureText(comment.text, rule), { account: label, part: null, firstComment: true });
      if (o) issues.push(o);
    }
    const problems = issues.map((i) => wordsForIssue(i));
    return {
      accountId: id,
      accountLabel: label,
      length: first.length,
      maxLength: first.maxLength,
      fits: problems.length === 0,
      problem: problems[0] ?? null,
      problems,
      issues,
    };
  });
}

function assertPublishable(checks: readonly TargetCheck[]): void {
  const bad = checks.find((c) => !c.fits);
  if (bad) throw fail('post_does_not_fit', { issue: bad.issues[0] ?? null }, 'text');
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

/** A list request as the repository's filter: only what was given. */
function listFilter(req: {
  from?: number | undefined;
  to?: number | undefined;
  statuses?: string[] | undefined;
  accountId?: string | undefined;
  unscheduled?: boolean | undefined;
  search?: string | undefined;
  limit?: number | undefined;
}): ListFilter {
  return {
    ...(req.from !== undefined ? { from: req.from } : {}),
    ...(req.to !== undefined ? { to: req.to } : {}),
    ...(req.statuses ? { statuses: req.statuses } : {}),
    ...(req.accountId ? { accountId: req.accountId } : {}),
    ...(req.unscheduled ? { unscheduled: true } : {}),
    ...(req.search?.trim() ? { search: req.search } : {}),
    ...(req.limit ? { limit: req.limit } : {}),
  };
}

async function requirePost(ctx: BackendContext, id: string): Promise<PostView> {
  const post = await ctx.posts.get(id);
  if (!post) throw notFound('post');
  return post;
}

function assertEditable(post: PostView): void {
  if (post.targets.some((t) => t.status === 'publishing')) {
    throw fail('publishing_now', {});
  }
  if (post.targets.length > 0 && post.targets.every((t) => t.status === 'published')) {
    throw fail('already_published', {});
  }
}

function overridesOf(post: PostView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of post.targets) if (t.textOverride !== null) out[t.accountId] = t.textOverride;
  return out;
}

function contentOf(post: PostView): Content {
  return {
    text: post.text,
    accountIds: post.targets.map((t) => t.accountId),
    overrides: overridesOf(post),
    labels: post.labels,
    options: post.options,
    parts: post.parts,
    media: post.media.map((m) => ({ id: m.id, alt: m.alt, partIndex: m.partIndex, focus: m.focus })),
  };
}

/**
 * The one history line a saved change writes. A draft given a time (autosave made it, then Schedule, Post now or
 * Add to queue carried the last edits along) reads "scheduled" with the time, not "edited" as well.
 */
function updateKind(post: PostView, when: ResolvedWhen, timed: boolean): string {
  if (!timed) return 'edited';
  if (post.status === 'draft' && !when.draft) return 'scheduled';
  return when.scheduledAt !== post.scheduledAt ? 'edited and rescheduled' : 'edited';
}

/** Checks that the content can be scheduled (accounts chosen, everything fits) unless it stays a draft. */
async function assertSchedulable(ctx: BackendContext, c: Content, draft: boolean): Promise<void> {
  const checks = await checkTargets(ctx, c);
  if (draft) return;
  if (c.accountIds.length === 0) throw fail('pick_an_account', {}, 'accountIds');
  assertPublishable(checks);
}

export function postHandlers(
  ctx: BackendContext,
): HandlerMap<
  | 'posts.create'
  | 'posts.update'
  | 'posts.reschedule'
  | 'posts.cancel'
  | 'posts.delete'
  | 'posts.get'
  | 'posts.list'
  | 'posts.summaries'
  | 'posts.validate'
> {
  const queue = new QueueSlots(ctx);

  /**
   * Resolves the time, checks the content and writes the post `write` describes. `queue` picks the next free
   * slot inside the write transaction, so no other window or process can take it between the pick and the write.
   */
  const writeAt = async (
    when: PostWhen,
    fallbackZone: string,
    content: Content,
    write: (resolved: ResolvedWhen) => SlotWrite,
  ): Promise<SaveResult> => {
    if (when.kind !== 'queue') {
      const resolved = resolveWhen(ctx, when, fallbackZone);
      await assertSchedulable(ctx, content, resolved.draft);
      return { post: await written(write(resolved)), ...timeNoteOf(resolved.note) };
    }
    await assertSchedulable(ctx, content, false);
    const { slot, post } = await queue.take(content.accountIds, (slot) =>
      write({ scheduledAt: slot.at, timeZone: slot.timeZone, draft: false, note: slot.noteProblem }),
    );
    return { post, ...timeNoteOf(slot.noteProblem) };
  };

  /** Makes the write a SlotWrite describes (outside a slot: at a time the user gave, or none). */
  const written = (w: SlotWrite): Promise<PostView> =>
    'create' in w ? ctx.posts.create(w.create, w.actor) : ctx.posts.update(w.update.id, w.update.change, w.actor);

  const changed = (post: PostView) => {
    ctx.emit({ type: 'posts.changed', postIds: [post.id] });
    ctx.scheduler.wake();
  };

  /** Writes a checked change of an existing post, with the history line that names it. */
  const update = (post: PostView, content: Content, when: ResolvedWhen, eventKind: string): SlotWrite => ({
    update: {
      id: post.id,
      change: {
        ...content,
        timeZone: when.timeZone,
        scheduledAt: when.scheduledAt,
        draft: when.draft,
        targets: targetsFor(ctx, content.accountIds, content.overrides),
        now: ctx.clock.now(),
        eventKind,
        detail: when.scheduledAt === null ? null : new Date(when.scheduledAt).toISOString(),
      },
    },
    actor: ctx.actor,
  });

  const save = async (post: PostView, content: Content, when: ResolvedWhen, eventKind: string): Promise<SaveResult> => {
    const updated = await written(update(post, content, when, eventKind));
    changed(updated);
    return { post: updated, ...timeNoteOf(when.note) };
  };

  return {
    'posts.create': async (req) => {
      const content: Content = {
        text: req.text,
        accountIds: req.accountIds,
        overrides: req.overrides ?? {},
        labels: req.labels ?? [],
        options: req.options ?? {},
        parts: req.parts ?? [],
        media: req.media ?? [],
      };
      // A resend of a request whose answer was lost: the post it made, not a second one.
      const requested = req.clientRequestId ? postIdForRequest(req.clientRequestId) : null;
      const madeBefore = async (): Promise<SaveResult | null> => {
        const post = requested ? await ctx.posts.get(requested) : null;
        return post ? { post, timeNote: null, timeNoteProblem: null } : null;
      };
      const earlier = await madeBefore();
      if (earlier) return earlier;
      const write = (when: ResolvedWhen): SlotWrite => {
        const now = ctx.clock.now();
        return {
          create: {
            id: requested ?? newId('post', now),
            text: content.text,
            timeZone: when.timeZone,
            scheduledAt: when.scheduledAt,
            labels: content.labels,
            options: content.options,
            parts: content.parts,
            media: content.media,
            draft: when.draft,
            targets: targetsFor(ctx, content.accountIds, content.overrides),
            now,
          },
          actor: ctx.actor,
        };
      };
      let saved: SaveResult;
      try {
        saved = await writeAt(req.when, ctx.setting('timeZone'), content, write);
      } catch (e) {
        // Two sends of one request at once: the other one's insert won; answer with its post.
        const raced = await madeBefore();
        if (raced) return raced;
        throw e;
      }
      changed(saved.post);
      return saved;
    },

    'posts.update': async (req) => {
      const post = await requirePost(ctx, req.id);
      // Made from an older version (offline, or in another window): theirs is not overwritten.
      if (req.expectedUpdatedAt !== undefined && post.updatedAt !== req.expectedUpdatedAt) throw fail('post_changed_elsewhere', {});
      assertEditable(post);
      const before = contentOf(post);
      const content: Content = {
        text: req.text ?? before.text,
        accountIds: req.accountIds ?? before.accountIds,
        overrides: req.overrides ?? before.overrides,
        labels: req.labels ?? before.labels,
        options: req.options ?? before.options,
        parts: req.parts ?? before.parts,
        media: req.media ?? before.media,
      };
      if (!req.when) {
        const kept: ResolvedWhen = { scheduledAt: post.scheduledAt, timeZone: post.timeZone, draft: post.status === 'draft', note: null };
        await assertSchedulable(ctx, content, kept.draft);
        return save(post, content, kept, updateKind(post, kept, false));
      }
      const saved = await writeAt(req.when, post.timeZone, content, (when) => update(post, content, when, updateKind(post, when, true)));
      changed(saved.post);
      return saved;
    },

    'posts.reschedule': async (req) => {
      const post = await requirePost(ctx, req.id);
      assertEditable(post);
      const when = resolveWhen(ctx, req.when, post.timeZone);
      const content = contentOf(post);
      if (!when.draft && content.accountIds.length === 0) {
        throw fail('draft_without_accounts', {}, 'accountIds');
      }
      await assertSchedulable(ctx, content, when.draft);
      return save(post, content, when, when.draft ? 'moved to drafts' : 'rescheduled');
    },

    'posts.cancel': async ({ id }) => {
      const post = await requirePost(ctx, id);
      const updated = await ctx.posts.cancel(post.id, ctx.clock.now(), ctx.actor);
      changed(updated);
      return updated;
    },

    'posts.delete': async ({ id }) => {
      const post = await requirePost(ctx, id);
      if (post.targets.some((t) => t.status === 'publishing')) {
        throw fail('publishing_now', {});
      }
      await ctx.posts.delete(id, ctx.clock.now());
      ctx.emit({ type: 'posts.changed', postIds: [id] });
      return { id };
    },

    'posts.get': async ({ id }) => ({ post: await requirePost(ctx, id), history: await ctx.posts.history(id) }),

    'posts.list': (req) => ctx.posts.list(listFilter(req)),

    'posts.summaries': (req) => ctx.posts.summaries(listFilter(req)),

    'posts.validate': (req) =>
      checkTargets(ctx, {
        text: req.text,
        accountIds: req.accountIds,
        overrides: req.overrides ?? {},
        options: req.options ?? {},
        parts: req.parts ?? [],
        media: req.media ?? [],
      }),
  };
}
