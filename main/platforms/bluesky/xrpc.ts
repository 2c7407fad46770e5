// Plain XRPC over fetch: queries, procedures and blob uploads, with XRPC errors and rate limits in words.

import { parseUrl } from '../../core/parse';
import { parseRateLimit, readJson, retryAfterFromHeaders, send } from '../../core/platforms/http';
import { isEncryptedOrLoopback } from '../../core/platforms/loopback';
import { PlatformError } from '../../core/platforms/types';

export const SERVICE_NAME = 'Bluesky';

export interface XrpcRequest {
  readonly nsid: string;
  /** Query parameters; arrays repeat the parameter, as XRPC expects. */
  readonly params?: Readonly<Record<string, string | number | boolean | readonly string[] | undefined>>;
  /** A JSON body (procedure) or raw bytes with their type (blob upload). */
  readonly body?: unknown;
  readonly bytes?: { readonly data: Buffer; readonly mime: string };
  /** A procedure without input (refreshSession): POST with an empty body. */
  readonly procedure?: boolean;
  readonly token?: string;
  /** The call may create a post: a connection lost after sending is then an unknown outcome. */
  readonly creates?: boolean;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface XrpcReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** The error name and message an XRPC server puts in a failed reply's body. */
export interface XrpcErrorBody {
  readonly error?: string;
  readonly message?: string;
}

export function errorBody(reply: XrpcReply): XrpcErrorBody {
  const b = reply.body as XrpcErrorBody | null;
  return {
    ...(typeof b?.error === 'string' ? { error: b.error } : {}),
    ...(typeof b?.message === 'string' ? { message: b.message } : {}),
  };
}

function urlFor(base: string, req: XrpcRequest): string {
  const url = new URL(`/xrpc/${req.nsid}`, base);
  for (const [k, v] of Object.entries(req.params ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
    else url.searchParams.set(k, String(v));
  }
  return url.toString();
}

/** Whether a service may be sent credentials: https, or plain http only to this computer. */
export function isAcceptableService(base: string): boolean {
  const url = parseUrl(base);
  return url !== null && isEncryptedOrLoopback(url);
}

/** Sends one XRPC call and returns the reply whatever its status; only failures to talk to the server throw. */
export async function xrpc(base: string, req: XrpcRequest): Promise<XrpcReply> {
  // Passwords and tokens never cross a network unencrypted, whatever address an account was saved with.
  if (!isAcceptableService(base)) {
    throw new PlatformError(
      'invalid',
      `Kairos talks to Bluesky services over https only, and ${base} is plain http on another computer. Reconnect the account with an https service.`,
    );
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  // A copy of the bytes: its own ArrayBuffer, which every fetch typing takes as a body.
  let body: Uint8Array<ArrayBuffer> | string | undefined;
  let method = req.procedure ? 'POST' : 'GET';
  if (req.bytes) {
    method = 'POST';
    headers['content-type'] = req.bytes.mime;
    body = new Uint8Array(req.bytes.data);
  } else if (req.body !== undefined) {
    method = 'POST';
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const res = await send(
    urlFor(base, req),
    { method, headers, ...(body !== undefined ? { body } : {}) },
    {
      serviceName: SERVICE_NAME,
      timeoutMs: req.timeoutMs ?? 30_000,
      ...(req.creates ? { creates: true } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    },
  );
  return { status: res.status, headers: res.headers, body: await readJson(res) };
}

/** How long to wait before the next call: Retry-After, else RateLimit-Reset (epoch seconds on Bluesky), else null. */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const said = retryAfterFromHeaders(headers, now);
  if (said !== null) return Math.max(1_000, said);
  // A 429 means the window is used up even if RateLimit-Remaining was left out.
  const resetAt = parseRateLimit(headers, now)?.resetAt ?? null;
  return resetAt === null ? null : Math.max(1_000, resetAt - now);
}

/** Names of XRPC errors that mean the access or refresh token can no longer be used. */
export const TOKEN_ERRORS = new Set(['ExpiredToken', 'InvalidToken']);

const GONE_ERRORS = new Set(['AccountTakedown', 'AccountDeactivated', 'RepoTakendown', 'RepoDeactivated', 'RepoSuspended']);

/** Words for what the server said, quoting its message (never a token: servers do not echo them). */
export function saidBy(reply: XrpcReply): string {
  const { error, message } = errorBody(reply);
  if (message && error) return `Bluesky said: "${message}" (${error}).`;
  if (message || error) return `Bluesky said: "${message ?? error}".`;
  return `Bluesky answered ${reply.status}.`;
}

/** Turns a failed XRPC reply into a PlatformError whose kind tells the scheduler what to do. */
export function failureOf(reply: XrpcReply, now: number, doing: string): PlatformError {
  const { error } = errorBody(reply);
  const said = saidBy(reply);
  const status = reply.status;
  if (status === 429 || error === 'RateLimitExceeded') {
    const wait = retryAfterMs(reply.headers, now) ?? 60_000;
    return new PlatformError(
      'rate_limited',
      `Bluesky is limiting how many requests this account can make; Kairos will try again in ${Math.ceil(wait / 1000)} s.`,
      {
        retryAfterMs: wait,
        status,
      },
    );
  }
  if (error && GONE_ERRORS.has(error)) {
    return new PlatformError(
      'gone',
      `Bluesky says this account is suspended, taken down or deactivated. ${said} Check the account on Bluesky.`,
      {
        status,
      },
    );
  }
  if (status === 401 || (error && TOKEN_ERRORS.has(error))) {
    return new PlatformError(
      'auth',
      `Bluesky no longer accepts this account's sign-in. Reconnect it in Accounts with a new app password. ${said}`,
      {
        status,
      },
    );
  }
  if (status === 404 || error === 'MethodNotImplemented' || error === 'XRPCNotSupported') {
    return new PlatformError('invalid', `This Bluesky server does not offer ${doing}. ${said}`, { status });
  }
  if (status >= 500) {
    return new PlatformError('transient', `Bluesky had a server problem while ${doing} (${status}); Kairos will try again. ${said}`, {
      status,
    });
  }
  return new PlatformError('invalid', `Bluesky refused ${doing}. ${said}`, { status });
}

/** True when the server does not offer the method at all (an optional endpoint, an older server). */
export function isNotImplemented(reply: XrpcReply): boolean {
  const { error } = errorBody(reply);
  return reply.status === 404 || reply.status === 501 || error === 'MethodNotImplemented' || error === 'XRPCNotSupported';
}
