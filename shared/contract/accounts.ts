// Channels for connecting and managing the accounts posts go to.

import { z } from 'zod';
import type { AccountView } from '../domain';
import { ConnectSchema } from '../platforms';
import type { LengthRule } from '../platforms/rules';
import type { PostCostView } from '../platforms/xCost';
import { Id } from './common';
import type { Problem } from './problems';

/** The kind of Kairos process that reads a saved login: the kairos command and browser mode (key file), or the desktop app (keychain). */
export type LoginReader = 'key_file' | 'keychain' | 'server_key';

/** Why the other kind of Kairos process could not open a saved login: which kind, and the catalog's problem. */
export interface LoginElsewhere {
  readonly reader: LoginReader;
  readonly problem: Problem;
}

/** Connection input per platform; each network declares its own variant (shared/platforms/<id>/contract.ts). */
export { ConnectSchema };
export type ConnectInput = z.infer<typeof ConnectSchema>;

export const accountsRequests = {
  'accounts.list': z.object({}).optional(),
  'accounts.connect': ConnectSchema,
  'accounts.remove': z.object({ id: Id }),
  'accounts.rename': z.object({ id: Id, name: z.string().trim().min(1).max(80) }),
  /** Replaces the credentials of an account that needs re-login, keeping its posts. */
  'accounts.reconnect': z.object({ id: Id, input: ConnectSchema }),
} as const;

export interface AccountWithRule extends AccountView {
  readonly lengthRule: LengthRule;
  /**
   * Why the Kairos process answering cannot open the account's saved login (and who can), or null. Not an expiry:
   * the account stays connected, and a process that can open the login publishes its posts.
   */
  readonly unreadableHere: string | null;
  /** `unreadableHere` as the catalog's problem, for windows to word. */
  readonly unreadableHereProblem: Problem | null;
  /** Why the other kind of Kairos process (desktop app, or kairos command and browser mode) could not, or null. */
  readonly unreadableElsewhere: string | null;
  /** `unreadableElsewhere` as the reader and the catalog's problem, for windows to word. */
  readonly unreadableElsewhereProblem: LoginElsewhere | null;
  /** The account can reply under its own post, so a first comment goes out there. */
  readonly repliesToOwnPosts?: boolean;
  /** Set for networks that charge per post (X): the prices, the monthly cap and this month's spend. */
  readonly postCost?: PostCostView;
  /** Set for accounts whose secret key Kairos holds (Nostr): it can be shown once the user confirms (nostr.exportKey). */
  readonly secretKeyExport?: 'generated' | 'imported';
}

export interface AccountsResponses {
  'accounts.list': readonly AccountWithRule[];
  'accounts.connect': AccountWithRule;
  'accounts.remove': { readonly id: string };
  'accounts.rename': AccountWithRule;
  'accounts.reconnect': AccountWithRule;
}
