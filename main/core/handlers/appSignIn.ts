// Handlers for LinkedIn and X: browser sign-in with the user's own app, and X's prices and spending cap.

import type { AccountWithRule } from '../../../shared/contract';
import type { appSignInRequests } from '../../../shared/contract/appSignIn';
import type { PlatformId } from '../../../shared/domain';
import { LINKEDIN_ENDPOINTS, type LinkedInSecret, linkedInConfigOf } from '../../platforms/linkedin/config';
import { linkedInFlowsFor } from '../../platforms/linkedin/service';
import type { AppOAuthFlows } from '../../platforms/oauthApp/flows';
import { X_ENDPOINTS, xConfigOf } from '../../platforms/x/config';
import { xFlowsFor } from '../../platforms/x/service';
import type { BackendContext } from '../context';
import { fail, notFound } from '../errors';
import type { StoredAccount } from '../repos/accounts';
import { platformFailure, withRule } from './accounts';
import type { HandlerMap } from './types';

type Flows = AppOAuthFlows<AccountWithRule>;

async function orFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw platformFailure(e);
  }
}

function accountOf(ctx: BackendContext, id: string, platform: PlatformId, label: string): StoredAccount {
  const a = ctx.accounts.get(id);
  if (!a) throw notFound('account');
  if (a.platform !== platform) throw fail('wrong_network_account', { name: a.name, network: label }, 'accountId');
  return a;
}

function flowHandlers(flows: Flows) {
  return {
    status: ({ flowId }: { flowId: string }) => {
      const s = flows.status(flowId);
      if (!s) throw notFound('sign_in');
      return { flowId, state: s.state, message: s.message, account: s.result };
    },
    cancel: ({ flowId }: { flowId: string }) => {
      if (!flows.status(flowId)) throw notFound('sign_in');
      flows.cancel(flowId);
      return { flowId };
    },
  };
}

const mills = (usd: number) => Math.round(usd * 1000);

/** The sealed app credentials kept with the account, or null when this process cannot open them. */
function readSecret<S>(ctx: BackendContext, account: StoredAccount): S | null {
  try {
    return ctx.secrets.read<S>(account.id);
  } catch {
    return null;
  }
}

export function appSignInHandlers(ctx: BackendContext): HandlerMap<keyof typeof appSignInRequests> {
  const linkedin = linkedInFlowsFor(ctx);
  const x = xFlowsFor(ctx);
  const li = flowHandlers(linkedin);
  const xf = flowHandlers(x);
  return {
    'linkedin.beginOAuth': (req) =>
      orFailure(async () => {
        if (req.accountId) accountOf(ctx, req.accountId, 'linkedin', 'LinkedIn');
        return linkedin.begin(req);
      }),
    'linkedin.reconnect': ({ accountId }) =>
      orFailure(async () => {
        const account = accountOf(ctx, accountId, 'linkedin', 'LinkedIn');
        const cfg = linkedInConfigOf(account);
        const secret = readSecret<LinkedInSecret>(ctx, account);
        if (!secret) {
          throw fail('app_secret_unreadable', { name: account.name });
        }
        return linkedin.begin({
          clientId: secret.clientId,
          clientSecret: secret.clientSecret,
          port: cfg.port,
          accountId,
          ...(cfg.apiOrigin === LINKEDIN_ENDPOINTS.apiOrigin ? {} : { server: cfg.apiOrigin }),
        });
      }),
    'linkedin.oauthStatus': li.status,
    'linkedin.cancelOAuth': li.cancel,
    'x.beginOAuth': (req) =>
      orFailure(async () => {
        if (req.accountId) accountOf(ctx, req.accountId, 'x', 'X');
        return x.begin({ ...req, clientSecret: null });
      }),
    'x.reconnect': ({ accountId }) =>
      orFailure(async () => {
        const cfg = xConfigOf(accountOf(ctx, accountId, 'x', 'X'));
        return x.begin({
          clientId: cfg.clientId,
          clientSecret: null,
          port: cfg.port,
          accountId,
          ...(cfg.apiOrigin === X_ENDPOINTS.apiOrigin ? {} : { server: cfg.apiOrigin }),
        });
      }),
    'x.oauthStatus': xf.status,
    'x.cancelOAuth': xf.cancel,
    'x.setPricing': ({ accountId, postUsd, linkPostUsd, monthlyCapUsd }) => {
      const account = accountOf(ctx, accountId, 'x', 'X');
      const pricing = {
        postMills: mills(postUsd),
        linkPostMills: mills(linkPostUsd),
        monthlyCapMills: monthlyCapUsd === null ? null : mills(monthlyCapUsd),
      };
      const now = ctx.clock.now();
      ctx.accounts.updateConfig(accountId, { ...account.config, pricing }, now);
      ctx.events.append({
        at: now,
        actor: ctx.actor,
        kind: 'prices changed',
        accountId,
        detail: `post $${postUsd}, with a link $${linkPostUsd}, cap ${monthlyCapUsd === null ? 'none' : `$${monthlyCapUsd} a month`}`,
      });
      ctx.emit({ type: 'accounts.changed' });
      ctx.scheduler.wake();
      return withRule(ctx, ctx.accounts.get(accountId) as StoredAccount);
    },
  };
}
