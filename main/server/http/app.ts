// The app itself (calendar, composer, review panel) for the workspace's people, at /app/: the same built renderer
// browser mode serves (dist/renderer), with the same policy. Its page is only for someone signed in; its scripts and
// styles are the same for everyone and carry no data, so they are served like the pages' own.

import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../http/appPolicy';
import { BASE_HEADERS, sendJson } from './httpKit';

/** Where the app lives. The renderer calls its routes relative to the page ('api/invoke/...'), so from here. */
export const APP_PATH = '/app/';
const ASSETS = `${APP_PATH}assets/`;

export const isAppPath = (path: string) => path === '/app' || path.startsWith(APP_PATH);

/** The app's relative requests arrive as /app/api/...: the same routes as /api/... */
export const routedPath = (path: string) => (path.startsWith(`${APP_PATH}api/`) ? path.slice(APP_PATH.length - 1) : path);

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** dist/renderer beside the bundle (dist/main/cli.js, or a chunk in dist/main/chunks), or null when not built. */
export function defaultAppDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'renderer'), join(here, '..', '..', '..', 'dist', 'renderer')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? null;
}

export interface AppRequest {
  readonly dir: string | null;
  readonly path: string;
  /** The address's query, kept across the sign-in. */
  readonly search: string;
  readonly signedIn: () => Promise<boolean>;
  /** The workspace has nobody yet: its owner is made first. */
  readonly setupNeeded: boolean;
}

function redirect(res: ServerResponse, status: 303 | 308, location: string): void {
  res.writeHead(status, { ...BASE_HEADERS, location });
  res.end();
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>): void {
  const body = readFileSync(file);
  res.writeHead(200, { ...BASE_HEADERS, 'content-length': String(body.length), ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const notFound = (res: ServerResponse) =>
  sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'There is no such file on this server.' } });

export async function serveApp(r: AppRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (r.dir === null) {
    sendJson(res, 404, {
      ok: false,
      error: { code: 'app_not_built', message: 'The app of this server is not built: run "npm run build", then start it again.' },
    });
    return;
  }
  // Without the slash the page's relative addresses would point one level up.
  if (r.path === '/app') return redirect(res, 308, `${APP_PATH}${r.search}`);
  if (r.path.startsWith(ASSETS)) {
    const name = r.path.slice(ASSETS.length);
    // Only the build's own flat file names: nothing climbs out of the folder.
    const type = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) ? TYPES[extname(name)] : undefined;
    const file = type ? join(r.dir, 'assets', name) : null;
    if (!type || !file || !existsSync(file) || !statSync(file).isFile()) return notFound(res);
    // Their names carry a hash of their content.
    return sendFile(req, res, file, { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' });
  }
  if (r.path !== APP_PATH && r.path !== `${APP_PATH}index.html`) return notFound(res);
  if (!(await r.signedIn())) {
    if (r.setupNeeded) return redirect(res, 303, '/setup');
    return redirect(res, 303, `/sign-in?next=${encodeURIComponent(`${APP_PATH}${r.search}`)}`);
  }
  const file = join(r.dir, 'index.html');
  if (!existsSync(file)) return notFound(res);
  sendFile(req, res, file, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': APP_CSP });
}
