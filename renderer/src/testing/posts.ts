// Post values for the renderer's unit tests: the shape the backend sends, with only what a test cares about set.

import { type PostStatus, type PostSummary, type PostView, summaryOf, type TargetStatus } from '../../../shared/domain';

let next = 1;

export function postAt(
  scheduledAt: number | null,
  over: Partial<Omit<PostView, 'scheduledAt'>> & { readonly accountIds?: readonly string[]; readonly targetStatus?: PostStatus } = {},
): PostView {
  const id = over.id ?? `post_${next++}`;
  const status = over.status ?? (scheduledAt === null ? 'draft' : 'scheduled');
  const { accountIds = ['acc_1'], targetStatus, ...rest } = over;
  return {
    id,
    text: `Post ${id}`,
    timeZone: 'UTC',
    scheduledAt,
    status,
    labels: [],
    options: {},
    parts: [],
    media: [],
    targets: accountIds.map((accountId, i) => ({
      id: `${id}_t${i}`,
      accountId,
      status: (targetStatus ?? (status === 'partial' ? 'published' : status)) as TargetStatus,
      textOverride: null,
      attempts: 0,
      nextAttemptAt: null,
      remoteId: null,
      remoteUrl: null,
      lastError: null,
      publishedAt: null,
      partsPublished: 0,
    })),
    createdAt: 0,
    updatedAt: 0,
    ...rest,
  };
}

/** What the calendar receives of such a post (posts.summaries). */
export function summaryAt(scheduledAt: number | null, over: Parameters<typeof postAt>[1] = {}): PostSummary {
  return summaryOf(postAt(scheduledAt, over));
}
