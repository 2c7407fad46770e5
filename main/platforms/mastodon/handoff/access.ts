// One pass's view of an account for hand-off: its config, credentials and API client, and what the server holds.

import type { BackendContext } from '../../../core/context';
import { accountContextFor } from '../../../core/platforms/accountContext';
import type { AccountContext } from '../../../core/platforms/types';
import { PlatformError } from '../../../core/platforms/types';
import type { StoredAccount } from '../../../core/repos/accounts';
import { MastodonApi } from '../api';
import { configOf, type MastodonAccountConfig, type MastodonSecret } from '../config';
import { recentStatuses, type StatusJson } from '../publish';
import { listScheduled, type RemoteScheduled } from './remote';

export interface AccountAccess {
  readonly account: StoredAccount;
  readonly config: MastodonAccountConfig;
  readonly actx: AccountContext<MastodonSecret>;
  readonly api: MastodonApi;
  /** What the server holds, read at most once per pass. */
  remoteScheduled(): Promise<RemoteScheduled[]>;
  recent(): Promise<StatusJson[]>;
  /** Remembers a copy created in this pass, for the limits. */
  added(r: RemoteScheduled): void;
}

/** The server's limits on scheduled statuses (ScheduledStatusValidator). */
export const SCHEDULED_TOTAL_LIMIT = 300;
export const SCHEDULED_DAILY_LIMIT = 25;

export class AccessCache {
  readonly #cache = new Map<string, AccountAccess | null>();
  /** Accounts that failed in this pass (refused credentials, server down): nothing more is tried on them. */
  readonly failed = new Set<string>();

  constructor(private readonly ctx: BackendContext) {}

  /** Null when the account is missing, not a Mastodon account, not connected, or failed earlier in this pass. */
  async get(accountId: string): Promise<AccountAccess | null> {
    if (this.failed.has(accountId)) return null;
    if (this.#cache.has(accountId)) return this.#cache.get(accountId) ?? null;
    const account = await this.ctx.accounts.get(accountId);
    let access: AccountAccess | null = null;
    if (account && account.platform === 'mastodon' && account.status === 'connected') {
      const actx = (await accountContextFor(this.ctx, account)) as AccountContext<MastodonSecret> | null;
      if (actx) {
        const config = configOf(account);
        const api = new MastodonApi(config.origin, actx.secret.accessToken);
        let scheduled: Promise<RemoteScheduled[]> | null = null;
        let recent: Promise<StatusJson[]> | null = null;
        const extra: RemoteScheduled[] = [];
        access = {
          account,
          config,
          actx,
          api,
          remoteScheduled: async () => {
            scheduled ??= listScheduled(api);
            return [...(await scheduled), ...extra];
          },
          recent: () => {
            recent ??= recentStatuses(api, config.remoteAccountId);
            return recent;
          },
          added: (r) => extra.push(r),
        };
      }
    }
    this.#cache.set(accountId, access);
    return access;
  }

  /** Whether the account row exists at all (a removed account cannot be reached any more). */
  async exists(accountId: string): Promise<boolean> {
    return (await this.ctx.accounts.get(accountId)) !== null;
  }

  /** Records a failure; a refused token puts the account in "needs re-login" so its posts wait. */
  async fail(access: AccountAccess, e: unknown, now: number): Promise<string> {
    this.failed.add(access.account.id);
    const message = (e as Error).message;
    if (e instanceof PlatformError && (e.kind === 'auth' || e.kind === 'gone')) {
      await this.ctx.accounts.setStatus(access.account.id, e.kind === 'auth' ? 'needs_relogin' : 'needs_attention', message, now);
      this.ctx.emit({ type: 'accounts.changed' });
    }
    return `${access.account.name}: ${message}`;
  }
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
