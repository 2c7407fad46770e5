// The renderer's only door to the backend: typed contract calls and live events, over Electron IPC or browser-mode HTTP.

import {
  type BackendEvent,
  type Channel,
  type ErrorCode,
  type ErrorInfo,
  errorInfo,
  type Problem,
  problem,
  type RequestOf,
  type Responses,
  type Result,
  wordsFor,
} from '../../../shared/contract';
import type { KairosBridge } from '../../../shared/contract/bridge';
import type { MediaView } from '../../../shared/domain';
import { MEDIA_MAX_BYTES } from '../../../shared/mediaLimits';
import { currentStrings } from '../i18n';
import { refusalFrom, sessionEnded, signInAddress } from './serverReply';

declare global {
  interface Window {
    /** Present only inside the Electron shell, where the preload script puts it. */
    readonly kairos?: KairosBridge;
  }
}

/** What listeners receive: the backend's events, plus `resync` after a lost connection came back. */
export type LiveEvent = BackendEvent | { readonly type: 'resync' };
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

const bridge = (): KairosBridge | undefined => (typeof window === 'undefined' ? undefined : window.kairos);

export const runningShell = (): 'electron' | 'browser' => (bridge() ? 'electron' : 'browser');

/** A failure this window noticed itself (no answer, an unreadable one, a file too large to send), as the backend words one. */
function failure(problem: Problem, kind?: ErrorCode): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { ...errorInfo(problem, undefined, kind), message: wordsFor(problem, currentStrings().problems) } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && typeof v.error === 'object' && v.error !== null);
}

/**
 * Browser mode serves the page under a random per-run path and scopes its cookie to it, so every request is
 * relative to the page ('api/...', not '/api/...'): an absolute path would leave the cookie behind.
 */
async function postOverHttp(path: string, init: RequestInit): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', ...init });
  } catch {
    return failure(problem('backend_unreachable', {}));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure(problem('bad_reply', {}), response.status === 401 ? 'unauthorized' : 'internal');
  }
  if (!isResult(body)) return failure(problem('bad_reply', {}));
  if (body.ok) return body;
  const error = body.error as unknown as Readonly<Record<string, unknown>>;
  // Served by a workspace whose session ended: the person signs in again and comes back, rather than reading errors.
  if (sessionEnded(response.status, error)) goSignIn();
  return { ok: false, error: refusalFrom(response.status, error) };
}

let leaving = false;

/** Once per page: every call that was waiting answers the same 401. */
function goSignIn(): void {
  if (leaving) return;
  leaving = true;
  window.location.assign(signInAddress(window.location));
}

function invokeOverHttp(channel: string, payload: unknown): Promise<Result<unknown>> {
  return postOverHttp(`api/invoke/${encodeURIComponent(channel)}`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload ?? {}),
  });
}

/**
 * Sends a file the user picked, dropped or pasted as its bytes; the backend decides what it is. Browser mode
 * streams the raw bytes to its upload route; the desktop window passes them over IPC as a Uint8Array.
 * Neither base64 nor a path: a 100 MB video stays 100 MB, and the page never names a file on disk.
 */
export async function uploadMedia(file: File): Promise<Result<MediaView>> {
  const fileName = file.name || 'pasted-image.png';
  if (file.size > MEDIA_MAX_BYTES) return failure(problem('media_file_too_large', { fileName, maxMb: MEDIA_MAX_BYTES / 1024 / 1024 }));
  const b = bridge();
  if (!b) {
    const query = new URLSearchParams({ fileName, mime: file.type });
    return (await postOverHttp(`api/media?${query}`, {
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    })) as Result<MediaView>;
  }
  try {
    const result = await b.invoke('media.add', { fileName, mime: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
    return isResult(result) ? (result as Result<MediaView>) : failure(problem('bad_reply', {}));
  } catch {
    return failure(problem('backend_unreachable', {}));
  }
}

/** Calls one contract channel. Never throws: every failure comes back as `{ ok: false, error }`. */
export async function invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<Result<Responses[C]>> {
  const b = bridge();
  if (!b) return (await invokeOverHttp(channel, payload)) as Result<Responses[C]>;
  try {
    const result = await b.invoke(channel, payload);
    return isResult(result) ? (result as Result<Responses[C]>) : failure(problem('bad_reply', {}));
  } catch {
    return failure(problem('backend_unreachable', {}));
  }
}

// ---- live events -----------------------------------------------------------------------------

const eventListeners = new Set<(e: LiveEvent) => void>();
const stateListeners = new Set<(s: ConnectionState) => void>();
let state: ConnectionState = 'connecting';
let started = false;

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

function dispatch(e: LiveEvent): void {
  for (const listener of [...eventListeners]) listener(e);
}

function setState(next: ConnectionState): void {
  if (next === state) return;
  const cameBack = next === 'live' && state === 'reconnecting';
  state = next;
  for (const listener of [...stateListeners]) listener(next);
  // Whatever changed while we were away was not announced to us: ask everyone to refetch.
  if (cameBack) dispatch({ type: 'resync' });
}

function parseFrame(data: string): BackendEvent | null {
  try {
    const parsed = JSON.parse(data) as { type?: unknown };
    return typeof parsed?.type === 'string' ? (parsed as BackendEvent) : null;
  } catch {
    return null;
  }
}

/**
 * Opens the browser-mode event stream. EventSource retries a dropped connection by itself, but gives
 * up for good on an HTTP error (a restarted server, an expired cookie); then we start over with backoff.
 */
function openEventStream(delayMs = RETRY_MIN_MS): void {
  const source = new EventSource('api/events', { withCredentials: true });
  source.addEventListener('open', () => {
    delayMs = RETRY_MIN_MS;
    setState('live');
  });
  source.addEventListener('backend', (message) => {
    const event = parseFrame((message as MessageEvent<string>).data);
    if (event) dispatch(event);
  });
  source.addEventListener('error', () => {
    setState('reconnecting');
    if (source.readyState === EventSource.CLOSED) {
      source.close();
      const next = Math.min(delayMs * 2, RETRY_MAX_MS);
      window.setTimeout(() => openEventStream(next), delayMs);
    }
  });
}

function startEvents(): void {
  if (started) return;
  started = true;
  const b = bridge();
  if (b) {
    b.onEvent(dispatch);
    setState('live');
  } else {
    openEventStream();
  }
}

/** Delivers backend events to `listener` until the returned function is called. */
export function onLiveEvent(listener: (e: LiveEvent) => void): () => void {
  startEvents();
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

export function connectionState(): ConnectionState {
  return state;
}

export function onConnectionState(listener: (s: ConnectionState) => void): () => void {
  startEvents();
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}
