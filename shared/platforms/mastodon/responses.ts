// What Mastodon's channels answer: a server's summary, sign-in flows, hand-off state, trends, mentions, numbers.

import type { AccountWithRule } from '../../contract/accounts';
import type { Problem } from '../../contract/problems';
import type { PostMetrics, SignalPost, TrendItem } from '../../signals';

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
