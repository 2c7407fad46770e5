// The workspace's web pages for people (first-owner setup, sign-in, the invitation, the members' review page and the
// public review page), served from the built files in dist/pages. Each page's secret (setup code, invitation, review
// link token) rides in the address's fragment, which browsers never send, so none of them reaches a log.

import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_HEADERS, sendJson } from './httpKit';

/** Address → the built page answering it. */
const PAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/$/, 'home.html'],
  [/^\/setup$/, 'setup.html'],
  [/^\/sign-in$/, 'sign-in.html'],
  [/^\/join$/, 'join.html'],
  [/^\/review$/, 'review.html'],
  [/^\/posts\/[^/]+$/, 'post.html'],
];
const ASSETS = '/pages/assets/';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

// The pages load only their own scripts and styles, talk only to this server, and are never framed.
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const isPagePath = (path: string) => path.startsWith(ASSETS) || PAGES.some(([re]) => re.test(path));

/** dist/pages beside the bundle (dist/main/cli.js, or a chunk in dist/main/chunks), or null when not built. */
export function defaultPagesDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'pages'), join(here, '..', '..', 'pages'), join(here, '..', '..', '..', 'dist', 'pages')];
  return candidates.find((c) => existsSync(join(c, 'home.html'))) ?? null;
}

export function servePage(dir: string | null, path: string, req: IncomingMessage, res: ServerResponse): void {
  if (dir === null) {
    sendJson(res, 404, {
      ok: false,
      error: { code: 'pages_not_built', message: 'The web pages of this server are not built: run "npm run build", then start it again.' },
    });
    return;
  }
  let file: string | null = null;
  let type = 'text/html; charset=utf-8';
  let cache = 'no-store';
  if (path.startsWith(ASSETS)) {
    const name = path.slice(ASSETS.length);
    // Only the build's own flat file names: nothing climbs out of the folder.
    if (/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) && TYPES[extname(name)]) {
      file = join(dir, 'assets', name);
      type = TYPES[extname(name)] as string;
      cache = 'public, max-age=31536000, immutable';
    }
  } else file = join(dir, PAGES.find(([re]) => re.test(path))?.[1] ?? 'home.html');
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'There is no such file on this server.' } });
    return;
  }
  const body = readFileSync(file);
  res.writeHead(200, {
    ...BASE_HEADERS,
    'cache-control': cache,
    'content-type': type,
    'content-length': String(body.length),
    ...(type.startsWith('text/html') ? { 'content-security-policy': PAGE_CSP } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
