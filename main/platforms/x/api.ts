// Requests to the X API v2 with a fresh token (renewed before it runs out, once more on a 401), refusals in words.

import { readJson, retryAfterFromHeaders, send } from '../../core/platforms/http';
import type { AccountContext } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { type XSecret, xConfigOf } from './config';
import { requestXToken } from './token';

/** Renew a little before the two hours are up, so no request carries a token that dies in flight. */
const RENEW_BEFORE_MS = 2 * 60_000;

export interface XCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly form?: FormData;
  readonly creates?: boolean;
  readonly what: string;
}

interface Problem {
  readonly title?: unknown;
  readonly detail?: unknown;
  readonly type?: unknown;
  readonly errors?: readonly { readonly message?: unknown }[];
}

function said(p: Problem | null, status: number): string {
  const first = p?.errors?.[0]?.message;
  if (typeof p?.detail === 'string' && p.detail !== p.title) return p.detail;
  if (typeof first === 'string') return first;
  return typeof p?.title === 'string' ? p.title : `HTTP ${status}`;
}

/** Refreshes run one at a time per account: X rotates refresh tokens, so two at once would log the account out. */
const refreshing = new Map<string, Promise<XSecret>>();

export class XApi {
  #secret: XSecret;

  constructor(
    private readonly ctx: AccountContext<XSecret>,
    private readonly now: () => number,
  ) {
    this.#secret = ctx.secret;
  }

  get apiOrigin(): string {
    return xConfigOf(this.ctx.account).apiOrigin;
  }

  async #renew(): Promise<XSecret> {
    const id = this.ctx.account.id;
    const running = refreshing.get(id);
    if (running) {
      this.#secret = await running;
      return this.#secret;
    }
    const old = this.#secret;
    if (!old.refreshToken) throw new PlatformError('auth', 'The X login ran out and cannot renew itself. Sign in to X again in Accounts.');
    const work = requestXToken(
      this.apiOrigin,
      new URLSearchParams({ grant_type: 'refresh_token', refresh_token: old.refreshToken }),
      old.clientId,
      this.now(),
      this.ctx.signal,
    ).then(async (next) => {
      await this.ctx.saveSecret(next);
      return next;
    });
    refreshing.set(id, work);
    try {
      this.#secret = await work;
      return this.#secret;
    } finally {
      refreshing.delete(id);
    }
  }

  async call<T>(c: XCall): Promise<{ status: number; headers: Headers; body: T }> {
    if (this.#secret.expiresAt - this.now() < RENEW_BEFORE_MS) await this.#renew();
    let res = await this.#send(c);
    if (res.status === 401 && this.#secret.refreshToken) {
      // A 401 is answered before anything is created, so one retry with a renewed token is safe.
      await this.#renew();
      res = await this.#send(c);
    }
    const body = await readJson(res);
    if (res.ok) return { status: res.status, headers: res.headers, body: body as T };
    throw this.#refusal(res, body as Problem | null, c);
  }

  #send(c: XCall): Promise<Response> {
    const url = new URL(c.path, this.apiOrigin);
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { authorization: `Bearer ${this.#secret.accessToken}` };
    let body: RequestInit['body'];
    if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.json);
    } else if (c.form) body = c.form;
    return send(
      url.toString(),
      { method: c.method, headers, ...(body === undefined ? {} : { body }) },
      {
        serviceName: 'X',
        creates: c.creates ?? false,
        ...(this.ctx.signal ? { signal: this.ctx.signal } : {}),
      },
    );
  }

  #refusal(res: Response, p: Problem | null, c: XCall): PlatformError {
    const status = res.status;
    const why = said(p, status);
    if (status === 401) return new PlatformError('auth', `X refused the login (${why}). Sign in to X again in Accounts.`, { status });
    if (status === 402) {
      return new PlatformError(
        'gone',
        `X refused ${c.what} because the developer account has no credits left (${why}). Buy credits in the X Developer Console; the posts wait.`,
        { status },
      );
    }
    if (status === 403) {
      if (/duplicate/i.test(why))
        return new PlatformError('invalid', `X refused ${c.what}: ${why} Change the text and post it again.`, { status });
      return new PlatformError('auth', `X refused ${c.what} (${why}). Give the app "Read and write" permissions, then sign in again.`, {
        status,
      });
    }
    if (status === 429) {
      const wait = retryAfterFromHeaders(res.headers, this.now());
      return new PlatformError('rate_limited', `X's rate limit for ${c.what} is reached.`, {
        status,
        ...(wait === null ? {} : { retryAfterMs: wait }),
      });
    }
    if (status === 503) return new PlatformError('transient', `X is unavailable for now (${why}).`, { status });
    if (status >= 500) {
      return c.creates
        ? new PlatformError('unknown_outcome', `X failed while ${c.what} (${why}); the post may or may not exist.`, { status })
        : new PlatformError('transient', `X failed while ${c.what} (${why}).`, { status });
    }
    return new PlatformError('invalid', `X refused ${c.what}: ${why}`, { status });
  }
}
