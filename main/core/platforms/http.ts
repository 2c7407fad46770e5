// fetch with a deadline, network errors in words, and the HTTP headers that say when to try again.

import { reportRequestOutcome } from '../connectivity/requestOutcomes';
import { parseJson } from '../parse';
import { PlatformError } from './types';

function causeCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The most any reply may be; past it the reply is cut off. Platform APIs answer in kilobytes. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface SendOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Whether the request can create something remotely: then a drop after sending is an unknown outcome. */
  readonly creates?: boolean;
  /** Host name used in messages. */
  readonly serviceName: string;
  /** The most this reply may be; MAX_RESPONSE_BYTES unless a call needs less. */
  readonly maxResponseBytes?: number;
}

function tooLarge(opts: SendOptions, limit: number): PlatformError {
  const mb = Math.max(1, Math.round(limit / 1024 / 1024));
  return opts.creates
    ? new PlatformError(
        'unknown_outcome',
        `${opts.serviceName} sent a reply larger than ${mb} MB, so Kairos stopped reading it; the post may or may not have been published.`,
      )
    : new PlatformError(
        'transient',
        `${opts.serviceName} sent a reply larger than ${mb} MB, so Kairos stopped reading it and will try again later.`,
      );
}

/**
 * The same response with a body that errors past `limit` bytes and cancels the download, so whatever reads it
 * (text, json, arrayBuffer, a stream) can never hold more than the limit. A declared length past it fails at once.
 */
function limitBody(response: Response, opts: SendOptions): Response {
  const limit = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  // Statuses that carry no body cannot be rebuilt with one (and have nothing to limit).
  if (!response.body || [101, 204, 205, 304].includes(response.status)) return response;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const reader = response.body.getReader();
  let seen = 0;
  const limited = new ReadableStream<Uint8Array>({
    start(controller) {
      if (declared > limit) {
        void reader.cancel();
        controller.error(tooLarge(opts, limit));
      }
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > limit) {
        // Cancelling the source aborts the download, so the server sees us hang up.
        await reader.cancel();
        return controller.error(tooLarge(opts, limit));
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(limited, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Sends a request; turns failures to reach the server into PlatformErrors a person can read. */
export async function send(url: string, init: RequestInit, opts: SendOptions): Promise<Response> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { ...init, signal });
    reportRequestOutcome(url, true);
    return limitBody(response, opts);
  } catch (e) {
    // A caller that gave up says nothing about the network.
    if (!opts.signal?.aborted) reportRequestOutcome(url, false);
    const code = causeCode(e);
    const timedOut = timeout.aborted || (e as Error).name === 'TimeoutError';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new PlatformError('network', `${opts.serviceName} could not be found (DNS lookup failed). Check your connection.`);
    }
    if (code === 'ECONNREFUSED' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      throw new PlatformError('network', `${opts.serviceName} could not be reached. Check your connection; Kairos will try again.`);
    }
    // Past this point the request may have reached the server. For a call that creates a post, any failure we
    // cannot place before sending is an unknown outcome: a blind retry could publish twice.
    if (opts.creates) {
      throw new PlatformError(
        'unknown_outcome',
        timedOut
          ? `${opts.serviceName} did not answer in time after the post was sent; it may or may not have been published.`
          : `The connection to ${opts.serviceName} dropped after the post was sent; it may or may not have been published.`,
      );
    }
    if (timedOut) throw new PlatformError('transient', `${opts.serviceName} did not answer in time.`);
    throw new PlatformError('network', `${opts.serviceName} could not be reached (${code ?? (e as Error).message}).`);
  }
}

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const CLOCK = '\\d{2}:\\d{2}:\\d{2}';
const IMF_FIXDATE = new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${CLOCK} GMT$`);
const RFC850_DATE = new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${CLOCK} GMT$`);
const ASCTIME_DATE = new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${CLOCK} \\d{4}$`);

/**
 * An HTTP-date in any of its three forms (RFC 9110 §5.6.7), as epoch milliseconds. Asctime carries no zone
 * but is defined as UTC, so the zone is added before parsing: the process's zone must never leak in.
 */
export function parseHttpDate(value: string): number | null {
  const v = value.trim().replace(/\s+/g, ' ');
  let text: string;
  if (IMF_FIXDATE.test(v) || RFC850_DATE.test(v)) text = v;
  else if (ASCTIME_DATE.test(value.trim())) text = `${v} GMT`;
  else return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

/** Parses Retry-After in either form (delay-seconds or HTTP-date) into milliseconds from now; never negative. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const ms = Math.ceil(Number(v) * 1000);
    return Number.isFinite(ms) ? ms : null;
  }
  const at = parseHttpDate(v);
  return at === null ? null : Math.max(0, at - now);
}

/** Something headers can be read from: fetch's Headers or a plain object such as node's IncomingHttpHeaders. */
export type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(source: HeaderSource, name: string): string | null {
  if (typeof (source as { get?: unknown }).get === 'function') return (source as { get(n: string): string | null }).get(name);
  const record = source as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.join(', ');
}

/** What a server said about its rate limit: how many requests a window allows, how many are left, when it refills. */
export interface RateLimitInfo {
  readonly limit: number | null;
  readonly remaining: number | null;
  /** Epoch milliseconds when the window refills. */
  readonly resetAt: number | null;
}

const NUMBER = /^\d+(\.\d+)?$/;
/** Epoch seconds are above this (2001-09-09); a delay in seconds never is. */
const EPOCH_SECONDS_FLOOR = 1e9;
const EPOCH_MS_FLOOR = 1e12;

/**
 * A reset value in any of the forms servers use: an ISO 8601 date (Mastodon), an HTTP-date, epoch seconds
 * (GitHub, Bluesky, Discord's X-RateLimit-Reset, possibly with a fraction), epoch milliseconds, or a delay in
 * seconds (the IETF RateLimit-Reset). Numbers are told apart by size: no delay is 30 years long.
 */
export function parseResetValue(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (NUMBER.test(v)) {
    const n = Number(v);
    if (!Number.isFinite(n)) return null;
    if (n >= EPOCH_MS_FLOOR) return Math.ceil(n);
    if (n >= EPOCH_SECONDS_FLOOR) return Math.ceil(n * 1000);
    return now + Math.ceil(n * 1000);
  }
  const httpDate = parseHttpDate(v);
  if (httpDate !== null) return httpDate;
  // ISO 8601 with an explicit zone only: a date without one would be read in the process's zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : at;
}

function count(value: string | null): number | null {
  if (value === null) return null;
  const v = value.trim().split(/[,;]/)[0]?.trim() ?? '';
  return /^\d+$/.test(v) ? Number(v) : null;
}

/** Splits `limit=100, remaining=5, reset=30` or `"default";r=5;t=30` into lower-cased key/value pairs. */
function structuredFields(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const piece of value.split(/[,;]/)) {
    const eq = piece.indexOf('=');
    if (eq === -1) continue;
    out.set(
      piece.slice(0, eq).trim().toLowerCase(),
      piece
        .slice(eq + 1)
        .trim()
        .replace(/^"|"$/g, ''),
    );
  }
  return out;
}

/**
 * Reads rate-limit headers: X-RateLimit-Limit/-Remaining/-Reset(/-Reset-After) as Mastodon, Discord and many
 * others send them (X as x-rate-limit-*), RateLimit-Limit/-Remaining/-Reset (Bluesky and the IETF draft), and the structured
 * `RateLimit: r=…;t=…` form of later drafts. Null when the response carries none of them.
 */
export function parseRateLimit(headers: HeaderSource, now: number): RateLimitInfo | null {
  for (const prefix of ['x-ratelimit-', 'x-rate-limit-', 'ratelimit-']) {
    const limit = count(header(headers, `${prefix}limit`));
    const remaining = count(header(headers, `${prefix}remaining`));
    const resetAfter = header(headers, `${prefix}reset-after`);
    const afterSeconds = resetAfter !== null && NUMBER.test(resetAfter.trim()) ? Number(resetAfter.trim()) : null;
    const resetAt = afterSeconds !== null ? now + Math.ceil(afterSeconds * 1000) : parseResetValue(header(headers, `${prefix}reset`), now);
    if (limit !== null || remaining !== null || resetAt !== null) return { limit, remaining, resetAt };
  }
  const combined = header(headers, 'ratelimit');
  if (combined !== null) {
    const f = structuredFields(combined);
    const remaining = count(f.get('r') ?? f.get('remaining') ?? null);
    const delay = f.get('t') ?? f.get('reset');
    const resetAt = delay !== undefined && NUMBER.test(delay) ? now + Math.ceil(Number(delay) * 1000) : null;
    const policy = header(headers, 'ratelimit-policy');
    const limit = count(f.get('limit') ?? (policy ? (structuredFields(policy).get('q') ?? null) : null));
    if (limit !== null || remaining !== null || resetAt !== null) return { limit, remaining, resetAt };
  }
  return null;
}

/**
 * How long to wait before the next request, from a response's headers: Retry-After when present, otherwise the
 * rate-limit reset when no requests are left. Null when the headers do not say.
 */
export function retryAfterFromHeaders(headers: HeaderSource, now: number): number | null {
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  const rl = parseRateLimit(headers, now);
  if (rl && rl.remaining === 0 && rl.resetAt !== null) return Math.max(0, rl.resetAt - now);
  return null;
}

/** The reader's error, not the fetch layer's wrapper, so a cut-off reply keeps its PlatformError. */
async function bodyText(res: Response): Promise<string> {
  try {
    return await res.text();
  } catch (e) {
    let cur: unknown = e;
    for (let i = 0; i < 4 && cur; i++) {
      if (cur instanceof PlatformError) throw cur;
      cur = (cur as { cause?: unknown }).cause;
    }
    throw e;
  }
}

/** Reads a text body (within the reply size limit that send() put on it). */
export function readText(res: Response): Promise<string> {
  return bodyText(res);
}

/** Reads a JSON body without throwing on a malformed one; a reply past the size limit throws a PlatformError. */
export async function readJson(res: Response): Promise<unknown> {
  const text = await bodyText(res);
  if (!text) return null;
  return parseJson(text) ?? { raw: text.slice(0, 500) };
}

/**
 * Whether an error is a request that failed rather than a bug: a PlatformError from send() or the reply size limit,
 * fetch's TypeError for a reply cut off mid-body ("terminated"), or the abort of a deadline.
 */
export function isRequestFailure(e: unknown): boolean {
  return (
    e instanceof PlatformError ||
    e instanceof TypeError ||
    (e instanceof DOMException && (e.name === 'AbortError' || e.name === 'TimeoutError'))
  );
}
