// fetch with a deadline, network errors in words, and the HTTP headers that say when to try again.

import { PlatformError } from './types';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function causeCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface SendOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Whether the request can create something remotely: then a drop after sending is an unknown outcome. */
  readonly creates?: boolean;
  /** Host name used in messages. */
  readonly serviceName: string;
}

/** Sends a request; turns failures to reach the server into PlatformErrors a person can read. */
export async function send(url: string, init: RequestInit, opts: SendOptions): Promise<Response> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    return await fetch(url, { ...init, signal });
  } catch (e) {
    const code = causeCode(e);
    const timedOut = timeout.aborted || (e as Error).name === 'TimeoutError';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new PlatformError('network', `${opts.serviceName} could not be found (DNS lookup failed). Check your connection.`);
    }
    if (code === 'ECONNREFUSED' || code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      throw new PlatformError('network', `${opts.serviceName} could not be reached. Check your connection; Kairos will try again.`);
    }
    if (opts.creates && (timedOut || (code !== undefined && NETWORK_CODES.has(code)) || code === 'UND_ERR_SOCKET')) {
      throw new PlatformError(
        'unknown_outcome',
        `The connection to ${opts.serviceName} dropped after the post was sent; it may or may not have been published.`,
      );
    }
    if (timedOut) throw new PlatformError('transient', `${opts.serviceName} did not answer in time.`);
    throw new PlatformError('network', `${opts.serviceName} could not be reached (${code ?? (e as Error).message}).`);
  }
}

/** Parses Retry-After in either form (delay-seconds or HTTP-date) into milliseconds from now. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const ms = Math.ceil(Number(v) * 1000);
    return Number.isFinite(ms) ? ms : null;
  }
  // HTTP-date: IMF-fixdate, RFC 850 or asctime; Date.parse understands all three.
  if (!/[a-z]/i.test(v)) return null;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/** Reads a JSON body without throwing on a malformed one. */
export async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { raw: text.slice(0, 500) };
  }
}
