// Handlers for connecting, listing, renaming and removing accounts.

import type { AccountWithRule, ConnectInput } from '../../../shared/contract';
import type { BackendContext } from '../context';
import { fail, KairosError, notFound } from '../errors';
import { addConnectedAccount, platformFailure, refreshConnectedAccount, withRule } from '../platforms/connectedAccounts';
import type { Connection, PlatformAdapter } from '../platforms/types';
import type { StoredAccount } from '../repos/accounts';
import type { HandlerMap } from './types';

/** Asks the network to check the credentials; its refusal becomes an error on the field the user typed. */
async function connectThroughAdapter(
  ctx: BackendContext,
  input: ConnectInput,
): Promise<{ adapter: PlatformAdapter; connection: Connection<unknown> }> {
  const adapter = ctx.platforms.get(input.platform);
  if (!adapter) throw fail('platform_not_connectable', { platform: input.platform }, 'platform');
  try {
    return { adapter, connection: await adapter.connect(input) };
  } catch (e) {
    const err = platformFailure(e);
    throw new KairosError(err.problem, err.field ?? adapter.connectField, err.code);
  }
}

export function accountHandlers(
  ctx: BackendContext,
): HandlerMap<'accounts.list' | 'accounts.connect' | 'accounts.remove' | 'accounts.rename' | 'accounts.reconnect'> {
  return {
    'accounts.list': async () => {
      const views: AccountWithRule[] = [];
      for (const a of await ctx.accounts.list()) views.push(await withRule(ctx, a));
      return views;
    },

    'accounts.connect': async (input) => {
      const { adapter, connection } = await connectThroughAdapter(ctx, input);
      const stored = await addConnectedAccount(ctx, {
        platform: input.platform,
        name: input.name,
        connection,
        displayName: adapter.displayName,
      });
      ctx.emit({ type: 'accounts.changed' });
      ctx.scheduler.wake();
      return withRule(ctx, stored);
    },

    'accounts.reconnect': async ({ id, input }) => {
      const account = await ctx.accounts.get(id);
      if (!account) throw notFound('account');
      if (account.platform !== input.platform) throw fail('reconnect_other_platform', { platform: account.platform }, 'platform');
      const { connection } = await connectThroughAdapter(ctx, input);
      await refreshConnectedAccount(ctx, id, connection, { ...account.config, ...connection.config });
      ctx.emit({ type: 'accounts.changed' });
      ctx.scheduler.wake();
      return withRule(ctx, (await ctx.accounts.get(id)) as StoredAccount);
    },

    'accounts.rename': async ({ id, name }) => {
      if (!(await ctx.accounts.get(id))) throw notFound('account');
      await ctx.accounts.rename(id, name, ctx.clock.now());
      ctx.emit({ type: 'accounts.changed' });
      return withRule(ctx, (await ctx.accounts.get(id)) as StoredAccount);
    },

    'accounts.remove': async ({ id }) => {
      const account = await ctx.accounts.get(id);
      if (!account) throw notFound('account');
      await ctx.lifecycle.accountRemoving(id);
      const affected = await ctx.stores.removeAccount(id, {
        at: ctx.clock.now(),
        actor: ctx.actor,
        kind: 'account removed',
        accountId: id,
        detail: account.handle,
      });
      ctx.emit({ type: 'accounts.changed' });
      if (affected.length) ctx.emit({ type: 'posts.changed', postIds: affected });
      return { id };
    },
  };
}
