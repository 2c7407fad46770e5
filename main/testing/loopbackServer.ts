// The HTTP plumbing the protocol fakes share: a server on 127.0.0.1, JSON replies and request bodies.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly origin: string;
  readonly port: number;
  /** Closes the server and cuts open connections; calling it again does nothing. */
  stop(): Promise<void>;
}

/** The content type XRPC and Mastodon servers send, for fakes that mimic them down to the charset. */
export const JSON_UTF8: Readonly<Record<string, string>> = { 'content-type': 'application/json; charset=utf-8' };

export function loopbackOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** Listens on a free port of 127.0.0.1 only, so tests never expose a fake to the network. */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | null = null;
  return {
    origin: loopbackOrigin(port),
    port,
    stop() {
      // Keep-alive sockets (and requests a fault left hanging) would otherwise hold close() open until they time out.
      stopped ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}

/** Replies with `body` as JSON and a Content-Length; `headers` come last, so they may replace the content type. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** The whole request body; fakes read it before replying so a client's upload never meets a closed socket. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
