// Handlers for connecting, listing, renaming and removing accounts.

import type { AccountWithRule, ConnectInput } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { fail, KairosError, notFound, problem } from '../errors';
import { newId } from '../ids';
import { type Connection, type PlatformAdapter, PlatformError } from '../platforms/types';
import type { StoredAccount } from '../repos/accounts';
import type { HandlerMap } from './types';

export function withRule(ctx: BackendContext, a: StoredAccount): AccountWithRule {
  const adapter = ctx.platforms.get(a.platform);
  const { config: _config, ...view } = a;
  if (!adapter) throw fail('platform_unsupported', { platform: a.platform });
  const postCost = adapter.postCost?.(a);
  const access = ctx.secrets.access(a.id);
  const secretKeyExport = adapter.secretKeyExport?.(a) ?? null;
  return {
    ...view,
    lengthRule: adapter.lengthRule(a),
    unreadableHere: access.here,
    unreadableElsewhere: access.elsewhere,
    repliesToOwnPosts: adapter.repliesToOwnPosts === true,
    ...(postCost ? { postCost } : {}),
    ...(secretKeyExport ? { secretKeyExport } : {}),
  };
}

/** Turns a platform's failure into an error for the user, keeping its message. */
export function platformFailure(e: unknown): KairosError {
  if (e instanceof KairosError) return e;
  if (e instanceof PlatformError) {
    const code =
      e.kind === 'network'
        ? 'unreachable'
        : e.kind === 'auth'
          ? 'auth_required'
          : e.kind === 'invalid'
            ? 'invalid_input'
            : 'platform_error';
    return new KairosError(problem('platform_said', { reason: e.message }), e.options.field, code);
  }
  return new KairosError(problem('platform_said', { reason: (e as Error).message }));
}

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
    throw new KairosError(err.problem, err.field ?? (input.platform === 'discord' ? 'webhookUrl' : undefined), err.code);
  }
}

/** Stores a newly connected account with its sealed credentials and a history line. */
export function addConnectedAccount(
  ctx: BackendContext,
  a: { platform: PlatformId; name: string; connection: Connection<unknown>; displayName: string },
): StoredAccount {
  const now = ctx.clock.now();
  const stored = ctx.accounts.add({
    id: newId('acc', now),
    platform: a.platform,
    name: a.name,
    handle: a.connection.handle,
    avatarUrl: a.connection.avatarUrl,
    config: a.connection.config,
    sealedSecret: ctx.secrets.seal(a.connection.secret),
    now,
  });
  ctx.events.append({
    at: now,
    actor: ctx.actor,
    kind: 'account connected',
    accountId: stored.id,
    detail: `${a.displayName}: ${stored.handle}`,
  });
  return stored;
}

/** Replaces an account's credentials and settings after a new login, and marks it connected again. */
export function refreshConnectedAccount(
  ctx: BackendContext,
  accountId: string,
  connection: Connection<unknown>,
  config: Readonly<Record<string, unknown>>,
): void {
  const now = ctx.clock.now();
  ctx.secrets.write(accountId, connection.secret, now);
  ctx.accounts.updateConfig(accountId, config, now);
  ctx.accounts.setStatus(accountId, 'connected', null, now);
  ctx.events.append({ at: now, actor: ctx.actor, kind: 'account reconnected', accountId, detail: connection.handle });
}

export function accountHandlers(
  ctx: BackendContext,
): HandlerMap<'accounts.list' | 'accounts.connect' | 'accounts.remove' | 'accounts.rename' | 'accounts.reconnect'> {
  return {
    'accounts.list': () => ctx.accounts.list().map((a) => withRule(ctx, a)),

    'accounts.connect': async (input) => {
      const { adapter, connection } = await connectThroughAdapter(ctx, input);
      const stored = addConnectedAccount(ctx, { platform: input.platform, name: input.name, connection, displayName: adapter.displayName });
      ctx.emit({ type: 'accounts.changed' });
      ctx.scheduler.wake();
      return withRule(ctx, stored);
    },

    'accounts.reconnect': async ({ id, input }) => {
      const account = ctx.accounts.get(id);
      if (!account) throw notFound('account');
      if (account.platform !== input.platform) throw fail('reconnect_other_platform', { platform: account.platform }, 'platform');
      const { connection } = await connectThroughAdapter(ctx, input);
      refreshConnectedAccount(ctx, id, connection, { ...account.config, ...connection.config });
      ctx.emit({ type: 'accounts.changed' });
      ctx.scheduler.wake();
      return withRule(ctx, ctx.accounts.get(id) as StoredAccount);
    },

    'accounts.rename': ({ id, name }) => {
      if (!ctx.accounts.get(id)) throw notFound('account');
      ctx.accounts.rename(id, name, ctx.clock.now());
      ctx.emit({ type: 'accounts.changed' });
      return withRule(ctx, ctx.accounts.get(id) as StoredAccount);
    },

    'accounts.remove': async ({ id }) => {
      const account = ctx.accounts.get(id);
      if (!account) throw notFound('account');
      await ctx.lifecycle.accountRemoving(id);
      const affected = ctx.posts.postIdsOfAccount(id);
      ctx.accounts.remove(id);
      ctx.posts.refreshStatuses(affected, ctx.clock.now());
      ctx.events.append({ at: ctx.clock.now(), actor: ctx.actor, kind: 'account removed', accountId: id, detail: account.handle });
      ctx.emit({ type: 'accounts.changed' });
      if (affected.length) ctx.emit({ type: 'posts.changed', postIds: affected });
      return { id };
    },
  };
}
