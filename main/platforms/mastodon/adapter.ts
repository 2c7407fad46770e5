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
