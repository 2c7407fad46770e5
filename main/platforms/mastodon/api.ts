// A small Mastodon REST client: bearer auth, Idempotency-Key, and every failure turned into a PlatformError a person can read.

import { parseRetryAfter, readJson, send } from '../../core/platforms/http';
import { PlatformError } from '../../core/platforms/types';

export interface ApiCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly json?: unknown;
  readonly form?: FormData | URLSearchParams;
  readonly idempotencyKey?: string;
  /** The call can create a post: a drop after sending is then an unknown outcome. */
  readonly creates?: boolean;
  readonly timeoutMs?: number;
  /** Statuses that are answers rather than failures for this call (206 while media processes, 404 when probing). */
  readonly accept?: readonly number[];
  /** Return every answer, whatever its status (for probing what kind of server this is). */
  readonly acceptAll?: boolean;
  /** What the call was for, in words, to prefix refusals with ("Part 2 of the thread"). */
  readonly what?: string;
  readonly anonymous?: boolean;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** The server's clock from its Date header, so waits are computed against the time the server meant. */
function serverNow(headers: Headers): number {
  const d = Date.parse(headers.get('date') ?? '');
  return Number.isNaN(d) ? Date.now() : d;
}

/**
 * How long to wait before trying again, from Retry-After or the rate-limit reset. The reset comes as an
 * ISO date (Mastodon), epoch seconds (several compatible servers) or seconds from now.
 */
export function retryDelayFromHeaders(headers: Headers): number | null {
  const now = serverNow(headers);
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  const reset = (headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'))?.trim();
  if (!reset) return null;
  if (/^\d+(\.\d+)?$/.test(reset)) {
    const n = Number(reset);
    if (n > 1e12) return Math.max(0, n - now);
    if (n > 1e9) return Math.max(0, n * 1000 - now);
    return Math.ceil(n * 1000);
  }
  const at = Date.parse(reset);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const FIELD_BY_ATTRIBUTE: readonly [RegExp, string][] = [
  [/^(Text|Status)\b/i, 'text'],
  [/^Spoiler text\b/i, 'contentWarning'],
  [/^Scheduled at\b/i, 'when'],
  [/^Poll\b/i, 'poll'],
  [/^(Media|File|Description|Focus|Thumbnail)\b/i, 'media'],
  [/^Visibility\b/i, 'visibility'],
  [/^Language\b/i, 'language'],
];

/** The field a 422 message concerns: "Validation failed: Text can't be blank" concerns the text. */
export function fieldOfValidationError(message: string): string | undefined {
  const detail = message.replace(/^Validation failed:\s*/i, '');
  for (const [re, field] of FIELD_BY_ATTRIBUTE) if (re.test(detail)) return field;
  if (/attach|files?\b|media/i.test(detail)) return 'media';
  if (/scheduled/i.test(detail)) return 'when';
  return undefined;
}

function errorText(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; error_description?: unknown };
    if (typeof b.error_description === 'string' && b.error_description) return b.error_description;
    if (typeof b.error === 'string' && b.error) return b.error;
  }
  return null;
}

export function failureFromResponse(status: number, body: unknown, headers: Headers, host: string, what?: string): PlatformError {
  const said = errorText(body);
  const prefix = what ? `${what}: ` : '';
  if (status === 401) {
    return new PlatformError(
      'auth',
      `${host} no longer accepts Kairos for this account (the access was revoked or expired). Log in again in Accounts; its posts wait until then.`,
      { status },
    );
  }
  if (status === 403) {
    if (said && /suspend|disabled|locked/i.test(said)) {
      return new PlatformError('gone', `${host} says this account cannot post ("${said}"). Check the account on ${host}.`, { status });
    }
    return new PlatformError(
      'auth',
      `${host} refused: ${said ?? 'forbidden'}. Log in again in Accounts so Kairos gets the permissions it needs.`,
      { status },
    );
  }
  if (status === 410)
    return new PlatformError('gone', `This account no longer exists on ${host}. Remove it from Kairos or connect another.`, { status });
  if (status === 429) {
    const retryAfterMs = retryDelayFromHeaders(headers) ?? 60_000;
    return new PlatformError(
      'rate_limited',
      `${host} asks Kairos to slow down (too many requests); trying again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`,
      { status, retryAfterMs },
    );
  }
  if (status >= 500) {
    return new PlatformError('transient', `${prefix}${host} had a server problem (${status}); Kairos will try again.`, { status });
  }
  if (status === 422) {
    const message = said ?? 'The server refused the request.';
    const field = fieldOfValidationError(message);
    return new PlatformError('invalid', `${prefix}${host} refused it: "${message}"`, field ? { status, field } : { status });
  }
  return new PlatformError('invalid', `${prefix}${host} refused the request (${status}${said ? `: "${said}"` : ''}).`, { status });
}

export class MastodonApi {
  readonly host: string;

  constructor(
    readonly origin: string,
    private readonly token: string | null,
    private readonly signal?: AbortSignal,
  ) {
    this.host = new URL(origin).host;
  }

  url(path: string, query?: ApiCall['query']): string {
    const u = new URL(path, this.origin);
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      if (typeof v === 'string') u.searchParams.set(k, v);
      else for (const item of v) u.searchParams.append(k, item);
    }
    return u.toString();
  }

  async call<T>(c: ApiCall): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token && !c.anonymous) headers.authorization = `Bearer ${this.token}`;
    if (c.idempotencyKey) headers['idempotency-key'] = c.idempotencyKey;
    let body: string | FormData | URLSearchParams | undefined;
    if (c.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.json);
    } else if (c.form) {
      body = c.form;
    }
    const res = await send(
      this.url(c.path, c.query),
      { method: c.method, headers, ...(body === undefined ? {} : { body }) },
      {
        serviceName: this.host,
        timeoutMs: c.timeoutMs ?? 30_000,
        ...(c.creates ? { creates: true } : {}),
        ...(this.signal ? { signal: this.signal } : {}),
      },
    );
    const parsed = await readJson(res);
    if (res.ok || c.acceptAll || c.accept?.includes(res.status)) return { status: res.status, body: parsed as T, headers: res.headers };
    throw failureFromResponse(res.status, parsed, res.headers, this.host, c.what);
  }
}
