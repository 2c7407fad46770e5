// Talks NIP-01 to one relay over a WebSocket: EVENT → OK, REQ → EVENT… EOSE. Each call opens and closes its own socket.

import WebSocket from 'ws';
import { reportRequestOutcome } from '../../core/connectivity/requestOutcomes';
import { parseJson, parseUrl } from '../../core/parse';

export interface NostrEvent {
  readonly id: string;
  readonly pubkey: string;
  readonly created_at: number;
  readonly kind: number;
  readonly tags: string[][];
  readonly content: string;
  readonly sig: string;
}

export interface NostrFilter {
  readonly ids?: readonly string[];
  readonly authors?: readonly string[];
  readonly kinds?: readonly number[];
  readonly since?: number;
  readonly until?: number;
  readonly limit?: number;
  readonly [tag: `#${string}`]: readonly string[] | undefined;
}

/** One relay's answer to a published event. `reached` is false when it could not be talked to at all. */
export interface RelayAnswer {
  readonly relay: string;
  readonly reached: boolean;
  readonly ok: boolean;
  readonly message: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** wss:// relays, or ws:// on this computer; normalised without a trailing slash. */
export function normaliseRelayUrl(raw: string): string | null {
  const url = parseUrl(raw.trim());
  if (!url) return null;
  if (!(url.protocol === 'wss:' || (url.protocol === 'ws:' && LOOPBACK.has(url.hostname)))) return null;
  if (url.username || url.password) return null;
  return url.toString().replace(/\/$/, '');
}

function open(relay: string, timeoutMs: number, signal?: AbortSignal): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(relay, { handshakeTimeout: timeoutMs });
    const fail = (e: Error) => {
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      reject(e);
    };
    ws.once('open', () => {
      ws.removeAllListeners('error');
      resolve(ws);
    });
    ws.once('error', (e) => fail(e));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`it answered HTTP ${res.statusCode}`)));
    signal?.addEventListener('abort', () => fail(new Error('cancelled')), { once: true });
  });
}

function reasonOf(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'refused the connection';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'could not be found';
  return (e as Error).message || 'could not be reached';
}

/** Sends one signed event and waits for the relay's OK. A relay that already has it answers OK true ("duplicate:"). */
export async function publishToRelay(relay: string, event: NostrEvent, timeoutMs = 10_000, signal?: AbortSignal): Promise<RelayAnswer> {
  let ws: WebSocket;
  try {
    ws = await open(relay, timeoutMs, signal);
    reportRequestOutcome(relay.replace(/^ws/, 'http'), true);
  } catch (e) {
    return { relay, reached: false, ok: false, message: reasonOf(e) };
  }
  return new Promise<RelayAnswer>((resolve) => {
    const finish = (answer: RelayAnswer) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.close();
      resolve(answer);
    };
    // Sent but unanswered: the relay may have stored it; the caller resends the same event, which is harmless.
    const timer = setTimeout(() => finish({ relay, reached: true, ok: false, message: 'did not answer in time' }), timeoutMs);
    ws.on('message', (data) => {
      // A frame that is not JSON is not a relay message; the relay's answer may still come.
      const msg = parseJson(data.toString());
      if (!Array.isArray(msg)) return;
      if (msg[0] === 'OK' && msg[1] === event.id) {
        finish({ relay, reached: true, ok: msg[2] === true, message: typeof msg[3] === 'string' ? msg[3] : '' });
      }
    });
    ws.on('close', () => finish({ relay, reached: true, ok: false, message: 'closed the connection before answering' }));
    ws.on('error', (e) => finish({ relay, reached: true, ok: false, message: reasonOf(e) }));
    ws.send(JSON.stringify(['EVENT', event]));
  });
}

/** The stored events matching the filters, up to EOSE (or what came before the deadline). Throws when unreachable. */
export async function queryRelay(
  relay: string,
  filters: readonly NostrFilter[],
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<NostrEvent[]> {
  const ws = await open(relay, timeoutMs, signal).catch((e: unknown) => {
    throw new Error(`${relay} ${reasonOf(e)}`);
  });
  const subId = `k${Math.random().toString(36).slice(2, 10)}`;
  return new Promise<NostrEvent[]>((resolve, reject) => {
    const events: NostrEvent[] = [];
    const finish = (error?: Error) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {});
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(['CLOSE', subId]));
      ws.close();
      if (error && events.length === 0) reject(error);
      else resolve(events);
    };
    const timer = setTimeout(() => finish(new Error(`${relay} did not answer in time`)), timeoutMs);
    ws.on('message', (data) => {
      // A frame that is not JSON is not a relay message; the relay's answer may still come.
      const msg = parseJson(data.toString());
      if (!Array.isArray(msg) || msg[1] !== subId) return;
      if (msg[0] === 'EVENT' && typeof msg[2] === 'object' && msg[2] !== null) events.push(msg[2] as NostrEvent);
      else if (msg[0] === 'EOSE') finish();
      else if (msg[0] === 'CLOSED') finish(new Error(`${relay} refused the request: ${String(msg[2] ?? '')}`));
    });
    ws.on('close', () => finish(new Error(`${relay} closed the connection`)));
    ws.on('error', (e) => finish(new Error(`${relay} ${reasonOf(e)}`)));
    ws.send(JSON.stringify(['REQ', subId, ...filters]));
  });
}

/** Asks several relays at once; events are merged by id. Fails only when no relay answered. */
export async function queryRelays(
  relays: readonly string[],
  filters: readonly NostrFilter[],
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<NostrEvent[]> {
  return (await queryRelaysCounted(relays, filters, timeoutMs, signal)).events;
}

/** The same, saying which relays answered: counts read from relays are only as complete as that. */
export async function queryRelaysCounted(
  relays: readonly string[],
  filters: readonly NostrFilter[],
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<{ readonly events: NostrEvent[]; readonly answered: readonly string[] }> {
  const results = await Promise.allSettled(relays.map((r) => queryRelay(r, filters, timeoutMs, signal)));
  const byId = new Map<string, NostrEvent>();
  const answered: string[] = [];
  results.forEach((r, i) => {
    if (r.status !== 'fulfilled') return;
    answered.push(relays[i] as string);
    for (const e of r.value) byId.set(e.id, e);
  });
  if (answered.length === 0 && relays.length > 0) {
    const first = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    throw new Error(`No relay answered (${(first?.reason as Error | undefined)?.message ?? 'none were given'}).`);
  }
  return { events: [...byId.values()], answered };
}
