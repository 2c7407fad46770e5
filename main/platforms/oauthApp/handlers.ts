// What the LinkedIn and X handlers share: a sign-in's status and cancel, the account a request names, failures for the user.

import type { z } from 'zod';
import type { AccountWithRule } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import type { BackendContext } from '../../core/context';
import { fail, notFound } from '../../core/errors';
import { platformFailure } from '../../core/platforms/connectedAccounts';
import type { StoredAccount } from '../../core/repos/accounts';
import { CredentialUnreadableError } from '../../core/secrets/cipher';
import { StoredDataError } from '../../core/stores/stored';
import type { AppOAuthFlows } from './flows';

type Flows = AppOAuthFlows<AccountWithRule>;

export async function orFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw platformFailure(e);
  }
}

export async function accountOf(ctx: BackendContext, id: string, platform: PlatformId, label: string): Promise<StoredAccount> {
  const a = await ctx.accounts.get(id);
  if (!a) throw notFound('account');
  if (a.platform !== platform) throw fail('wrong_network_account', { name: a.name, network: label }, 'accountId');
  return a;
}

export function flowHandlers(flows: Flows) {
  return {
    status: ({ flowId }: { flowId: string }) => {
      const s = flows.status(flowId);
      if (!s) throw notFound('sign_in');
      return { flowId, state: s.state, message: s.message, problem: s.problem, account: s.result };
    },
    cancel: ({ flowId }: { flowId: string }) => {
      if (!flows.status(flowId)) throw notFound('sign_in');
      flows.cancel(flowId);
      return { flowId };
    },
  };
}

/** The sealed app credentials kept with the account, or null when this process cannot open them. */
export async function readSecret<S extends z.ZodType>(ctx: BackendContext, account: StoredAccount, schema: S): Promise<z.output<S> | null> {
  try {
    return await ctx.secrets.read(account.id, schema);
  } catch (e) {
    // Sealed by another kind of process, damaged, or not the shape this network saves: the SecretStore has recorded why for this kind of process.
    if (e instanceof CredentialUnreadableError || e instanceof StoredDataError) return null;
    throw e;
  }
}
