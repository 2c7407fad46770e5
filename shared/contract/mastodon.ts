// Channels for Mastodon: sign in with the browser (or a pasted code), hand-off to the server's scheduler, trends, mentions, numbers.

import { z } from 'zod';
import type { PostMetrics, SignalPost, TrendItem } from '../signals';
import type { AccountWithRule } from './accounts';
import { Id } from './common';
import type { Problem } from './problems';

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

export interface MastodonInstanceSummary {
  readonly origin: string;
  readonly domain: string;
  readonly title: string;
  /** From NodeInfo: mastodon, hometown, pleroma, akkoma, gotosocial… */
  readonly software: string;
  readonly version: string;
  readonly maxCharacters: number;
  readonly maxMediaAttachments: number;
  readonly pkce: boolean;
  /** Whether Kairos hands posts to this server's scheduler by default. */
  readonly serverScheduling: boolean;
}

export interface OAuthBegun {
  readonly flowId: string;
  /** Open this in the system browser (Electron: shell.openExternal; browser mode: a new tab). */
  readonly authorizeUrl: string;
  /** http://127.0.0.1:PORT/callback, or urn:ietf:wg:oauth:2.0:oob when the user pastes a code. */
  readonly redirectUri: string;
  readonly mode: 'loopback' | 'oob';
  readonly instance: MastodonInstanceSummary;
  readonly expiresAt: number;
}

export interface OAuthFlowView {
  readonly flowId: string;
  readonly state: 'waiting' | 'exchanging' | 'connected' | 'failed' | 'cancelled' | 'expired';
  readonly message: string | null;
  /** Why the sign-in ended without an account, from the catalog, for pages to word; null while it goes on. */
  readonly problem: Problem | null;
  readonly account: AccountWithRule | null;
}

export interface HandoffSettingsView {
  readonly accountId: string;
  /** The server can hold scheduled posts. */
  readonly supported: boolean;
  readonly enabled: boolean;
  /** Why Kairos switched it off, when it did. */
  readonly reason: string | null;
  /** Posts this account's server holds for Kairos now. */
  readonly handedOff: number;
}

export interface HandoffSummaryView {
  readonly handedOff: number;
  readonly moved: number;
  readonly pulledBack: number;
  readonly published: number;
  readonly cancelled: number;
  readonly unconfirmed: number;
  readonly keptLocal: number;
  readonly errors: readonly string[];
}

export interface TargetHandoffView {
  readonly targetId: string;
  readonly accountId: string;
  /** scheduled: the server holds it; kept_local: Kairos publishes it itself (see reason); creating/releasing: in progress. */
  readonly state: 'creating' | 'scheduled' | 'releasing' | 'kept_local';
  readonly scheduledFor: number | null;
  readonly reason: string | null;
}

export interface MastodonTrendsView {
  readonly accountId: string;
  readonly fetchedAt: number;
  readonly tags: readonly TrendItem[];
  readonly links: readonly TrendItem[];
  readonly posts: readonly TrendItem[];
}

export interface SignalPostsView {
  readonly accountId: string;
  readonly fetchedAt: number;
  readonly posts: readonly SignalPost[];
}

export interface MastodonResponses {
  'mastodon.inspectInstance': MastodonInstanceSummary;
  'mastodon.beginOAuth': OAuthBegun;
  'mastodon.completeOAuth': AccountWithRule;
  'mastodon.oauthStatus': OAuthFlowView;
  'mastodon.cancelOAuth': { readonly flowId: string };
  'mastodon.handoffSettings': HandoffSettingsView;
  'mastodon.setHandoff': HandoffSettingsView;
  'mastodon.syncHandoff': HandoffSummaryView;
  'mastodon.handoffOfPost': readonly TargetHandoffView[];
  'mastodon.pullBack': HandoffSummaryView;
  'mastodon.trends': MastodonTrendsView;
  'mastodon.tagTimeline': SignalPostsView;
  'mastodon.mentions': SignalPostsView;
  'mastodon.metrics': readonly PostMetrics[];
}
