// A small web site on 127.0.0.1 with pages, redirects and images, for link card tests.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackServer, loopbackOrigin, startLoopbackServer } from '../loopbackServer';

export type SiteRoute =
  | { readonly kind: 'page'; readonly html: string; readonly contentType?: string }
  | { readonly kind: 'image'; readonly bytes: Buffer; readonly mime: string }
  | { readonly kind: 'redirect'; readonly to: string; readonly status?: 301 | 302 | 307 | 308 }
  /** Sends headers and a little of the body, then nothing more: a server that stalls. */
  | { readonly kind: 'stall' }
  | { readonly kind: 'status'; readonly status: number };

export class LinkSite {
  readonly routes = new Map<string, SiteRoute>();
  readonly requests: string[] = [];
  #server: LoopbackServer | null = null;

  async start(): Promise<this> {
    this.#server = await startLoopbackServer((req, res) => this.#handle(req, res));
    return this;
  }

  get origin(): string {
    return this.#server?.origin ?? loopbackOrigin(0);
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    this.requests.push(path);
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    switch (route.kind) {
      case 'page':
        res.writeHead(200, { 'content-type': route.contentType ?? 'text/html; charset=utf-8' });
        res.end(route.html);
        return;
      case 'image':
        res.writeHead(200, { 'content-type': route.mime, 'content-length': String(route.bytes.length) });
        res.end(route.bytes);
        return;
      case 'redirect':
        res.writeHead(route.status ?? 302, { location: route.to });
        res.end();
        return;
      case 'stall':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><head>');
        return;
      case 'status':
        res.writeHead(route.status, { 'content-type': 'text/plain' });
        res.end(String(route.status));
    }
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }
}
