// A Mastodon-style posting API on 127.0.0.1 for fault tests: bearer tokens, Idempotency-Key, 401, 422, 429, 5xx, drops.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, loopbackOrigin, readBody, sendJson, startLoopbackServer } from './loopbackServer';

export interface FakeStatus {
  readonly id: string;
  readonly content: string;
  readonly idempotencyKey: string | null;
  readonly createdAt: number;
}

export type NetworkFault =
  /** 429 with Retry-After as given (seconds or an HTTP-date), plus X-RateLimit headers. */
  | { kind: 'rate_limit'; retryAfter: string; resetIso?: string }
  | { kind: 'server_error'; status: number }
  /** The status is created, then the connection is cut before the reply. */
  | { kind: 'commit_then_drop' }
  /** Never answers. */
  | { kind: 'hang' }
  | { kind: 'unauthorized' };

/**
 * Behaves as Mastodon documents for POST /api/v1/statuses: the same Idempotency-Key within an hour returns the
 * status created the first time instead of creating another. Faults apply to the next create requests, in order.
 */
export class FakeNetwork {
  readonly statuses: FakeStatus[] = [];
  readonly #tokens = new Set<string>();
  readonly #faults: NetworkFault[] = [];
  readonly #byKey = new Map<string, FakeStatus>();
  #server: LoopbackServer | null = null;
  #next = 100_000;
  createRequests = 0;

  async start(): Promise<this> {
    this.#server = await startLoopbackServer((req, res) => this.#handle(req, res));
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }

  get origin(): string {
    return this.#server?.origin ?? loopbackOrigin(0);
  }

  createToken(): string {
    const t = randomBytes(16).toString('hex');
    this.#tokens.add(t);
    return t;
  }

  revokeToken(t: string): void {
    this.#tokens.delete(t);
  }

  failNext(...faults: NetworkFault[]): void {
    this.#faults.push(...faults);
  }

  #view(s: FakeStatus) {
    return {
      id: s.id,
      content: `<p>${s.content}</p>`,
      url: `${this.origin}/@brand/${s.id}`,
      created_at: new Date(s.createdAt).toISOString(),
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readBody(req);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const authorised = this.#tokens.has(token);
    if (req.method === 'GET' && url.pathname === '/api/v1/accounts/verify_credentials') {
      if (!authorised) return sendJson(res, 401, { error: 'The access token is invalid' });
      return sendJson(res, 200, { id: '1', username: 'brand', acct: 'brand', url: `${this.origin}/@brand`, avatar: null });
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/accounts/1/statuses') {
      if (!authorised) return sendJson(res, 401, { error: 'The access token is invalid' });
      return sendJson(
        res,
        200,
        [...this.statuses]
          .reverse()
          .slice(0, 40)
          .map((s) => this.#view(s)),
      );
    }
    if (req.method !== 'POST' || url.pathname !== '/api/v1/statuses') return sendJson(res, 404, { error: 'Record not found' });
    this.createRequests++;
    const fault = this.#faults.shift();
    if (fault?.kind === 'unauthorized' || !authorised) return sendJson(res, 401, { error: 'The access token is invalid' });
    if (fault?.kind === 'rate_limit') {
      return sendJson(
        res,
        429,
        { error: 'Too many requests' },
        {
          'retry-after': fault.retryAfter,
          'x-ratelimit-limit': '300',
          'x-ratelimit-remaining': '0',
          ...(fault.resetIso ? { 'x-ratelimit-reset': fault.resetIso } : {}),
        },
      );
    }
    if (fault?.kind === 'server_error') return sendJson(res, fault.status, { error: 'Something went wrong on our end.' });
    if (fault?.kind === 'hang') return;
    const body = JSON.parse(raw.toString('utf8') || '{}') as { status?: string };
    const content = typeof body.status === 'string' ? body.status : '';
    if (content.trim() === '') return sendJson(res, 422, { error: "Validation failed: Text can't be blank" });
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const existing = key ? this.#byKey.get(key) : undefined;
    const status = existing ?? { id: String(this.#next++), content, idempotencyKey: key, createdAt: Date.now() };
    if (!existing) {
      this.statuses.push(status);
      if (key) this.#byKey.set(key, status);
    }
    if (fault?.kind === 'commit_then_drop') {
      req.socket.destroy();
      return;
    }
    sendJson(res, 200, this.#view(status));
  }
}
