// Channels for evergreen queues (a label's evergreen posts re-posted into free slots) and first-comment status.

import { z } from 'zod';
import { Id } from './common';
import type { Problem } from './problems';

const Label = z.string().min(1).max(60);

export const evergreenRequests = {
  'evergreen.queues.list': z.object({}).optional(),
  /** Creates or changes a label's queue. */
  'evergreen.queues.set': z.object({
    label: Label,
    minIntervalDays: z.number().int().min(1, 'Re-post a post at most once a day.').max(3650),
    /** The last day (YYYY-MM-DD, in the app's zone) a re-post may be scheduled on; null for no end. */
    stopDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the stop date as YYYY-MM-DD.')
      .nullable()
      .optional(),
    active: z.boolean().default(true),
  }),
  'evergreen.queues.remove': z.object({ label: Label }),
  /** Fills free slots now instead of waiting for the scheduler's next pass. */
  'evergreen.fill': z.object({}).optional(),
  'followups.ofPost': z.object({ postId: Id }),
} as const;

export interface EvergreenPostView {
  readonly postId: string;
  readonly excerpt: string;
  readonly accountIds: readonly string[];
  /** When it last went out (or is due to), original or copy; null if never. */
  readonly lastOutAt: number | null;
  /** The earliest time the minimum interval allows its next re-post. */
  readonly nextEligibleAt: number | null;
  readonly copies: number;
  readonly variants: number;
  readonly upcoming: { readonly postId: string; readonly at: number } | null;
  /** Per-network warnings: duplicates refused or frowned on, variations that do not fit. */
  readonly warnings: readonly string[];
  /** The same warnings from the catalog, in the same order, for pages to word. */
  readonly warningList: readonly Problem[];
}

export interface EvergreenQueueView {
  readonly label: string;
  readonly minIntervalDays: number;
  readonly stopDate: string | null;
  readonly timeZone: string;
  readonly active: boolean;
  /** Oldest first: the order the queue re-posts them in. */
  readonly posts: readonly EvergreenPostView[];
}

export interface FollowUpView {
  readonly targetId: string;
  readonly accountId: string;
  readonly status: 'waiting' | 'publishing' | 'published' | 'failed' | 'unconfirmed';
  readonly dueAt: number;
  readonly attempts: number;
  readonly remoteUrl: string | null;
  readonly lastError: string | null;
}

export interface EvergreenResponses {
  'evergreen.queues.list': readonly EvergreenQueueView[];
  'evergreen.queues.set': EvergreenQueueView;
  'evergreen.queues.remove': { readonly label: string };
  'evergreen.fill': { readonly created: readonly { readonly postId: string; readonly sourcePostId: string; readonly at: number }[] };
  'followups.ofPost': readonly FollowUpView[];
}
