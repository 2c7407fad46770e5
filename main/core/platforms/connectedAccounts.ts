// What the core offers network features for their own sign-ins: an account's view with its rules, storing a
// newly connected account, replacing a reconnected one's login, and a platform's failure worded for the user.

import type { AccountWithRule } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { fail, KairosError, problem } from '../errors';
import { newId } from '../ids';
import type { StoredAccount } from '../repos/accounts';
import { type Connection, PlatformError } from './types';

export async function withRule(ctx: BackendContext, a: StoredAccount): Promise<AccountWithRule> {
  const adapter = ctx.platforms.get(a.platform);
  const { config: _config, ...view } = a;
  if (!adapter) throw fail('platform_unsupported', { platform: a.platform });
  const postCost = adapter.postCost?.(a);
  const access = await ctx.secrets.access(a.id);
  const secretKeyExport = adapter.secretKeyExport?.(a) ?? null;
  return {
    ...view,
    lengthRule: adapter.lengthRule(a),
    unreadableHere: access.here,
    unreadableElsewhere: access.elsewhere,
    unreadableHereProblem: access.hereProblem,
    unreadableElsewhereProblem: access.elsewhereProblem,
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

/** Stores a newly connected account with its sealed credentials and a history line. */
export async function addConnectedAccount(
  ctx: BackendContext,
  a: { platform: PlatformId; name: string; connection: Connection<unknown>; displayName: string },
): Promise<StoredAccount> {
  const now = ctx.clock.now();
  const stored = await ctx.accounts.add({
    id: newId('acc', now),
    platform: a.platform,
    name: a.name,
    handle: a.connection.handle,
    avatarUrl: a.connection.avatarUrl,
    config: a.connection.config,
    sealedSecret: ctx.secrets.seal(a.connection.secret),
    now,
  });
  await ctx.events.append({
    at: now,
    actor: ctx.actor,
    kind: 'account connected',
    accountId: stored.id,
    detail: `${a.displayName}: ${stored.handle}`,
  });
  return stored;
}

/** Replaces an account's credentials and settings after a new login, and marks it connected again. */
export async function refreshConnectedAccount(
  ctx: BackendContext,
  accountId: string,
  connection: Connection<unknown>,
  config: Readonly<Record<string, unknown>>,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.secrets.write(accountId, connection.secret, now);
  await ctx.accounts.updateConfig(accountId, config, now);
  await ctx.accounts.setStatus(accountId, 'connected', null, now);
  await ctx.events.append({ at: now, actor: ctx.actor, kind: 'account reconnected', accountId, detail: connection.handle });
}
