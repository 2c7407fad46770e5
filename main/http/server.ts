// Browser mode: serves the built renderer and the contract on 127.0.0.1, guarded by a per-run token bound to a per-run path.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { type BackendEvent, errorInfo, isChannel, MEDIA_MAX_BYTES, type Problem, problem, SHELL_CHANNELS } from '../../shared/contract';
import type { Backend } from '../core/backend';
import { isSystemError } from '../core/parse';
import { APP_CSP } from './appPolicy';

export interface BrowserServerOptions {
  readonly backend: Backend;
  /** Folder holding the built renderer (index.html and assets/). */
  readonly rendererDir: string;
  readonly port?: number;
  /** Fixed token (tests); a random one otherwise. */
  readonly token?: string;
}

export interface BrowserServer {
  readonly url: string;
  /** The URL to open: it carries the token once, then a cookie scoped to `appUrl`'s path takes over. */
  readonly openUrl: string;
  /** Where the page lives: a random per-run path, the only path the browser sends the cookie to. */
  readonly appUrl: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const MAX_BODY = 25 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage, cookieName: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === cookieName) return v.join('=');
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

const refuse = (res: ServerResponse, status: number, why: Problem) =>
  send(res, status, JSON.stringify({ ok: false, error: errorInfo(why) }));

/** /feeds/<token>/schedule.ics or /feeds/<token>/observances.ics, nothing more. */
const FEED_PATH = /^\/feeds\/([A-Za-z0-9_-]{16,200})\/(?:schedule|observances)\.ics$/;

/** Serves a read-only calendar feed: GET or HEAD only, no cookies, the session token neither needed nor accepted. */
async function serveFeed(backend: Backend, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Use GET.', 'text/plain; charset=utf-8', { allow: 'GET, HEAD' });
  const r = await backend.invoke('feeds.render', { token });
  if (!r.ok) return send(res, 404, 'This calendar feed does not exist or was turned off.', 'text/plain; charset=utf-8');
  const { body } = r.value as { body: string };
  res.writeHead(200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'inline; filename="kairos.ics"',
    'cache-control': 'private, max-age=300',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

class BodyTooLarge extends Error {}

/** Reads a request body, refusing one past `max` bytes by its declared length or as it arrives. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > max) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > max) throw new BodyTooLarge();
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

const envelope = (why: Problem) => JSON.stringify({ ok: false, error: errorInfo(why) });

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  // Cookies ignore ports, so a cookie for 127.0.0.1 would go to every other local server the browser visits.
  // Scoped to a random per-run path that only this server's pages use, it goes to none of them.
  const basePath = `/s/${randomBytes(16).toString('base64url')}/`;
  const streams = new Set<ServerResponse>();
  let port = 0;
  // One cookie per server, so two Kairos servers on this machine do not log each other out.
  const cookieName = () => `kairos_token_${port}`;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const unsubscribe = opts.backend.subscribe((event: BackendEvent) => {
    const frame = `event: backend\ndata: ${JSON.stringify(event)}\n\n`;
    for (const s of streams) s.write(frame);
  });

  const server: Server = createServer(async (req, res) => {
    try {
      // A calendar feed carries its own revocable token and serves nothing else; calendar apps reach it by any name.
      const feed = FEED_PATH.exec(req.url ?? '');
      if (feed) return serveFeed(opts.backend, req, res, feed[1] as string);
      // DNS-rebinding and cross-site defences: only our own host names and origin.
      if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, problem('wrong_host', {}));
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) return refuse(res, 403, problem('other_site', {}));
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      // The opening link carries the token once; trade it for a cookie on the app's path and drop it from the URL.
      const queryToken = url.searchParams.get('token') ?? undefined;
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === basePath) && sameToken(queryToken, token)) {
        res.writeHead(303, {
          location: basePath,
          'set-cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=${basePath}`,
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
        });
        return res.end();
      }
      // The page's own requests come under basePath with the cookie; scripts may call the root paths with the bearer.
      const underBase = url.pathname.startsWith(basePath);
      const path = underBase ? `/${url.pathname.slice(basePath.length)}` : url.pathname;
      const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
      if (!sameToken(bearer, token) && !(underBase && sameToken(cookieToken(req, cookieName()), token))) {
        return refuse(res, 401, problem('token_required', {}));
      }

      if (path === '/api/media') {
        if (req.method !== 'POST') return refuse(res, 405, problem('use_method', { method: 'POST' }));
        // Raw bytes, so a 100 MB video is not inflated by base64 or parsed as JSON.
        const fileName = (url.searchParams.get('fileName') ?? '').slice(0, 255) || 'upload';
        const mime = (url.searchParams.get('mime') ?? '').slice(0, 100);
        let bytes: Buffer;
        try {
          bytes = await readBody(req, MEDIA_MAX_BYTES);
        } catch (e) {
          if (!(e instanceof BodyTooLarge)) throw e;
          res.setHeader('connection', 'close');
          return send(res, 413, envelope(problem('media_too_large', { fileName, maxMb: MEDIA_MAX_BYTES / 1024 / 1024 })));
        }
        return send(res, 200, JSON.stringify(await opts.backend.invoke('media.add', { fileName, mime, bytes })));
      }

      if (path.startsWith('/api/invoke/')) {
        if (req.method !== 'POST') return refuse(res, 405, problem('use_method', { method: 'POST' }));
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, problem('send_json', {}));
        const channel = decodeURIComponent(path.slice('/api/invoke/'.length));
        // This shell's allowlist, here as well as in the backend: no page reaches a channel that names files.
        if (isChannel(channel) && !SHELL_CHANNELS.browser.has(channel))
          return send(res, 200, envelope(problem('not_allowed_here', { channel, shell: 'browser' })));
        let payload: unknown;
        try {
          const body = (await readBody(req, MAX_BODY)).toString('utf8');
          payload = body ? JSON.parse(body) : undefined;
        } catch (e) {
          // Too large, not JSON, or the connection broke while reading: the client's problem, answered as such.
          if (!(e instanceof BodyTooLarge || e instanceof SyntaxError || isSystemError(e))) throw e;
          return send(res, 400, envelope(problem('request_body_invalid', {})));
        }
        const result = await opts.backend.invoke(channel, payload);
        return send(res, 200, JSON.stringify(result));
      }

      if (path === '/api/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }

      if (req.method !== 'GET') return refuse(res, 405, problem('use_method', { method: 'GET' }));
      const rel = path;
      const file = rel === '/' || !extname(rel) ? 'index.html' : decodeURIComponent(rel.slice(1));
      const full = normalize(join(opts.rendererDir, file));
      if (!full.startsWith(normalize(opts.rendererDir) + sep) || !existsSync(full) || !statSync(full).isFile()) {
        return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      }
      const type = TYPES[extname(full)] ?? 'application/octet-stream';
      res.writeHead(200, {
        'content-type': type,
        'cache-control': file === 'index.html' ? 'no-store' : 'max-age=3600',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...(type.startsWith('text/html') ? { 'content-security-policy': APP_CSP, 'x-frame-options': 'DENY' } : {}),
      });
      res.end(readFileSync(full));
    } catch (e) {
      if (!res.headersSent) send(res, 500, envelope(problem('server_failed', { detail: (e as Error).message })));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // Keep event streams alive through proxies and idle timeouts.
  const ping = setInterval(() => {
    for (const s of streams) s.write(': ping\n\n');
  }, 25_000);
  ping.unref();

  return {
    url,
    openUrl: `${url}/?token=${token}`,
    appUrl: `${url}${basePath}`,
    port,
    token,
    async close() {
      clearInterval(ping);
      unsubscribe();
      for (const s of streams) s.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
