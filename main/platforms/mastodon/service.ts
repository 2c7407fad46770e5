// Per-backend Mastodon services: browser sign-in flows that end in a stored account, and the hand-off controller.

import type { AccountWithRule } from '../../../shared/contract';
import type { MastodonInstanceSummary } from '../../../shared/platforms/mastodon/responses';
import type { BackendContext } from '../../core/context';
import { fail, notFound } from '../../core/errors';
import { addConnectedAccount, refreshConnectedAccount, withRule } from '../../core/platforms/connectedAccounts';
import type { Connection } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import { CredentialUnreadableError } from '../../core/secrets/cipher';
import { StoredDataError } from '../../core/stores/stored';
import { type AppRegistration, configOf, type MastodonAccountConfig, type MastodonSecret, MastodonSecretSchema } from './config';
import type { InstanceInfo } from './discovery';
import { HandoffController } from './handoff/controller';
import { type FlowRequest, OAuthFlows } from './oauth';

export interface MastodonService {
  readonly flows: OAuthFlows<AccountWithRule>;
  readonly handoff: HandoffController;
}

const services = new WeakMap<BackendContext, MastodonService>();

export function summariseInstance(info: InstanceInfo): MastodonInstanceSummary {
  return {
    origin: info.origin,
    domain: info.domain,
    title: info.title,
    software: info.software,
    version: info.version,
    maxCharacters: info.limits.maxCharacters,
    maxMediaAttachments: info.limits.maxMediaAttachments,
    pkce: info.pkce,
    serverScheduling: info.scheduling,
  };
}

/** App registrations kept with the credentials of accounts already connected on that server. */
async function registrationsOn(ctx: BackendContext, origin: string): Promise<AppRegistration[]> {
  const out: AppRegistration[] = [];
  for (const a of await ctx.accounts.list()) {
    if (a.platform !== 'mastodon' || configOf(a).origin !== origin) continue;
    try {
      const app = (await ctx.secrets.read(a.id, MastodonSecretSchema))?.app;
      if (app) out.push(app);
    } catch (e) {
      // Unreadable credentials, or ones not shaped like a Mastodon login, only mean that registration cannot be reused.
      if (!(e instanceof CredentialUnreadableError || e instanceof StoredDataError)) throw e;
    }
  }
  return out;
}

/** Stores a verified account: a new one, or the same remote account again (new token, posts kept). */
async function storeAccount(
  ctx: BackendContext,
  request: FlowRequest,
  connection: Connection<MastodonSecret>,
  handoff: HandoffController,
): Promise<AccountWithRule> {
  const cfg = connection.config as unknown as MastodonAccountConfig;
  const same = (a: StoredAccount) => {
    const c = configOf(a);
    return a.platform === 'mastodon' && c.origin === cfg.origin && c.remoteAccountId === cfg.remoteAccountId;
  };
  let existing: StoredAccount | null = null;
  if (request.accountId) {
    existing = await ctx.accounts.get(request.accountId);
    if (!existing) throw notFound('account');
    const c = configOf(existing);
    if (existing.platform !== 'mastodon' || (c.remoteAccountId !== '' && !same(existing))) {
      throw fail('signed_in_as_other', { signedIn: connection.handle, expected: existing.handle });
    }
  } else {
    existing = (await ctx.accounts.list()).find(same) ?? null;
  }
  if (existing) {
    const before = configOf(existing);
    // The user's choice about hand-off survives a new login; Kairos's own "switched off" verdict too.
    const enabled =
      cfg.handoff.supported &&
      before.handoff.reason === null &&
      (before.remoteAccountId === '' ? cfg.handoff.enabled : before.handoff.enabled);
    const handoffConfig = { supported: cfg.handoff.supported && before.handoff.reason === null, enabled, reason: before.handoff.reason };
    await refreshConnectedAccount(ctx, existing.id, connection, { ...existing.config, ...cfg, handoff: handoffConfig });
  } else {
    existing = await addConnectedAccount(ctx, {
      platform: 'mastodon',
      name: request.name ?? connection.handle,
      connection,
      displayName: 'Mastodon',
    });
  }
  ctx.emit({ type: 'accounts.changed' });
  ctx.scheduler.wake();
  handoff.postsChanged();
  return withRule(ctx, (await ctx.accounts.get(existing.id)) as StoredAccount);
}

/** One service per backend, started on first use (the handlers create it when the backend starts). */
export function mastodonServiceFor(ctx: BackendContext): MastodonService {
  const known = services.get(ctx);
  if (known) return known;
  const handoff = new HandoffController(ctx);
  const flows = new OAuthFlows<AccountWithRule>({
    clock: ctx.clock,
    appName: 'Kairos',
    website: null,
    knownRegistrations: (origin) => registrationsOn(ctx, origin),
    finish: async (request, connection) => storeAccount(ctx, request, connection, handoff),
    describe: (account) => account.handle,
  });
  const service = { flows, handoff };
  services.set(ctx, service);
  // The crisis brake asks for handed-off posts back when publishing is paused.
  ctx.scheduler.setHandoffController({
    pullBack: async (targets, reason) => {
      const r = await handoff.pullBack({ targetIds: targets.map((t) => t.targetId) }, reason);
      return { pulledBack: r.pulledBackIds, problems: r.summary.errors };
    },
    settled: () => handoff.settled(),
  });
  handoff.start();
  return service;
}
