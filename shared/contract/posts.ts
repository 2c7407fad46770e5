// Channels for creating, reading and changing posts.

import { z } from 'zod';
import type { HistoryEntry, PostView } from '../domain';
import { POST_STATUSES } from '../domain';
import { Id, WhenSchema } from './common';

const Text = z.string().max(100_000);
const Overrides = z.record(z.string(), z.string().max(100_000));
const Labels = z.array(z.string().min(1).max(60)).max(20);

export const postsRequests = {
  'posts.create': z.object({
    text: Text,
    accountIds: z.array(Id).max(50),
    when: WhenSchema,
    overrides: Overrides.optional(),
    labels: Labels.optional(),
  }),
  'posts.update': z.object({
    id: Id,
    text: Text.optional(),
    accountIds: z.array(Id).max(50).optional(),
    overrides: Overrides.optional(),
    labels: Labels.optional(),
    when: WhenSchema.optional(),
  }),
  'posts.reschedule': z.object({ id: Id, when: WhenSchema }),
  'posts.cancel': z.object({ id: Id }),
  'posts.delete': z.object({ id: Id }),
  'posts.get': z.object({ id: Id }),
  'posts.list': z.object({
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    statuses: z.array(z.enum(POST_STATUSES as [string, ...string[]])).optional(),
    accountId: Id.optional(),
    unscheduled: z.boolean().optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  }),
  'posts.validate': z.object({
    text: Text,
    accountIds: z.array(Id).max(50),
    overrides: Overrides.optional(),
  }),
} as const;

export interface TargetCheck {
  readonly accountId: string;
  readonly accountLabel: string;
  readonly length: number;
  readonly maxLength: number;
  readonly fits: boolean;
  readonly problem: string | null;
}

export interface SaveResult {
  readonly post: PostView;
  /** Set when the wall time had to be adjusted (a DST gap or overlap); say it to the user. */
  readonly timeNote: string | null;
}

export interface PostsResponses {
  'posts.create': SaveResult;
  'posts.update': SaveResult;
  'posts.reschedule': SaveResult;
  'posts.cancel': PostView;
  'posts.delete': { readonly id: string };
  'posts.get': { readonly post: PostView; readonly history: readonly HistoryEntry[] };
  'posts.list': readonly PostView[];
  'posts.validate': readonly TargetCheck[];
}
