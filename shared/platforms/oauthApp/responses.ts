// What the browser sign-in with the user's own developer app answers (LinkedIn, X), and those networks' replies.

import type { AccountWithRule } from '../../contract/accounts';
import type { Problem } from '../../contract/problems';

export interface AppOAuthBegun {
  readonly flowId: string;
  /** Open this in the system browser. */
  readonly authorizeUrl: string;
  /** The redirect URL the app must have registered: http://127.0.0.1:PORT/callback. */
  readonly redirectUri: string;
  readonly expiresAt: number;
}

export interface AppOAuthFlowView {
  readonly flowId: string;
  readonly state: 'waiting' | 'exchanging' | 'connected' | 'failed' | 'cancelled' | 'expired';
  readonly message: string | null;
  /** Why the sign-in ended without an account, from the catalog, for pages to word; null while it goes on. */
  readonly problem: Problem | null;
  readonly account: AccountWithRule | null;
}

export interface LinkedinResponses {
  'linkedin.beginOAuth': AppOAuthBegun;
  'linkedin.reconnect': AppOAuthBegun;
  'linkedin.oauthStatus': AppOAuthFlowView;
  'linkedin.cancelOAuth': { readonly flowId: string };
}

export interface XResponses {
  'x.beginOAuth': AppOAuthBegun;
  'x.reconnect': AppOAuthBegun;
  'x.oauthStatus': AppOAuthFlowView;
  'x.cancelOAuth': { readonly flowId: string };
  'x.setPricing': AccountWithRule;
}
