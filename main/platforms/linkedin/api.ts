// Requests to LinkedIn's REST API with the versioning headers, and its refusals turned into PlatformErrors in words.

import { readJson, retryAfterFromHeaders, send } from '../../core/platforms/http';
import { PlatformError } from '../../core/platforms/types';

export interface LinkedInCall {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** A path on the API origin, or a whole URL (the upload URL LinkedIn hands out). */
  readonly path: string;
  readonly json?: unknown;
  readonly body?: Buffer;
  readonly contentType?: string;
  /** The call can create a post: a drop after sending is an unknown outcome. */
  readonly creates?: boolean;
  /** Send the REST headers (LinkedIn-Version, Rest.li 2.0.0); off for /v2/userinfo and upload URLs. */
  readonly rest?: boolean;
  readonly what: string;
}

export interface LinkedInReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

interface ErrorBody {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly serviceErrorCode?: unknown;
}

/** LinkedIn's daily limits reset at midnight UTC; a 429 without Retry-After waits for that. */
function untilUtcMidnight(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

export class LinkedInApi {
  constructor(
    private readonly apiOrigin: string,
    private readonly accessToken: string,
    private readonly version: string,
    private readonly signal?: AbortSignal,
  ) {}

  async call(c: LinkedInCall): Promise<LinkedInReply> {
    const url = /^https?:\/\//.test(c.path) ? c.path : new URL(c.path, this.apiOrigin).toString();
    const headers: Record<string, string> = { authorization: `Bearer ${this.accessToken}` };
    if (c.rest !== false) {
      headers['linkedin-version'] = this.version;
      headers['x-restli-protocol-version'] = '2.0.0';
    }
    let body: RequestInit['body'];
    if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.json);
    } else if (c.body) {
      headers['content-type'] = c.contentType ?? 'application/octet-stream';
      body = new Uint8Array(c.body);
    }
    const res = await send(
      url,
      { method: c.method, headers, ...(body === undefined ? {} : { body }) },
      {
        serviceName: 'LinkedIn',
        creates: c.creates ?? false,
        ...(this.signal ? { signal: this.signal } : {}),
      },
    );
    const parsed = await readJson(res);
    if (res.ok) return { status: res.status, headers: res.headers, body: parsed };
    throw this.#refusal(res, parsed as ErrorBody | null, c);
  }

  #refusal(res: Response, body: ErrorBody | null, c: LinkedInCall): PlatformError {
    const said = typeof body?.message === 'string' ? body.message : `HTTP ${res.status}`;
    const status = res.status;
    if (status === 401) {
      return new PlatformError('auth', `LinkedIn refused the login (${said}). Sign in to LinkedIn again in Accounts.`, { status });
    }
    if (status === 403) {
      return new PlatformError(
        'auth',
        `LinkedIn refused ${c.what} (${said}). Check that your LinkedIn app has the "Share on LinkedIn" product, then sign in again.`,
        { status },
      );
    }
    if (status === 429) {
      const now = Date.now();
      const wait = retryAfterFromHeaders(res.headers, now) ?? untilUtcMidnight(now);
      return new PlatformError('rate_limited', `LinkedIn's limit for ${c.what} is reached (${said}).`, { status, retryAfterMs: wait });
    }
    if (status === 503) return new PlatformError('transient', `LinkedIn is unavailable for now (${said}).`, { status });
    if (status >= 500) {
      // A 500 after a create may have written the post: never send it again blindly.
      return c.creates
        ? new PlatformError('unknown_outcome', `LinkedIn failed while ${c.what} (${said}); the post may or may not exist.`, { status })
        : new PlatformError('transient', `LinkedIn failed while ${c.what} (${said}).`, { status });
    }
    return new PlatformError('invalid', `LinkedIn refused ${c.what}: ${said}`, { status });
  }
}
