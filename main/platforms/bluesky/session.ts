// Bluesky sign-in with an app password, token refresh with rotation, and a silent new sign-in when refresh is gone.

import { parseJsonObject } from '../../core/parse';
import type { AccountContext } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { type IdentityOptions, isDid, isHandle, normaliseIdentifier, normaliseServiceUrl, resolveIdentity } from './identity';
import { errorBody, failureOf, isAcceptableService, saidBy, TOKEN_ERRORS, type XrpcReply, type XrpcRequest, xrpc } from './xrpc';

/** Sealed in the secret store; never leaves the main process. */
export interface BlueskySecret {
  readonly did: string;
  readonly appPassword: string;
  readonly accessJwt: string;
  readonly refreshJwt: string;
}

/** Kept in the clear with the account. */
export interface BlueskyConfig {
  readonly did: string;
  readonly handle: string;
  /** Where Kairos signs in and sends every call: the server the user typed, or the account's own PDS. */
  readonly serviceUrl: string;
}

export interface SignInInput {
  readonly identifier: string;
  readonly appPassword: string;
  readonly service?: string | undefined;
}

export const APP_PASSWORD_HOWTO =
  'In Bluesky open Settings → Privacy and security → App passwords, add one named Kairos and paste it here.';

interface SessionReply {
  readonly did: string;
  readonly handle: string;
  readonly accessJwt: string;
  readonly refreshJwt: string;
  readonly active?: boolean;
  readonly status?: string;
}

function sessionOf(reply: XrpcReply): SessionReply | null {
  const b = reply.body as Partial<SessionReply> | null;
  if (!b || typeof b.accessJwt !== 'string' || typeof b.refreshJwt !== 'string' || typeof b.did !== 'string') return null;
  return b as SessionReply;
}

/** The scope claim of a session token; tells an app password's session from a full-password one. */
export function tokenScope(jwt: string): string | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  const scope = parseJsonObject(Buffer.from(payload, 'base64url').toString('utf8'))?.scope;
  return typeof scope === 'string' ? scope : null;
}

function inactiveAccount(s: SessionReply): PlatformError | null {
  if (s.active !== false) return null;
  const why = s.status === 'takendown' ? 'taken down' : s.status === 'suspended' ? 'suspended' : 'deactivated';
  return new PlatformError('gone', `This Bluesky account is ${why}, so Kairos cannot post to it. Check the account on Bluesky.`);
}

function refused(reply: XrpcReply, handle: string): PlatformError {
  const { error } = errorBody(reply);
  if (error === 'AuthFactorTokenRequired') {
    return new PlatformError(
      'invalid',
      `That is the account password of ${handle} (Bluesky asked for the sign-in code it emails). Kairos needs an app password instead. ${APP_PASSWORD_HOWTO}`,
      { field: 'appPassword' },
    );
  }
  if (reply.status === 401 || error === 'AuthenticationRequired') {
    return new PlatformError(
      'auth',
      `Bluesky did not accept that handle and app password. Check both: an app password looks like abcd-efgh-ijkl-mnop. ${APP_PASSWORD_HOWTO}`,
      { field: 'appPassword', status: reply.status },
    );
  }
  return failureOf(reply, Date.now(), 'the sign-in');
}

async function createSession(serviceUrl: string, identifier: string, password: string, signal?: AbortSignal): Promise<XrpcReply> {
  return xrpc(serviceUrl, {
    nsid: 'com.atproto.server.createSession',
    body: { identifier, password },
    timeoutMs: 20_000,
    ...(signal ? { signal } : {}),
  });
}

/** Checks the handle and app password with the account's server and returns what to keep. */
export async function signIn(
  input: SignInInput,
  identity: IdentityOptions,
): Promise<{ readonly secret: BlueskySecret; readonly config: BlueskyConfig }> {
  const identifier = normaliseIdentifier(input.identifier);
  if (!isDid(identifier) && !isHandle(identifier)) {
    throw new PlatformError('invalid', 'Type your Bluesky handle, like alice.bsky.social (or your DID, did:plc:…).', {
      field: 'identifier',
    });
  }
  let serviceUrl: string;
  if (input.service?.trim()) {
    const typed = normaliseServiceUrl(input.service);
    if (!typed) throw new PlatformError('invalid', 'The service must be a web address, like https://bsky.social.', { field: 'service' });
    if (!isAcceptableService(typed)) {
      throw new PlatformError(
        'invalid',
        'Kairos connects to Bluesky services over https only; plain http is allowed only to a server on this computer (127.0.0.1, ::1, localhost). Type the service starting with https://.',
        { field: 'service' },
      );
    }
    serviceUrl = typed;
  } else {
    serviceUrl = (await resolveIdentity(identifier, identity)).pdsUrl;
    if (!isAcceptableService(serviceUrl)) {
      throw new PlatformError(
        'invalid',
        `The identity document of ${identifier} names a server over plain http (${serviceUrl}), which would carry your app password unencrypted, so Kairos will not use it. Type an https address under "Service".`,
        { field: 'service' },
      );
    }
  }
  const reply = await createSession(serviceUrl, identifier, input.appPassword, identity.signal);
  const session = reply.status === 200 ? sessionOf(reply) : null;
  if (!session) throw refused(reply, identifier);
  if (tokenScope(session.accessJwt) === 'com.atproto.access') {
    // Do not keep a full-password session around, even briefly.
    await xrpc(serviceUrl, {
      nsid: 'com.atproto.server.deleteSession',
      procedure: true,
      token: session.refreshJwt,
      timeoutMs: 5_000,
    }).catch(() => {});
    throw new PlatformError(
      'invalid',
      `That is the account password of ${session.handle}, not an app password. Kairos only keeps app passwords, which you can revoke at any time. ${APP_PASSWORD_HOWTO}`,
      { field: 'appPassword' },
    );
  }
  const inactive = inactiveAccount(session);
  if (inactive) throw inactive;
  return {
    secret: { did: session.did, appPassword: input.appPassword, accessJwt: session.accessJwt, refreshJwt: session.refreshJwt },
    config: { did: session.did, handle: session.handle, serviceUrl },
  };
}

function isTokenFailure(reply: XrpcReply): boolean {
  const { error } = errorBody(reply);
  return (reply.status === 400 || reply.status === 401) && error !== undefined && TOKEN_ERRORS.has(error);
}

export function configOf(ctx: AccountContext<BlueskySecret>): BlueskyConfig {
  const c = ctx.account.config as Partial<BlueskyConfig>;
  if (typeof c.serviceUrl !== 'string' || typeof c.did !== 'string') {
    throw new PlatformError('auth', 'This Bluesky account is missing its server details. Reconnect it in Accounts.');
  }
  return { did: c.did, handle: typeof c.handle === 'string' ? c.handle : c.did, serviceUrl: c.serviceUrl };
}

/** An account's signed-in connection: every call carries the access token and survives its expiry. */
export interface AccountSession {
  readonly config: BlueskyConfig;
  call(req: XrpcRequest): Promise<XrpcReply>;
}

/**
 * Keeps sessions fresh for every account of one adapter. Refresh tokens rotate: two calls that find the
 * same expired token share one refresh, and later calls start from the newest tokens.
 */
export class SessionKeeper {
  readonly #renewing = new Map<string, Promise<BlueskySecret>>();
  /** Which secret replaced a refresh token, so a call that started from an old one continues from the newest. */
  readonly #successors = new Map<string, BlueskySecret>();

  #newestFrom(secret: BlueskySecret): BlueskySecret {
    let s = secret;
    for (let next = this.#successors.get(s.refreshJwt); next; next = this.#successors.get(s.refreshJwt)) s = next;
    return s;
  }

  #remember(replaced: string, fresh: BlueskySecret): void {
    this.#successors.set(replaced, fresh);
    // Only recent rotations matter; a long-running app must not keep every token it ever saw.
    if (this.#successors.size > 200) this.#successors.delete(this.#successors.keys().next().value as string);
  }

  open(ctx: AccountContext<BlueskySecret>): AccountSession {
    const config = configOf(ctx);
    let current = this.#newestFrom(ctx.secret);
    const renew = async (): Promise<void> => {
      const newest = this.#newestFrom(current);
      if (newest !== current) {
        current = newest;
        return;
      }
      const stale = current;
      let pending = this.#renewing.get(stale.refreshJwt);
      if (!pending) {
        pending = this.#renew(config, stale).then(async (fresh) => {
          await ctx.saveSecret(fresh);
          this.#remember(stale.refreshJwt, fresh);
          return fresh;
        });
        this.#renewing.set(stale.refreshJwt, pending);
        void pending.then(
          () => this.#renewing.delete(stale.refreshJwt),
          () => this.#renewing.delete(stale.refreshJwt),
        );
      }
      current = await pending;
    };
    return {
      config,
      call: async (req) => {
        const signal = req.signal ?? ctx.signal;
        const withAuth = (): XrpcRequest => ({ ...req, token: current.accessJwt, ...(signal ? { signal } : {}) });
        const first = await xrpc(config.serviceUrl, withAuth());
        // A refused token means the server did nothing, so repeating the call, even a create, is safe.
        if (!isTokenFailure(first)) return first;
        await renew();
        return xrpc(config.serviceUrl, withAuth());
      },
    };
  }

  async #renew(config: BlueskyConfig, stale: BlueskySecret): Promise<BlueskySecret> {
    const reply = await xrpc(config.serviceUrl, {
      nsid: 'com.atproto.server.refreshSession',
      procedure: true,
      token: stale.refreshJwt,
      timeoutMs: 20_000,
    });
    const session = reply.status === 200 ? sessionOf(reply) : null;
    if (session) {
      const inactive = inactiveAccount(session);
      if (inactive) throw inactive;
      return { ...stale, accessJwt: session.accessJwt, refreshJwt: session.refreshJwt };
    }
    if (!isTokenFailure(reply) && reply.status !== 401) throw failureOf(reply, Date.now(), 'renewing the sign-in');
    // The refresh token expired or was revoked: sign in again with the stored app password, without bothering the user.
    const again = await createSession(config.serviceUrl, stale.did, stale.appPassword);
    const fresh = again.status === 200 ? sessionOf(again) : null;
    if (!fresh) {
      if (again.status === 401 || errorBody(again).error === 'AuthenticationRequired') {
        throw new PlatformError(
          'auth',
          `Bluesky no longer accepts the app password of ${config.handle} (it may have been revoked). Create a new app password and reconnect the account in Accounts; its posts wait until then.`,
          { status: again.status },
        );
      }
      throw failureOf(again, Date.now(), `signing in again (${saidBy(again)})`);
    }
    const inactive = inactiveAccount(fresh);
    if (inactive) throw inactive;
    return { ...stale, accessJwt: fresh.accessJwt, refreshJwt: fresh.refreshJwt };
  }
}
