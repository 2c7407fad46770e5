// Handlers for the mastodon channels: browser sign-in, hand-off settings and passes, trends, tag timelines, mentions, numbers.

import type { mastodonRequests } from '../../../shared/platforms/mastodon/contract';
import type { BackendContext } from '../../core/context';
import { fail, KairosError, notFound, problem } from '../../core/errors';
import type { HandlerMap } from '../../core/handlers/types';
import { accountContextFor, whyNoContext } from '../../core/platforms/accountContext';
import { platformFailure } from '../../core/platforms/connectedAccounts';
import type { AccountContext } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import { parseInstanceInput } from './address';
import { configOf, type MastodonSecret } from './config';
import { discoverInstance } from './discovery';
import { mastodonServiceFor, summariseInstance } from './service';
import { fetchMentions, fetchTrends, searchRecent } from './signals';

async function mastodonAccount(ctx: BackendContext, id: string): Promise<StoredAccount> {
  const account = await ctx.accounts.get(id);
  if (!account) throw notFound('account');
  if (account.platform !== 'mastodon') throw fail('wrong_network_account', { name: account.name, network: 'Mastodon' }, 'accountId');
  return account;
}

/** Runs a read against the account's server; a refused token marks the account "needs re-login". */
async function withAccount<T>(ctx: BackendContext, id: string, read: (a: AccountContext<MastodonSecret>) => Promise<T>): Promise<T> {
  const account = await mastodonAccount(ctx, id);
  const actx = (await accountContextFor(ctx, account)) as AccountContext<MastodonSecret> | null;
  if (!actx) throw fail('login_unusable', { reason: await whyNoContext(ctx, account) });
  try {
    return await read(actx);
  } catch (e) {
    if (e instanceof PlatformError && e.kind === 'auth') {
      await ctx.accounts.setStatus(account.id, 'needs_relogin', e.message, ctx.clock.now());
      ctx.emit({ type: 'accounts.changed' });
    }
    throw platformFailure(e);
  }
}

async function orFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw platformFailure(e);
  }
}

export function mastodonHandlers(ctx: BackendContext): HandlerMap<keyof typeof mastodonRequests> {
  const service = mastodonServiceFor(ctx);
  // Edits, cancels and reschedules reach the server's copy at once, not at the next pass.
  ctx.lifecycle.onEvent((e) => {
    if (e.type === 'posts.changed') service.handoff.postsChanged();
  });
  // Server-side copies can only be deleted with the account's token, so take them back first.
  ctx.lifecycle.beforeAccountRemoved(async (accountId) => {
    if ((await ctx.accounts.get(accountId))?.platform === 'mastodon')
      await service.handoff.pullBack({ accountId }, 'The account was removed from Kairos.');
  });
  ctx.lifecycle.onClose(() => {
    service.handoff.stop();
    service.flows.closeAll();
  });
  const settingsOf = async (account: StoredAccount) => {
    const { handoff } = configOf(account);
    const handedOff = (await service.handoff.repo.rows()).filter((r) => r.accountId === account.id && r.state === 'scheduled').length;
    return { accountId: account.id, supported: handoff.supported, enabled: handoff.enabled, reason: handoff.reason, handedOff };
  };

  return {
    'mastodon.inspectInstance': ({ instance }) =>
      orFailure(async () => summariseInstance(await discoverInstance(parseInstanceInput(instance)))),

    'mastodon.beginOAuth': (req) =>
      orFailure(async () => {
        if (req.accountId) await mastodonAccount(ctx, req.accountId);
        const begun = await service.flows.begin({
          instance: req.instance,
          name: req.name,
          accountId: req.accountId,
          redirect: req.redirect,
        });
        return {
          flowId: begun.flowId,
          authorizeUrl: begun.authorizeUrl,
          redirectUri: begun.redirectUri,
          mode: req.redirect,
          instance: summariseInstance(begun.info),
          expiresAt: begun.expiresAt,
        };
      }),

    'mastodon.completeOAuth': ({ flowId, code }) => orFailure(() => service.flows.complete(flowId, code)),

    'mastodon.oauthStatus': ({ flowId }) => {
      const s = service.flows.status(flowId);
      if (!s) throw notFound('sign_in');
      return { flowId, state: s.state, message: s.message, problem: s.problem, account: s.result };
    },

    'mastodon.cancelOAuth': ({ flowId }) => {
      if (!service.flows.status(flowId)) throw notFound('sign_in');
      service.flows.cancel(flowId);
      return { flowId };
    },

    'mastodon.handoffSettings': async ({ accountId }) => settingsOf(await mastodonAccount(ctx, accountId)),

    'mastodon.setHandoff': async ({ accountId, enabled }) => {
      const account = await mastodonAccount(ctx, accountId);
      const { handoff } = configOf(account);
      if (enabled && !handoff.supported) {
        throw new KairosError(
          handoff.reason
            ? problem('platform_said', { reason: handoff.reason })
            : problem('handoff_unavailable', { handle: account.handle }),
          'enabled',
          'invalid_input',
        );
      }
      const now = ctx.clock.now();
      await ctx.accounts.updateConfig(account.id, { ...account.config, handoff: { ...handoff, enabled } }, now);
      await ctx.events.append({
        at: now,
        actor: ctx.actor,
        kind: enabled ? 'hand-off switched on' : 'hand-off switched off',
        accountId: account.id,
      });
      ctx.emit({ type: 'accounts.changed' });
      // Switching off takes the held posts back at once; switching on hands them over at the next pass.
      await service.handoff.sync();
      return settingsOf((await ctx.accounts.get(account.id)) as StoredAccount);
    },

    'mastodon.syncHandoff': (req) => service.handoff.sync({ reconcile: req?.reconcile ?? true }),

    'mastodon.handoffOfPost': async ({ postId }) => {
      if (!(await ctx.posts.get(postId))) throw notFound('post');
      return (await service.handoff.repo.rowsOfPost(postId)).map((r) => ({
        targetId: r.targetId,
        accountId: r.accountId,
        state: r.state,
        scheduledFor: r.remoteAt,
        reason: r.reason,
      }));
    },

    'mastodon.pullBack': async ({ accountId, reason }) => {
      if (accountId) await mastodonAccount(ctx, accountId);
      return (await service.handoff.pullBack(accountId ? { accountId } : {}, reason || 'asked from Kairos')).summary;
    },

    'mastodon.trends': ({ accountId }) =>
      withAccount(ctx, accountId, async (a) => {
        const items = await fetchTrends(a);
        return {
          accountId,
          fetchedAt: ctx.clock.now(),
          tags: items.filter((t) => t.kind === 'tag'),
          links: items.filter((t) => t.kind === 'link'),
          posts: items.filter((t) => t.kind === 'post'),
        };
      }),

    'mastodon.tagTimeline': ({ accountId, tag, limit }) =>
      withAccount(ctx, accountId, async (a) => ({
        accountId,
        fetchedAt: ctx.clock.now(),
        posts: await searchRecent({ terms: [tag.startsWith('#') ? tag : `#${tag}`], limit: limit ?? 20 }, a),
      })),

    'mastodon.mentions': ({ accountId }) =>
      withAccount(ctx, accountId, async (a) => ({ accountId, fetchedAt: ctx.clock.now(), posts: await fetchMentions(a) })),

    'mastodon.metrics': ({ postId, refresh }) =>
      orFailure(async () => {
        if (postId && !(await ctx.posts.get(postId))) throw notFound('post');
        const filter = postId ? { postId } : { since: ctx.clock.now() - 48 * 3_600_000 };
        if (refresh) return service.handoff.refreshMetrics(filter);
        return service.handoff.metrics.of((await service.handoff.metrics.published(filter)).map((t) => t.targetId));
      }),
  };
}
