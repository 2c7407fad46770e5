// Stores an account signed in through an app flow: a new one, or the same remote account again (new token, posts kept).

import type { AccountWithRule } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import type { BackendContext } from '../../core/context';
import { fail, notFound } from '../../core/errors';
import { addConnectedAccount, refreshConnectedAccount, withRule } from '../../core/platforms/connectedAccounts';
import type { Connection } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import type { AppFlowRequest } from './flows';

export interface StoreTarget {
  readonly platform: PlatformId;
  readonly displayName: string;
  /** The remote account's identity in the stored config (LinkedIn member URN, X user id). */
  readonly identityKey: string;
}

export async function storeAppAccount(
  ctx: BackendContext,
  target: StoreTarget,
  request: AppFlowRequest,
  connection: Connection<unknown>,
): Promise<AccountWithRule> {
  const identity = connection.config[target.identityKey];
  const same = (a: StoredAccount) => a.platform === target.platform && a.config[target.identityKey] === identity;
  let existing: StoredAccount | null = null;
  if (request.accountId) {
    existing = await ctx.accounts.get(request.accountId);
    if (!existing) throw notFound('account');
    if (!same(existing)) {
      throw fail('signed_in_as_other', { signedIn: connection.handle, expected: existing.handle });
    }
  } else {
    existing = (await ctx.accounts.list()).find(same) ?? null;
  }
  if (existing) {
    // Settings the user chose (X's price and spending cap) survive a new login.
    await refreshConnectedAccount(ctx, existing.id, connection, { ...existing.config, ...connection.config });
  } else {
    existing = await addConnectedAccount(ctx, {
      platform: target.platform,
      name: request.name?.trim() || connection.handle,
      connection,
      displayName: target.displayName,
    });
  }
  ctx.emit({ type: 'accounts.changed' });
  ctx.scheduler.wake();
  return withRule(ctx, (await ctx.accounts.get(existing.id)) as StoredAccount);
}
