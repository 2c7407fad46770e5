// Wires an OnlineMonitor to the backend: accounts give the servers to probe, posts the waiting count, events go out.

import { z } from 'zod';
import type { BackendEvent } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { PlatformRegistry } from '../platforms/types';
import type { StoredAccount } from '../repos/accounts';
import { CredentialUnreadableError } from '../secrets/cipher';
import type { SecretStore } from '../secrets/secretStore';
import type { AccountsStore, WaitingPostsStore } from '../stores/types';
import { OnlineMonitor, type ProbePolicy } from './onlineMonitor';
import { httpProbe, type ProbeFn } from './probe';
import { probeOrigins } from './probeOrigins';

export interface BackendConnectivityDeps {
  readonly waiting: Pick<WaitingPostsStore, 'count'>;
  readonly clock: Clock;
  readonly accounts: AccountsStore;
  /** The networks' adapters: where an account lives when its settings name no server (`probeOrigin`). */
  readonly platforms: PlatformRegistry;
  readonly secrets: SecretStore;
  readonly emit: (event: BackendEvent) => void;
  /** The scheduler's networkChanged(): posts waiting for the network go out when it returns. */
  readonly networkChanged: (online: boolean) => void;
  readonly probe?: ProbeFn;
  readonly policy?: Partial<ProbePolicy>;
}

async function readSecret(secrets: SecretStore, accountId: string): Promise<unknown> {
  try {
    return await secrets.read(accountId, z.unknown());
  } catch (e) {
    // Sealed by another shell's keychain: the account's settings and platform home still say where it lives.
    if (e instanceof CredentialUnreadableError) return null;
    throw e;
  }
}

export function createBackendConnectivity(d: BackendConnectivityDeps): OnlineMonitor {
  return new OnlineMonitor({
    clock: d.clock,
    probe: d.probe ?? httpProbe,
    origins: async () => {
      const accounts: { account: StoredAccount; secret: unknown }[] = [];
      for (const account of await d.accounts.list()) accounts.push({ account, secret: await readSecret(d.secrets, account.id) });
      return probeOrigins(accounts, d.platforms);
    },
    waitingCount: () => d.waiting.count(d.clock.now()),
    onNetworkChange: d.networkChanged,
    onChange: (status) => d.emit({ type: 'connectivity', online: status.online, waiting: status.waitingForNetwork }),
    ...(d.policy ? { policy: d.policy } : {}),
  });
}
