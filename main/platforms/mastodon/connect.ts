// Verifies an access token against a discovered server and shapes what Kairos stores for the account.

import type { Connection } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { MastodonApi } from './api';
import type { AppRegistration, MastodonAccountConfig, MastodonSecret } from './config';
import type { InstanceInfo } from './discovery';

interface CredentialAccount {
  readonly id?: unknown;
  readonly username?: unknown;
  readonly acct?: unknown;
  readonly avatar?: unknown;
  readonly url?: unknown;
}

export async function verifyAccount(
  info: InstanceInfo,
  accessToken: string,
  app: AppRegistration | null,
  signal?: AbortSignal,
): Promise<Connection<MastodonSecret>> {
  const api = new MastodonApi(info.origin, accessToken, signal);
  let me: CredentialAccount;
  try {
    me = (await api.call<CredentialAccount>({ method: 'GET', path: '/api/v1/accounts/verify_credentials', timeoutMs: 15_000 })).body ?? {};
  } catch (e) {
    if (e instanceof PlatformError && e.kind === 'auth') {
      throw new PlatformError(
        'auth',
        `${api.host} refused that access token. Check it, or create a new one on ${api.host} under Preferences → Development (with read and write permissions).`,
        { field: 'accessToken', ...(e.options.status ? { status: e.options.status } : {}) },
      );
    }
    throw e;
  }
  if (typeof me.id !== 'string' || typeof me.username !== 'string') {
    throw new PlatformError(
      'invalid',
      `${api.host} accepted the token but did not say whose account it is. Is it a Mastodon-compatible server?`,
      {
        field: 'instance',
      },
    );
  }
  const config: MastodonAccountConfig = {
    origin: info.origin,
    domain: info.domain,
    remoteAccountId: me.id,
    username: me.username,
    profileUrl: typeof me.url === 'string' ? me.url : null,
    software: info.software,
    version: info.version,
    limits: info.limits,
    pkce: info.pkce,
    handoff: { supported: info.scheduling, enabled: info.scheduling, reason: null },
  };
  return {
    handle: `@${me.username}@${info.domain}`,
    avatarUrl: typeof me.avatar === 'string' ? me.avatar : null,
    config: config as unknown as Record<string, unknown>,
    secret: { accessToken, app },
  };
}
