// Mastodon and compatible servers: connect with a token (OAuth lives in oauth.ts), publish posts and threads, read signals.

import type { PlatformAdapter } from '../../core/platforms/types';
import { parseInstanceInput } from './address';
import { lengthRuleOf, type MastodonSecret } from './config';
import { verifyAccount } from './connect';
import { discoverInstance } from './discovery';
import { DEFAULT_MEDIA_TIMING, type MediaTiming } from './media';
import { fetchMastodonAccountNumbers, fetchStatusReplies, snapshotStatuses } from './metrics';
import { findPublishedPart, publishParts } from './publish';
import { fetchMentions, fetchMetrics, fetchTrends, searchRecent } from './signals';
import { validateForMastodon } from './validate';

export interface MastodonConnectInput {
  /** mastodon.social, https://example.org or @me@example.org */
  readonly instance: string;
  readonly accessToken: string;
}

export interface MastodonAdapterOptions {
  readonly media?: Partial<MediaTiming>;
}

export function createMastodonAdapter(options: MastodonAdapterOptions = {}): PlatformAdapter<MastodonConnectInput, MastodonSecret> {
  const timing: MediaTiming = { ...DEFAULT_MEDIA_TIMING, ...options.media };
  return {
    id: 'mastodon',
    displayName: 'Mastodon',
    // 300 requests per 5 minutes per account; a post with media takes several, hence one publish every 2 s.
    publishBudget: { perAccount: { burst: 10, refillMs: 2_000 }, perPlatform: null },
    // Reading numbers takes at most one request every 2 s after a burst of 30, leaving most of the 300 to publishing.
    metricsBudget: { perAccount: { burst: 30, refillMs: 2_000 }, perPlatform: null },
    // The panel takes a small share of the same 300 per 5 minutes.
    conversationBudget: { capacity: 60, windowMs: 5 * 60_000 },
    // No probeOrigin: every Mastodon account names its instance, there is no home to fall back to.
    // Servers take an identical repeat but may hide it as spam.
    repeatPolicy: 'discourages',

    async connect(input, signal) {
      const info = await discoverInstance(parseInstanceInput(input.instance));
      return verifyAccount(info, input.accessToken.trim(), null, signal);
    },

    lengthRule: lengthRuleOf,
    validate: validateForMastodon,
    // The server keeps each Idempotency-Key for about an hour: a repeat within it returns the first status.
    idempotentRetry: true,
    repliesToOwnPosts: true,
    publish: (req, ctx) => publishParts(req, ctx, timing),
    findPublished: findPublishedPart,

    fetchTrends,
    searchRecent,
    fetchMentions: (ctx) => fetchMentions(ctx),
    fetchMetrics,
    snapshotPosts: snapshotStatuses,
    fetchReplies: fetchStatusReplies,
    fetchAccountNumbers: fetchMastodonAccountNumbers,
  };
}
