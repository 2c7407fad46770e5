// Channels for creating, reading and changing posts.

import { z } from 'zod';
import type { HistoryEntry, PostSummary, PostView } from '../domain';
import { POST_STATUSES, VISIBILITIES } from '../domain';
import { Id, WhenSchema } from './common';
import type { Issue, Problem } from './problems';

const Text = z.string().max(100_000);
const Overrides = z.record(z.string(), z.string().max(100_000));
const Labels = z.array(z.string().min(1).max(60)).max(20);

export const PostOptionsSchema = z.object({
  contentWarning: z.string().max(1000).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a language code such as en or it.')
    .optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  sensitive: z.boolean().optional(),
  poll: z
    .object({
      options: z
        .array(z.string().trim().min(1, 'A poll option cannot be empty.').max(200))
        .min(2, 'A poll needs at least two options.')
        .max(10),
      expiresInSeconds: z
        .number()
        .int()
        .min(300)
        .max(31 * 86_400),
      multiple: z.boolean(),
    })
    .optional(),
  noLinkCard: z.boolean().optional(),
  handoff: z.enum(['auto', 'off']).optional(),
  evergreen: z.boolean().optional(),
  evergreenVariants: z.array(z.string().trim().min(1, 'A variation cannot be empty.').max(100_000)).max(20).optional(),
  firstComment: z
    .object({
      text: z.string().trim().min(1, 'Write the first comment, or turn it off.').max(100_000),
      delayMinutes: z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60),
    })
    .optional(),
  silent: z.boolean().optional(),
});

/** Media already added with media.add, placed in a part of the post with its alt text. */
export const MediaRefSchema = z.object({
  id: Id,
  alt: z.string().max(1500).default(''),
  partIndex: z.number().int().min(0).max(50).default(0),
  focus: z
    .object({ x: z.number().min(-1).max(1), y: z.number().min(-1).max(1) })
    .nullable()
    .optional(),
});
const Parts = z.array(Text).max(50);
const MediaRefs = z.array(MediaRefSchema).max(40);
/** Random, made by the caller: letters, digits, - and _, 16 to 64 of them. */
export const ClientRequestId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'A client request id is 16 to 64 letters, digits, - or _.');

/**
 * When a post being written should go: any `When`, or `queue`, the next posting slot free for all of its accounts
 * (see queue.nextSlot), picked and taken in the same write as the post so two windows never take the same slot.
 */
export const PostWhenSchema = z.discriminatedUnion('kind', [...WhenSchema.options, z.object({ kind: z.literal('queue') })]);
export type PostWhen = z.infer<typeof PostWhenSchema>;

/** Which posts a list or the calendar wants: a time range, statuses, an account, search words, at most `limit`. */
const PostFilter = z.object({
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  statuses: z.array(z.enum(POST_STATUSES as [string, ...string[]])).optional(),
  accountId: Id.optional(),
  unscheduled: z.boolean().optional(),
  /** Search box words: all must be found in the post, case and accents folded (shared/search.ts). */
  search: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});

export const postsRequests = {
  'posts.create': z.object({
    text: Text,
    accountIds: z.array(Id).max(50),
    when: PostWhenSchema,
    overrides: Overrides.optional(),
    labels: Labels.optional(),
    options: PostOptionsSchema.optional(),
    parts: Parts.optional(),
    media: MediaRefs.optional(),
    /**
     * The caller's own id for this request: sending it again (after an answer that was lost) gives back the post
     * the first one made instead of a second post. The desktop's outbox sends one with every post it keeps.
     */
    clientRequestId: ClientRequestId.optional(),
  }),
  'posts.update': z.object({
    id: Id,
    text: Text.optional(),
    accountIds: z.array(Id).max(50).optional(),
    overrides: Overrides.optional(),
    labels: Labels.optional(),
    when: PostWhenSchema.optional(),
    options: PostOptionsSchema.optional(),
    parts: Parts.optional(),
    media: MediaRefs.optional(),
    /** The post's updatedAt the change was made from: refused (post_changed_elsewhere) when it changed since. */
    expectedUpdatedAt: z.number().int().nonnegative().optional(),
  }),
  'posts.reschedule': z.object({ id: Id, when: WhenSchema }),
  'posts.cancel': z.object({ id: Id }),
  'posts.delete': z.object({ id: Id }),
  'posts.get': z.object({ id: Id }),
  'posts.list': PostFilter,
  /** What the calendar draws of the same selection: see PostSummary. */
  'posts.summaries': PostFilter,
  'posts.validate': z.object({
    text: Text,
    accountIds: z.array(Id).max(50),
    overrides: Overrides.optional(),
    options: PostOptionsSchema.optional(),
    parts: Parts.optional(),
    media: MediaRefs.optional(),
  }),
} as const;

export interface TargetCheck {
  readonly accountId: string;
  readonly accountLabel: string;
  /** Length of the first part (or the override) as this network counts it. */
  readonly length: number;
  readonly maxLength: number;
  readonly fits: boolean;
  /** The first problem, in English; null when everything fits. */
  readonly problem: string | null;
  /** Every problem this network has with the post (length per part, media, options), in English. */
  readonly problems: readonly string[];
  /** The same problems as codes and params, for pages to word in their language (shared/contract/problems.ts). */
  readonly issues: readonly Issue[];
}

export interface SaveResult {
  readonly post: PostView;
  /** Set when the wall time had to be adjusted (a DST gap or overlap); say it to the user. */
  readonly timeNote: string | null;
  /** The same note as a catalog problem (time_skipped, time_repeated): pages word it in their language. */
  readonly timeNoteProblem: Problem | null;
}

export interface PostsResponses {
  'posts.create': SaveResult;
  'posts.update': SaveResult;
  'posts.reschedule': SaveResult;
  'posts.cancel': PostView;
  'posts.delete': { readonly id: string };
  'posts.get': { readonly post: PostView; readonly history: readonly HistoryEntry[] };
  'posts.list': readonly PostView[];
  'posts.summaries': readonly PostSummary[];
  'posts.validate': readonly TargetCheck[];
}
