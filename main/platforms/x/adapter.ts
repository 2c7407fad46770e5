// X through the user's own developer app: sign-in (service.ts), weighted length, threads, media, spending cap, signals.

import { DEFAULT_RULES } from '../../../shared/platforms/rules';
import { type Clock, systemClock } from '../../core/clock';
import type { PlatformAdapter } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { type XSecret, xConfigOf } from './config';
import { DEFAULT_X_MEDIA_TIMING, type XMediaTiming } from './media';
import { fetchXAccountNumbers, fetchXReplies, snapshotXPosts, X_LOOKUP_BATCH } from './metrics';
import { findPublishedOnX, publishToX } from './publish';
import { fetchXMentions, fetchXMetrics, searchXRecent } from './signals';
import { validateForX } from './validate';

export interface XAdapterOptions {
  readonly clock?: Clock;
  readonly media?: Partial<XMediaTiming>;
}

export function createXAdapter(options: XAdapterOptions = {}): PlatformAdapter<unknown, XSecret> {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const timing: XMediaTiming = { ...DEFAULT_X_MEDIA_TIMING, ...options.media };
  return {
    id: 'x',
    displayName: 'X',
    // 100 posts per 15 minutes per user; the app's daily cap is shared by its accounts.
    publishBudget: { perAccount: { burst: 10, refillMs: 9_000 }, perPlatform: { burst: 50, refillMs: 1_000 } },
    // Every read post is billed and the lowest tiers allow 15 lookups per 15 minutes per user: one a minute
    // (100 posts each), after a burst of 5.
    metricsBudget: { perAccount: { burst: 5, refillMs: 60_000 }, perPlatform: null },
    // Every read is charged, so the panel asks rarely.
    conversationBudget: { capacity: 5, windowMs: 5 * 60_000 },
    probeOrigin: 'https://api.x.com',
    // X rejects an exact repeat.
    repeatPolicy: 'refuses',

    async connect() {
      throw new PlatformError('invalid', 'Connect X with the browser sign-in: Accounts → X, or "kairos accounts add x".');
    },

    lengthRule: () => DEFAULT_RULES.x,
    validate: (draft) => validateForX(draft),
    publish: (req, ctx) => publishToX(req, ctx, timing, now),
    // X takes no idempotency key; an unknown outcome is settled by reading the account's latest posts.
    idempotentRetry: false,
    // A first comment is the thread's next part, a reply by the same account; it passes the same spending cap.
    repliesToOwnPosts: true,
    findPublished: (req, part, ctx) => findPublishedOnX(req, part, ctx, now),
    postCost: (account) => {
      const cfg = xConfigOf(account);
      return { ...cfg.pricing, spend: cfg.spend ?? { month: '', mills: 0, posts: 0 } };
    },

    fetchMentions: (ctx) => fetchXMentions(ctx, now),
    searchRecent: (query, ctx) => searchXRecent(query, ctx, now),
    fetchMetrics: (posts, ctx) => fetchXMetrics(posts, ctx, now),
    snapshotPosts: (posts, ctx) => snapshotXPosts(posts, ctx, now),
    snapshotBatchSize: X_LOOKUP_BATCH,
    fetchReplies: (post, ctx) => fetchXReplies(post, ctx, now),
    fetchAccountNumbers: (ctx) => fetchXAccountNumbers(ctx, now),
  };
}
