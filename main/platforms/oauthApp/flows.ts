// Browser sign-in with the user's own developer app (LinkedIn, X): authorization code, PKCE, a fixed loopback redirect.

import { createHash, randomBytes } from 'node:crypto';
import { type Problem, wordsFor } from '../../../shared/contract/problems';
import type { Clock, TimerHandle } from '../../core/clock';
import { problem, problemOfError } from '../../core/errors';
import { newId } from '../../core/ids';
import { parseUrl } from '../../core/parse';
import { PlatformError } from '../../core/platforms/types';
import {
  type CallbackPage,
  type CallbackQuery,
  LoopbackListener,
  pageForUnexpectedCallback,
  SIGN_IN_GONE_PAGE,
} from '../mastodon/loopback';

const FLOW_TTL_MS = 10 * 60_000;

export type AppFlowState = 'waiting' | 'exchanging' | 'connected' | 'failed' | 'cancelled' | 'expired';

/** What the user typed: their app's client id (and secret where the network needs one), the port they registered. */
export interface AppFlowRequest {
  readonly clientId: string;
  readonly clientSecret: string | null;
  /** The port of the redirect URL registered with the app; 0 takes any free port (only for servers that accept any). */
  readonly port: number;
  readonly name?: string | undefined;
  readonly accountId?: string | undefined;
  /** Another origin that serves the network's sign-in and API (advanced; for a test server or a proxy). */
  readonly server?: string | undefined;
}

/** What a network contributes: where to send the browser, and how to turn a code into a stored account. */
export interface AppFlowProvider<A> {
  readonly displayName: string;
  authorizeUrl(p: {
    readonly request: AppFlowRequest;
    readonly redirectUri: string;
    readonly state: string;
    readonly challenge: string;
  }): string;
  /** Exchanges the code, reads who signed in, stores the account; throws PlatformError in words. */
  finish(p: {
    readonly request: AppFlowRequest;
    readonly code: string;
    readonly redirectUri: string;
    readonly verifier: string;
  }): Promise<A>;
  describe(result: A): string;
}

export interface AppFlowStatus<A> {
  readonly flowId: string;
  readonly state: AppFlowState;
  /** Why the flow ended without an account, in English, and from the catalog for pages to word. */
  readonly message: string | null;
  readonly problem: Problem | null;
  readonly result: A | null;
}

export interface BegunAppFlow {
  readonly flowId: string;
  readonly authorizeUrl: string;
  readonly redirectUri: string;
  readonly expiresAt: number;
}

interface Flow<A> {
  readonly id: string;
  readonly request: AppFlowRequest;
  readonly redirectUri: string;
  readonly state: string;
  readonly verifier: string;
  readonly listener: LoopbackListener;
  readonly expiry: TimerHandle;
  status: AppFlowState;
  problem: Problem | null;
  result: A | null;
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const FINAL: readonly AppFlowState[] = ['connected', 'failed', 'cancelled', 'expired'];

export class AppOAuthFlows<A> {
  readonly #flows = new Map<string, Flow<A>>();

  constructor(
    private readonly clock: Clock,
    private readonly provider: AppFlowProvider<A>,
  ) {}

  async begin(request: AppFlowRequest): Promise<BegunAppFlow> {
    if (request.server) serverOrigin(request.server);
    const id = newId('oauth', this.clock.now());
    const name = this.provider.displayName;
    const listener = await LoopbackListener.openExact((q) => this.#onCallback(id, q), request.port, name);
    if (!listener) {
      throw new PlatformError(
        'invalid',
        `Port ${request.port} on this computer is taken, so ${name} cannot send the browser back to Kairos. Close what uses it, or pick another port and add http://127.0.0.1:PORT/callback to your ${name} app's redirect URLs.`,
        { field: 'port' },
      );
    }
    const redirectUri = listener.redirectUri;
    const state = b64url(randomBytes(24));
    const verifier = b64url(randomBytes(48));
    const challenge = b64url(createHash('sha256').update(verifier).digest());
    const expiresAt = this.clock.now() + FLOW_TTL_MS;
    const expiry = this.clock.setTimer(FLOW_TTL_MS, () => this.#end(id, 'expired', problem('sign_in_expired', {})));
    this.#flows.set(id, { id, request, redirectUri, state, verifier, listener, expiry, status: 'waiting', problem: null, result: null });
    return { flowId: id, authorizeUrl: this.provider.authorizeUrl({ request, redirectUri, state, challenge }), redirectUri, expiresAt };
  }

  #end(id: string, status: AppFlowState, p: Problem | null): void {
    const flow = this.#flows.get(id);
    if (!flow || FINAL.includes(flow.status)) return;
    flow.status = status;
    flow.problem = p;
    flow.expiry.cancel();
    flow.listener.close();
  }

  async #onCallback(id: string, q: CallbackQuery): Promise<CallbackPage> {
    const name = this.provider.displayName;
    const flow = this.#flows.get(id);
    if (!flow) return SIGN_IN_GONE_PAGE;
    const unexpected = pageForUnexpectedCallback(flow, q);
    if (unexpected) return unexpected;
    if (q.error) {
      const p =
        q.error === 'access_denied' || q.error === 'user_cancelled_login' || q.error === 'user_cancelled_authorize'
          ? problem('sign_in_denied', { where: name })
          : problem('sign_in_refused', { where: name, reason: q.errorDescription ?? q.error, check: 'app_settings' });
      this.#end(id, 'failed', p);
      return { status: 200, title: 'Not connected', message: wordsFor(p), final: true };
    }
    if (!q.code) return { status: 400, title: 'No code', message: `${name} sent no authorization code. Start again from Kairos.` };
    flow.status = 'exchanging';
    try {
      const result = await this.provider.finish({
        request: flow.request,
        code: q.code,
        redirectUri: flow.redirectUri,
        verifier: flow.verifier,
      });
      flow.result = result;
      flow.status = 'waiting';
      this.#end(id, 'connected', null);
      return {
        status: 200,
        title: 'Connected',
        message: `Kairos is connected to ${this.provider.describe(result)}. You can close this tab and return to Kairos.`,
        final: true,
      };
    } catch (e) {
      flow.status = 'waiting';
      this.#end(id, 'failed', problemOfError(e));
      return { status: 200, title: 'Not connected', message: (e as Error).message, final: true };
    }
  }

  status(flowId: string): AppFlowStatus<A> | null {
    const f = this.#flows.get(flowId);
    return f ? { flowId, state: f.status, message: f.problem && wordsFor(f.problem), problem: f.problem, result: f.result } : null;
  }

  /** Resolves when the flow ends (connected, failed, cancelled or expired): for the command line. */
  async settled(flowId: string, pollMs = 250): Promise<AppFlowStatus<A>> {
    for (;;) {
      const s = this.status(flowId);
      if (!s) throw new PlatformError('invalid', 'That sign-in is not known.');
      if (FINAL.includes(s.state)) return s;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  cancel(flowId: string): void {
    this.#end(flowId, 'cancelled', problem('sign_in_cancelled', {}));
  }

  closeAll(): void {
    for (const id of this.#flows.keys()) this.cancel(id);
  }
}

/**
 * The origin of a `server` override. https only, except on this computer: the client secret and tokens must never
 * cross a network in the clear.
 */
export function serverOrigin(server: string): string {
  const url = parseUrl(server);
  if (!url)
    throw new PlatformError('invalid', `"${server}" is not an address. Type a full address, e.g. https://api.example.org.`, {
      field: 'server',
    });
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new PlatformError('invalid', 'Use an https:// address (plain http only works for a server on this computer).', {
      field: 'server',
    });
  }
  return url.origin;
}
