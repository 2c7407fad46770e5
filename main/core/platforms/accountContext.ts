// Builds the AccountContext an adapter works with: the account, its unsealed secret, and ways to save.

import type { Clock } from '../clock';
import type { MediaStore } from '../media/mediaStore';
import type { AccountsRepo, StoredAccount } from '../repos/accounts';
import type { PostsRepo } from '../repos/posts';
import type { SecretStore } from '../secrets/secretStore';
import type { AccountContext } from './types';

export interface AccountContextDeps {
  readonly accounts: AccountsRepo;
  readonly posts: PostsRepo;
  readonly secrets: SecretStore;
  readonly mediaStore: MediaStore;
  readonly clock: Clock;
}

/** Null when the account has no stored credentials. `targetId` is needed only for publishing. */
export function accountContextFor(d: AccountContextDeps, account: StoredAccount, targetId?: string): AccountContext<unknown> | null {
  let secret: unknown;
  try {
    secret = d.secrets.read<unknown>(account.id);
  } catch {
    // Sealed by another shell's keychain, or damaged: the caller tells the user to reconnect.
    return null;
  }
  if (secret === null) return null;
  return {
    account,
    secret,
    saveSecret: (s) => d.secrets.write(account.id, s, d.clock.now()),
    saveConfig: (c) => d.accounts.updateConfig(account.id, c, d.clock.now()),
    recordPart: (index, part) => {
      if (targetId === undefined) throw new Error('recordPart is only available while publishing.');
      d.posts.recordPart(targetId, index, part, d.clock.now());
    },
    readMedia: (m) => d.mediaStore.read(m),
  };
}
