// Mastodon in the contract: the connect form (a pasted access token, for the advanced path) and its channels, sign
// in with the browser (or a pasted code), hand-off to the server's scheduler, trends, mentions, numbers. The replies
// are in responses.ts.

import { z } from 'zod';
import { Id } from '../../contract/common';
import { AccountName, type NetworkDefinition } from '../network';

const Instance = z.string().trim().min(1, 'Type your server, e.g. mastodon.social.').max(300);

export const mastodonRequests = {
  /** What a server is, before connecting: software, version, limits, whether it can hold scheduled posts. */
  'mastodon.inspectInstance': z.object({ instance: Instance }),
  /**
   * Starts signing in: returns the page to open in the system browser. With `loopback` the server sends the
   * browser back to Kairos on 127.0.0.1; with `oob` it shows a code to paste into mastodon.completeOAuth.
   * `accountId` logs an existing account in again, keeping its posts.
   */
  'mastodon.beginOAuth': z.object({
    instance: Instance,
    name: z.string().trim().min(1, 'Give the account a name.').max(80).optional(),
    accountId: Id.optional(),
    redirect: z.enum(['loopback', 'oob']).default('loopback'),
  }),
  'mastodon.completeOAuth': z.object({
    flowId: Id,
    code: z.string().trim().min(1, 'Paste the code the server showed you.').max(1000),
  }),
  'mastodon.oauthStatus': z.object({ flowId: Id }),
  'mastodon.cancelOAuth': z.object({ flowId: Id }),
  'mastodon.handoffSettings': z.object({ accountId: Id }),
  'mastodon.setHandoff': z.object({ accountId: Id, enabled: z.boolean() }),
  /** Runs a hand-off pass now (it also runs by itself); `reconcile` compares with the servers' lists too. */
  'mastodon.syncHandoff': z.object({ reconcile: z.boolean().optional() }).optional(),
  'mastodon.handoffOfPost': z.object({ postId: Id }),
  /** Takes handed-off posts back from the servers (all, or one account's), e.g. for the crisis brake. */
  'mastodon.pullBack': z.object({ accountId: Id.optional(), reason: z.string().trim().max(300).optional() }),
  'mastodon.trends': z.object({ accountId: Id }),
  'mastodon.tagTimeline': z.object({
    accountId: Id,
    tag: z
      .string()
      .trim()
      .regex(/^#?[\p{L}\p{N}_]+$/u, 'Type a hashtag, e.g. #photography.'),
    limit: z.number().int().min(1).max(40).optional(),
  }),
  'mastodon.mentions': z.object({ accountId: Id }),
  /** Favourites, boosts and replies of published posts (one post, or those of the last two days); `refresh` asks the servers now. */
  'mastodon.metrics': z.object({ postId: Id.optional(), refresh: z.boolean().optional() }),
} as const;

export const mastodonNetwork = {
  id: 'mastodon',
  connect: z.object({
    platform: z.literal('mastodon'),
    name: AccountName,
    /** mastodon.social, https://example.org or @me@example.org */
    instance: z.string().trim().min(1, 'Type your instance, e.g. mastodon.social.'),
    /** An access token pasted by the user (advanced); the OAuth flow uses the mastodon.* channels instead. */
    accessToken: z.string().trim().min(1, 'Paste an access token.'),
  }),
  requests: mastodonRequests,
  metricSource: 'mastodon-server',
} as const satisfies NetworkDefinition;
