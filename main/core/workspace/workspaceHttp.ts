// Requests to a workspace server, and what a failed one means in words: not reachable, a TLS or http/https mix-up,
// not a Kairos server at all. The session cookie is a header here and nothing else: never in an error or a log line.

import { type Problem, problem } from '../../../shared/contract/problems';
import { parseJson } from '../parse';

/** The address a person typed, as the origin the server is reached at (the server serves its routes at /). */
export function workspaceOrigin(typed: string): string | null {
  const text = typed.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(withScheme)) return null;
  const url = new URL(withScheme);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}

/** The request could not be made or answered: the workspace is out of reach (or was never a workspace). */
export class WorkspaceUnreachableError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'WorkspaceUnreachableError';
  }
}

export interface WorkspaceAnswer {
  readonly status: number;
  /** The JSON body; undefined when the body was not JSON. */
  readonly body: unknown;
  /** The session cookie the answer set ("name=value"), when it set one. */
  readonly sessionCookie: string | null;
  readonly retryAfterSeconds: number | null;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** The error a failed fetch carries: undici wraps the socket's or TLS's error in `cause`. */
function causeOf(e: unknown): { code: string; message: string } {
  let at: unknown = e;
  for (let i = 0; i < 4 && at instanceof Error; i++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_CONNECT_TIMEOUT' && at !== e) return { code, message: at.message };
    at = (at as { cause?: unknown }).cause;
  }
  return { code: '', message: e instanceof Error ? e.message : String(e) };
}

/** Why a request to `origin` failed at the network or TLS level, as the catalog's words. */
export function networkProblem(origin: string, e: unknown): Problem {
  const { code, message } = causeOf(e);
  if (UNTRUSTED.has(code)) return problem('workspace_tls_failed', { url: origin, reason: 'certificate_untrusted' });
  if (EXPIRED.has(code)) return problem('workspace_tls_failed', { url: origin, reason: 'certificate_expired' });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return problem('workspace_tls_failed', { url: origin, reason: 'wrong_name' });
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' || /wrong version number|packet length too long/i.test(message))
    return problem('workspace_tls_failed', { url: origin, reason: 'not_https' });
  // Plain HTTP sent to a TLS port comes back as bytes that are not HTTP.
  if (origin.startsWith('http:') && code.startsWith('HPE_'))
    return problem('workspace_tls_failed', { url: origin, reason: 'https_expected' });
  return problem('workspace_unreachable', { url: origin });
}

/** A proxy's "plain HTTP request was sent to HTTPS port" page (nginx answers 400 with it). */
const PLAIN_TO_TLS = /plain HTTP request was sent to HTTPS port/i;

export interface WorkspaceRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly cookie?: string | null;
  readonly json?: unknown;
  readonly bytes?: Uint8Array;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 20_000;
/** A body larger than this is not an answer a Kairos server gives to the desktop (media previews included). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

function sessionCookieOf(res: Response): string | null {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0]?.trim() ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    if (name === 'kairos_session' || name === '__Host-kairos_session') return pair.slice(eq + 1) === '' ? null : pair;
  }
  return null;
}

/** Sends one request; throws WorkspaceUnreachableError when no HTTP answer came back. */
export async function workspaceRequest(origin: string, r: WorkspaceRequest): Promise<WorkspaceAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // The server refuses state-changing requests without its own Origin (its defence against other sites).
  if (r.method === 'POST') headers.origin = origin;
  if (r.cookie) headers.cookie = r.cookie;
  let body: NonNullable<Parameters<typeof fetch>[1]>['body'];
  if (r.bytes) {
    headers['content-type'] = 'application/octet-stream';
    body = r.bytes as Uint8Array<ArrayBuffer>;
  } else if (r.method === 'POST') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(r.json ?? {});
  }
  const timeout = AbortSignal.timeout(r.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = r.signal ? AbortSignal.any([r.signal, timeout]) : timeout;
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${origin}${r.path}`, { method: r.method, headers, body, signal, redirect: 'manual' });
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_ANSWER_BYTES) {
      await res.body?.cancel();
      throw new WorkspaceUnreachableError(problem('workspace_not_kairos', { url: origin }));
    }
    text = await res.text();
  } catch (e) {
    if (e instanceof WorkspaceUnreachableError) throw e;
    // fetch rejects with a TypeError (its cause says why) or an abort/timeout DOMException: no answer either way.
    if (e instanceof TypeError || (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')))
      throw new WorkspaceUnreachableError(networkProblem(origin, e));
    throw e;
  }
  if (res.status === 400 && PLAIN_TO_TLS.test(text))
    throw new WorkspaceUnreachableError(problem('workspace_tls_failed', { url: origin, reason: 'https_expected' }));
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    status: res.status,
    body: text === '' ? undefined : parseJson(text),
    sessionCookie: sessionCookieOf(res),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

/** The server's error envelope ({ ok: false, error: { code, message } }), or null when the body is not one. */
export function serverError(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (b.ok !== false || typeof b.error !== 'object' || b.error === null) return null;
  return typeof b.error.code === 'string' && typeof b.error.message === 'string' ? { code: b.error.code, message: b.error.message } : null;
}

/** Whether the body is the contract's envelope, as a Kairos server answers every call. */
export function isEnvelope(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const b = body as { ok: unknown; error?: unknown };
  return b.ok === true || (b.ok === false && typeof b.error === 'object' && b.error !== null);
}
