// Builds the AccountContext an adapter works with: the account, its unsealed secret, and ways to save.

import type { Clock } from '../clock';
import type { MediaStore } from '../media/mediaStore';
import type { AccountsRepo, StoredAccount } from '../repos/accounts';
import type { PostsRepo } from '../repos/posts';
import { CredentialUnreadableError } from '../secrets/cipher';
import type { SecretStore } from '../secrets/secretStore';
import type { AccountContext } from './types';

export interface AccountContextDeps {
  readonly accounts: AccountsRepo;
  readonly posts: PostsRepo;
  readonly secrets: SecretStore;
  readonly mediaStore: MediaStore;
  readonly clock: Clock;
}

/** Why accountContextFor found nothing for an account: the login cannot be opened here, or there is none. */
export function whyNoContext(d: Pick<AccountContextDeps, 'secrets'>, account: StoredAccount): string {
  return d.secrets.problemHere(account.id)?.message ?? `${account.name} has no saved login. Log in again in Accounts.`;
}

/** Null when the account has no stored credentials. `targetId` is needed only for publishing. */
export function accountContextFor(d: AccountContextDeps, account: StoredAccount, targetId?: string): AccountContext<unknown> | null {
  let secret: unknown;
  try {
    secret = d.secrets.read<unknown>(account.id);
  } catch (e) {
    if (!(e instanceof CredentialUnreadableError)) throw e;
    // Sealed by another kind of process's keychain, a lost key file, damaged: recorded by the SecretStore for
    // this kind of process; the caller says why with whyNoContext.
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
