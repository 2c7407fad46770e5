// A Discord webhook server on 127.0.0.1 that behaves as Discord documents: execute, get, 404, 429, 5xx.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, loopbackOrigin, readBody, sendJson, startLoopbackServer } from './loopbackServer';

export interface FakeDiscordMessage {
  readonly id: string;
  readonly webhookId: string;
  readonly content: string;
  readonly channelId: string;
  readonly receivedAt: number;
}

type Fault =
  | { kind: 'rate_limit'; retryAfterSeconds: number; headerForm?: 'seconds' | 'http-date' }
  | { kind: 'server_error'; status: number }
  | { kind: 'commit_then_drop' }
  | { kind: 'hang' };

interface Hook {
  readonly id: string;
  readonly token: string;
  readonly name: string;
  readonly channelId: string;
  readonly guildId: string;
}

let snowflake = 1_100_000_000_000_000_000n;
function nextSnowflake(): string {
  snowflake += BigInt(1 + Math.floor(Math.random() * 1000));
  return snowflake.toString();
}

export class DiscordFake {
  readonly messages: FakeDiscordMessage[] = [];
  readonly #hooks = new Map<string, Hook>();
  readonly #faults: Fault[] = [];
  #server: LoopbackServer | null = null;
  /** Latency added to every reply, in milliseconds. */
  latencyMs = 0;
  requests = 0;

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

  /** Creates a webhook and returns its URL, as "Copy Webhook URL" would. */
  createWebhook(name = 'Announcements'): string {
    const hook: Hook = {
      id: nextSnowflake(),
      token: randomBytes(34).toString('base64url'),
      name,
      channelId: nextSnowflake(),
      guildId: nextSnowflake(),
    };
    this.#hooks.set(hook.id, hook);
    return `${this.origin}/api/webhooks/${hook.id}/${hook.token}`;
  }

  deleteWebhook(url: string): void {
    const id = /webhooks\/(\d+)\//.exec(url)?.[1];
    if (id) this.#hooks.delete(id);
  }

  /** Queues faults applied to the next execute requests, in order. */
  failNext(...faults: Fault[]): void {
    this.#faults.push(...faults);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readBody(req);
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const m = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([\w-]+)$/.exec(url.pathname);
    const hook = m ? this.#hooks.get(m[1] as string) : undefined;
    if (!m || !hook || hook.token !== m[2]) {
      sendJson(res, 404, { message: 'Unknown Webhook', code: 10015 });
      return;
    }
    if (req.method === 'GET') {
      sendJson(res, 200, {
        type: 1,
        id: hook.id,
        name: hook.name,
        avatar: null,
        channel_id: hook.channelId,
        guild_id: hook.guildId,
        application_id: null,
        token: hook.token,
      });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { message: '405: Method Not Allowed', code: 0 });
      return;
    }
    const fault = this.#faults.shift();
    if (fault?.kind === 'rate_limit') {
      const retryAfter =
        fault.headerForm === 'http-date'
          ? new Date(Date.now() + fault.retryAfterSeconds * 1000).toUTCString()
          : String(Math.ceil(fault.retryAfterSeconds));
      sendJson(
        res,
        429,
        { message: 'You are being rate limited.', retry_after: fault.retryAfterSeconds, global: false },
        {
          'retry-after': retryAfter,
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(fault.retryAfterSeconds),
          'x-ratelimit-scope': 'user',
        },
      );
      return;
    }
    if (fault?.kind === 'server_error') {
      sendJson(res, fault.status, { message: 'Internal Server Error', code: 0 });
      return;
    }
    if (fault?.kind === 'hang') return; // never answers; the client's deadline must fire
    let body: { content?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8')) as { content?: unknown };
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      sendJson(res, 400, { message: 'The request body contains invalid JSON.', code: 50109 });
      return;
    }
    const content = typeof body.content === 'string' ? body.content : '';
    if (content.length === 0) {
      sendJson(res, 400, { message: 'Cannot send an empty message', code: 50006 });
      return;
    }
    if ([...content].length > 2000) {
      sendJson(res, 400, {
        code: 50035,
        errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
        message: 'Invalid Form Body',
      });
      return;
    }
    const msg: FakeDiscordMessage = { id: nextSnowflake(), webhookId: hook.id, content, channelId: hook.channelId, receivedAt: Date.now() };
    this.messages.push(msg);
    if (fault?.kind === 'commit_then_drop') {
      req.socket.destroy();
      return;
    }
    if (url.searchParams.get('wait') !== 'true') {
      res.writeHead(204).end();
      return;
    }
    sendJson(res, 200, {
      id: msg.id,
      type: 0,
      content,
      channel_id: hook.channelId,
      webhook_id: hook.id,
      timestamp: new Date(msg.receivedAt).toISOString(),
    });
  }
}
