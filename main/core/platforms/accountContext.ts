// Builds the AccountContext an adapter works with: the account, its unsealed secret, and ways to save.

import { z } from 'zod';
import type { Clock } from '../clock';
import type { MediaStore } from '../media/mediaStore';
import type { StoredAccount } from '../repos/accounts';
import { CredentialUnreadableError } from '../secrets/cipher';
import type { SecretStore } from '../secrets/secretStore';
import type { AccountsStore, PostsStore } from '../stores/types';
import type { AccountContext } from './types';

export interface AccountContextDeps {
  readonly accounts: AccountsStore;
  readonly posts: Pick<PostsStore, 'recordPart'>;
  readonly secrets: SecretStore;
  readonly mediaStore: MediaStore;
  readonly clock: Clock;
}

/** Why accountContextFor found nothing for an account: the login cannot be opened here, or there is none. */
export async function whyNoContext(d: Pick<AccountContextDeps, 'secrets'>, account: StoredAccount): Promise<string> {
  return (await d.secrets.problemHere(account.id))?.message ?? `${account.name} has no saved login. Log in again in Accounts.`;
}

/** Null when the account has no stored credentials. `targetId` is needed only for publishing. */
export async function accountContextFor(
  d: AccountContextDeps,
  account: StoredAccount,
  targetId?: string,
): Promise<AccountContext<unknown> | null> {
  let secret: unknown;
  try {
    // Each adapter checks the shape of its own login.
    secret = await d.secrets.read(account.id, z.unknown());
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
    recordPart: async (index, part) => {
      if (targetId === undefined) throw new Error('recordPart is only available while publishing.');
      await d.posts.recordPart(targetId, index, part, d.clock.now());
    },
    readMedia: (m) => d.mediaStore.read(m),
  };
}
