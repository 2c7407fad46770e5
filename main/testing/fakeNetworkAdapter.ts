// A small adapter for FakeNetwork, with switchable idempotent retries and lookups, to prove each recovery path.

import type { PlatformId } from '../../shared/domain';
import { DEFAULT_RULES } from '../../shared/platforms/rules';
import type { Clock } from '../core/clock';
import { readJson, retryAfterFromHeaders, send } from '../core/platforms/http';
import { type PlatformAdapter, PlatformError } from '../core/platforms/types';

/** Mastodon-shaped input (instance, accessToken) or Bluesky-shaped (service, appPassword), so it can stand in for either. */
interface Input {
  readonly instance?: string;
  readonly accessToken?: string;
  readonly service?: string;
  readonly appPassword?: string;
}

interface Secret {
  readonly origin: string;
  readonly token: string;
}

export interface FakeAdapterOptions {
  /** Which platform id to stand in for (the registry is keyed by platform). */
  readonly id?: PlatformId;
  /** Send the stored key as Idempotency-Key and declare retries safe. */
  readonly idempotentRetry: boolean;
  /** Offer findPublished by reading the account's recent statuses. */
  readonly lookup: boolean;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  /** When it returns an origin, publishing goes there instead (a host that does not resolve simulates a DNS failure). */
  readonly redirect?: () => string | null;
}

export function createFakeNetworkAdapter(o: FakeAdapterOptions): PlatformAdapter<Input, Secret> {
  const failure = async (res: Response): Promise<PlatformError> => {
    const body = ((await readJson(res)) ?? {}) as { error?: string };
    const said = body.error ? `The server said: "${body.error}".` : `The server answered ${res.status}.`;
    if (res.status === 429) {
      const retryAfterMs = retryAfterFromHeaders(res.headers, o.clock.now()) ?? undefined;
      return new PlatformError('rate_limited', 'The server is rate-limiting this account.', {
        status: 429,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    if (res.status === 401 || res.status === 403)
      return new PlatformError('auth', `The server refused the access token. Log in again. ${said}`, { status: res.status });
    if (res.status >= 500)
      return new PlatformError('transient', `The server had a problem (${res.status}); Kairos will try again.`, { status: res.status });
    return new PlatformError('invalid', `The server refused the post. ${said}`, { status: res.status });
  };

  const adapter: PlatformAdapter<Input, Secret> = {
    id: o.id ?? 'mastodon',
    displayName: 'Fake network',
    idempotentRetry: o.idempotentRetry,

    async connect(input) {
      const origin = new URL(input.instance ?? input.service ?? '').origin;
      const token = input.accessToken ?? input.appPassword ?? '';
      const res = await send(
        `${origin}/api/v1/accounts/verify_credentials`,
        { headers: { authorization: `Bearer ${token}` } },
        {
          serviceName: 'Fake network',
          timeoutMs: 5_000,
        },
      );
      if (!res.ok) throw await failure(res);
      return { handle: '@brand', avatarUrl: null, config: {}, secret: { origin, token } };
    },

    lengthRule: () => DEFAULT_RULES.mastodon,
    validate: () => [],

    async publish(req, ctx) {
      const part = req.parts[0];
      if (part?.done) return { remoteId: part.done.remoteId, remoteUrl: part.done.remoteUrl };
      const res = await send(
        `${o.redirect?.() ?? ctx.secret.origin}/api/v1/statuses`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${ctx.secret.token}`,
            'content-type': 'application/json',
            ...(o.idempotentRetry ? { 'idempotency-key': req.idempotencyKey } : {}),
          },
          body: JSON.stringify({ status: req.text }),
        },
        { serviceName: 'Fake network', creates: true, timeoutMs: o.timeoutMs ?? 5_000, ...(ctx.signal ? { signal: ctx.signal } : {}) },
      );
      if (!res.ok) throw await failure(res);
      const s = (await readJson(res)) as { id: string; url: string };
      await ctx.recordPart(0, { remoteId: s.id, remoteUrl: s.url });
      return { remoteId: s.id, remoteUrl: s.url };
    },
  };

  if (o.lookup) {
    adapter.findPublished = async (req, part, ctx) => {
      const res = await send(
        `${ctx.secret.origin}/api/v1/accounts/1/statuses`,
        { headers: { authorization: `Bearer ${ctx.secret.token}` } },
        {
          serviceName: 'Fake network',
          timeoutMs: 5_000,
        },
      );
      if (!res.ok) throw await failure(res);
      const list = (await readJson(res)) as { id: string; url: string; content: string }[];
      const text = part.index === 0 ? req.text : part.text;
      const hit = list.find((s) => s.content === `<p>${text}</p>`);
      return hit ? { remoteId: hit.id, remoteUrl: hit.url } : null;
    };
  }
  return adapter;
}
