// Signing in with the browser: app registration per server, PKCE (S256) where offered, a loopback redirect or a pasted code.

import { createHash, randomBytes } from 'node:crypto';
import { type Problem, wordsFor } from '../../../shared/contract/problems';
import type { Clock, TimerHandle } from '../../core/clock';
import { problem, problemOfError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Connection } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { parseInstanceInput } from './address';
import { MastodonApi } from './api';
import type { AppRegistration, MastodonSecret } from './config';
import { verifyAccount } from './connect';
import { discoverInstance, type InstanceInfo } from './discovery';
import { type CallbackPage, type CallbackQuery, LoopbackListener, pageForUnexpectedCallback, SIGN_IN_GONE_PAGE } from './loopback';

export const OOB_REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';
/** Least privilege: read the account, its statuses, mentions and search; write statuses and media. */
export const OAUTH_SCOPES = 'read:accounts read:statuses read:notifications read:search write:statuses write:media';
const FLOW_TTL_MS = 10 * 60_000;

export type FlowState = 'waiting' | 'exchanging' | 'connected' | 'failed' | 'cancelled' | 'expired';

export interface FlowRequest {
  readonly instance: string;
  readonly name?: string | undefined;
  /** Set when logging an existing account in again. */
  readonly accountId?: string | undefined;
  readonly redirect: 'loopback' | 'oob';
}

export interface FlowStatus<A> {
  readonly flowId: string;
  readonly state: FlowState;
  /** Why the flow ended without an account, in English, and from the catalog for pages to word. */
  readonly message: string | null;
  readonly problem: Problem | null;
  readonly result: A | null;
}

export interface BegunFlow {
  readonly flowId: string;
  readonly authorizeUrl: string;
  readonly redirectUri: string;
  readonly info: InstanceInfo;
  readonly expiresAt: number;
}

export interface OAuthDeps<A> {
  readonly clock: Clock;
  readonly appName: string;
  readonly website: string | null;
  /** A registration for this server kept with an existing account's credentials, to reuse it. */
  knownRegistrations(origin: string): AppRegistration[] | Promise<AppRegistration[]>;
  /** Stores the verified account (new or logged in again) and returns what to report. */
  finish(request: FlowRequest, connection: Connection<MastodonSecret>, info: InstanceInfo): Promise<A>;
  /** What to say once connected, e.g. the handle. */
  describe(result: A): string;
}

interface Flow<A> {
  readonly id: string;
  readonly request: FlowRequest;
  readonly info: InstanceInfo;
  readonly app: AppRegistration;
  readonly redirectUri: string;
  readonly state: string;
  readonly verifier: string | null;
  readonly listener: LoopbackListener | null;
  readonly expiry: TimerHandle;
  status: FlowState;
  problem: Problem | null;
  result: A | null;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

function preferredPort(apps: readonly AppRegistration[]): number | undefined {
  for (const a of apps) {
    for (const uri of a.redirectUris) {
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\/callback$/.exec(uri);
      if (m) return Number(m[1]);
    }
  }
  return undefined;
}

export class OAuthFlows<A> {
  readonly #flows = new Map<string, Flow<A>>();
  /** Registrations made by this process, reused while it runs. */
  readonly #registrations = new Map<string, AppRegistration[]>();

  constructor(private readonly deps: OAuthDeps<A>) {}

  async #registrationsFor(origin: string): Promise<AppRegistration[]> {
    return [...(this.#registrations.get(origin) ?? []), ...(await this.deps.knownRegistrations(origin))];
  }

  async #register(info: InstanceInfo, redirectUri: string): Promise<AppRegistration> {
    const api = new MastodonApi(info.origin, null);
    const uris = redirectUri === OOB_REDIRECT ? [OOB_REDIRECT] : [redirectUri, OOB_REDIRECT];
    const form = new URLSearchParams({ client_name: this.deps.appName, redirect_uris: uris.join('\n'), scopes: OAUTH_SCOPES });
    if (this.deps.website) form.set('website', this.deps.website);
    const res = await api.call<{ client_id?: unknown; client_secret?: unknown }>({
      method: 'POST',
      path: '/api/v1/apps',
      form,
      anonymous: true,
      what: 'Registering Kairos',
    });
    const { client_id: clientId, client_secret: clientSecret } = res.body ?? {};
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string') {
      throw new PlatformError('invalid', `${api.host} did not register Kairos as an app. Is it a Mastodon-compatible server?`, {
        field: 'instance',
      });
    }
    const app: AppRegistration = { origin: info.origin, clientId, clientSecret, redirectUris: uris, scopes: OAUTH_SCOPES };
    this.#registrations.set(info.origin, [app, ...(this.#registrations.get(info.origin) ?? [])]);
    return app;
  }

  async begin(request: FlowRequest): Promise<BegunFlow> {
    const info = await discoverInstance(parseInstanceInput(request.instance));
    const known = await this.#registrationsFor(info.origin);
    const id = newId('oauth', this.deps.clock.now());
    let listener: LoopbackListener | null = null;
    if (request.redirect === 'loopback') listener = await LoopbackListener.open((q) => this.#onCallback(id, q), preferredPort(known));
    try {
      const redirectUri = listener?.redirectUri ?? OOB_REDIRECT;
      const app = known.find((a) => a.redirectUris.includes(redirectUri)) ?? (await this.#register(info, redirectUri));
      const state = b64url(randomBytes(24));
      const verifier = info.pkce ? b64url(randomBytes(48)) : null;
      const url = new URL('/oauth/authorize', info.origin);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', app.clientId);
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('scope', OAUTH_SCOPES);
      url.searchParams.set('state', state);
      if (verifier) {
        url.searchParams.set('code_challenge', b64url(createHash('sha256').update(verifier).digest()));
        url.searchParams.set('code_challenge_method', 'S256');
      }
      const expiresAt = this.deps.clock.now() + FLOW_TTL_MS;
      const expiry = this.deps.clock.setTimer(FLOW_TTL_MS, () => this.#end(id, 'expired', problem('sign_in_expired', {})));
      this.#flows.set(id, {
        id,
        request,
        info,
        app,
        redirectUri,
        state,
        verifier,
        listener,
        expiry,
        status: 'waiting',
        problem: null,
        result: null,
      });
      return { flowId: id, authorizeUrl: url.toString(), redirectUri, info, expiresAt };
    } catch (e) {
      listener?.close();
      throw e;
    }
  }

  #end(id: string, status: FlowState, p: Problem | null): void {
    const flow = this.#flows.get(id);
    if (!flow || flow.status === 'connected' || flow.status === 'failed' || flow.status === 'cancelled' || flow.status === 'expired')
      return;
    flow.status = status;
    flow.problem = p;
    flow.expiry.cancel();
    flow.listener?.close();
  }

  async #onCallback(id: string, q: CallbackQuery): Promise<CallbackPage> {
    const flow = this.#flows.get(id);
    if (!flow) return SIGN_IN_GONE_PAGE;
    const unexpected = pageForUnexpectedCallback(flow, q);
    if (unexpected) return unexpected;
    if (q.error) {
      const p =
        q.error === 'access_denied'
          ? problem('sign_in_denied', { where: flow.info.domain })
          : problem('sign_in_refused', { where: flow.info.domain, reason: q.errorDescription ?? q.error, check: 'none' });
      this.#end(id, 'failed', p);
      return { status: 200, title: 'Not connected', message: wordsFor(p), final: true };
    }
    if (!q.code) return { status: 400, title: 'No code', message: 'The server sent no authorization code. Start again from Kairos.' };
    try {
      const result = await this.#exchange(flow, q.code);
      return {
        status: 200,
        title: 'Connected',
        message: `Kairos is connected to ${this.deps.describe(result)}. You can close this tab and return to Kairos.`,
        final: true,
      };
    } catch (e) {
      return { status: 200, title: 'Not connected', message: (e as Error).message, final: true };
    }
  }

  async #exchange(flow: Flow<A>, code: string): Promise<A> {
    flow.status = 'exchanging';
    try {
      const api = new MastodonApi(flow.info.origin, null);
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: flow.app.clientId,
        client_secret: flow.app.clientSecret,
        redirect_uri: flow.redirectUri,
        scope: OAUTH_SCOPES,
      });
      if (flow.verifier) form.set('code_verifier', flow.verifier);
      const res = await api.call<{ access_token?: unknown; error?: unknown }>({
        method: 'POST',
        path: '/oauth/token',
        form,
        anonymous: true,
        accept: [400, 401],
      });
      const token = res.body?.access_token;
      if (res.status === 400)
        throw new PlatformError(
          'invalid',
          `${api.host} refused that code: it may have expired or been used already. Start the sign-in again.`,
          { field: 'code' },
        );
      if (res.status === 401) {
        this.#registrations.delete(flow.info.origin);
        throw new PlatformError(
          'auth',
          `${api.host} no longer knows Kairos's app registration. Start the sign-in again; Kairos will register anew.`,
        );
      }
      if (typeof token !== 'string')
        throw new PlatformError('invalid', `${api.host} answered without an access token. Start the sign-in again.`);
      const connection = await verifyAccount(flow.info, token, flow.app);
      const result = await this.deps.finish(flow.request, connection, flow.info);
      flow.result = result;
      flow.status = 'waiting';
      this.#end(flow.id, 'connected', null);
      return result;
    } catch (e) {
      // A wrong or stale code may be followed by a good one; anything else ends the flow.
      flow.status = 'waiting';
      if (!(e instanceof PlatformError && e.options.field === 'code')) this.#end(flow.id, 'failed', problemOfError(e));
      throw e;
    }
  }

  /** Finishes a flow with a code pasted by the user (out-of-band, or copied from the browser's address bar). */
  async complete(flowId: string, code: string): Promise<A> {
    const flow = this.#flows.get(flowId);
    if (!flow) throw new PlatformError('invalid', 'That sign-in is no longer waiting. Start it again.', { field: 'flowId' });
    if (flow.status === 'connected' && flow.result !== null) return flow.result;
    if (flow.status !== 'waiting')
      throw new PlatformError('invalid', flow.problem ? wordsFor(flow.problem) : 'That sign-in is over. Start it again.', {
        field: 'flowId',
      });
    return this.#exchange(flow, code.trim());
  }

  status(flowId: string): FlowStatus<A> | null {
    const f = this.#flows.get(flowId);
    return f ? { flowId, state: f.status, message: f.problem && wordsFor(f.problem), problem: f.problem, result: f.result } : null;
  }

  cancel(flowId: string): void {
    this.#end(flowId, 'cancelled', problem('sign_in_cancelled', {}));
  }

  closeAll(): void {
    for (const id of this.#flows.keys()) this.cancel(id);
  }
}
