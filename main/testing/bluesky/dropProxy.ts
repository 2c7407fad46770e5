// An HTTP proxy on 127.0.0.1 in front of a server that can cut a connection after the server has answered.

import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import { JSON_UTF8, type LoopbackServer, loopbackOrigin, sendJson, startLoopbackServer } from '../loopbackServer';

interface Fault {
  readonly nsid: string;
  readonly kind: 'after_forwarding' | 'before_forwarding' | 'reply';
  /** Matching calls to let through untouched before this fault applies. */
  skip: number;
  remaining: number;
  readonly reply?: { readonly status: number; readonly body: unknown; readonly headers: Readonly<Record<string, string>> };
}

/**
 * Forwards every request to `upstream`. A fault armed for an XRPC method either forwards the request, waits
 * for the server's whole reply (so the server has done the work) and then closes the client's connection
 * without a byte of it — "the server wrote, the client did not hear" —, closes the connection before
 * forwarding anything (the network is down), or answers in the server's place (a 5xx, a rate limit).
 */
export class DropProxy {
  readonly seen: string[] = [];
  readonly #faults: Fault[] = [];
  #server: LoopbackServer | null = null;

  private constructor(private readonly upstream: URL) {}

  static async start(upstream: string): Promise<DropProxy> {
    const proxy = new DropProxy(new URL(upstream));
    proxy.#server = await startLoopbackServer((req, res) => proxy.#handle(req, res));
    return proxy;
  }

  get url(): string {
    return this.#server?.origin ?? loopbackOrigin(0);
  }

  /** The next `times` calls of `nsid` reach the server, but their replies never reach the client. */
  dropAfterForwarding(nsid: string, times = 1, skip = 0): void {
    this.#faults.push({ nsid, kind: 'after_forwarding', remaining: times, skip });
  }

  /** The next `times` calls of `nsid` never reach the server. */
  dropBeforeForwarding(nsid: string, times = 1, skip = 0): void {
    this.#faults.push({ nsid, kind: 'before_forwarding', remaining: times, skip });
  }

  /** The next `times` calls of `nsid` (after `skip` untouched ones) get this reply instead of reaching the server. */
  replyInstead(
    nsid: string,
    status: number,
    body: unknown,
    opts: { readonly times?: number; readonly skip?: number; readonly headers?: Readonly<Record<string, string>> } = {},
  ): void {
    this.#faults.push({
      nsid,
      kind: 'reply',
      remaining: opts.times ?? 1,
      skip: opts.skip ?? 0,
      reply: { status, body, headers: opts.headers ?? {} },
    });
  }

  count(nsid: string): number {
    return this.seen.filter((s) => s === nsid).length;
  }

  #takeFault(nsid: string): Fault | null {
    const f = this.#faults.find((x) => x.nsid === nsid && x.remaining > 0);
    if (!f) return null;
    if (f.skip > 0) {
      f.skip--;
      return null;
    }
    f.remaining--;
    return f;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    const nsid = /^\/xrpc\/([^?]+)/.exec(path)?.[1] ?? path;
    this.seen.push(nsid);
    const fault = this.#takeFault(nsid);
    if (fault?.kind === 'before_forwarding') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'reply' && fault.reply) {
      req.resume();
      sendJson(res, fault.reply.status, fault.reply.body, { ...JSON_UTF8, ...fault.reply.headers });
      return;
    }
    const headers = { ...req.headers, host: this.upstream.host };
    const out = request(new URL(path, this.upstream), { method: req.method ?? 'GET', headers }, (upstreamRes) => {
      if (fault?.kind === 'after_forwarding') {
        upstreamRes.resume();
        upstreamRes.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    });
    out.on('error', () => req.socket.destroy());
    req.pipe(out);
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }
}
