// The Electron shell's security decisions as plain functions, so they are tested without an Electron binary.

import { extname, resolve, sep } from 'node:path';
import { parseUrl } from '../core/parse';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kairos';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/`;

// Same directives as browser mode, so the renderer behaves identically in both shells; blob: lets the
// composer preview picked media without reading it into a data: URL.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function parse(url: string): URL | null {
  return parseUrl(url);
}

/** True for URLs inside the app's own protocol. Node reports origin "null" for custom schemes, so compare the parts. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** Links the user may open in their browser: plain web pages only, never file:, javascript: or custom schemes. */
export function isExternalLinkAllowed(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  // Credentials in a link are a phishing trick ("https://bank.com@evil.example"), never something we author.
  return u.hostname !== '' && u.username === '' && u.password === '';
}

export interface SenderInfo {
  /** webContents.id of the sender. */
  readonly senderId: number;
  /** URL of the frame that sent the message; empty when the frame is gone. */
  readonly frameUrl: string;
  /** Whether the sending frame is the top frame of its page. */
  readonly isMainFrame: boolean;
}

/** Only our own windows' top frames, showing our own pages, may talk to the backend. */
export function isTrustedSender(sender: SenderInfo, trustedIds: ReadonlySet<number>): boolean {
  return trustedIds.has(sender.senderId) && sender.isMainFrame && isAppUrl(sender.frameUrl);
}

/**
 * Maps an app:// request to a file under rendererDir, or null when the request is not ours or would leave
 * that folder. Paths without an extension are client-side routes and get index.html.
 */
export function rendererFileFor(rendererDir: string, requestUrl: string): string | null {
  const u = parse(requestUrl);
  if (!u || !isAppUrl(requestUrl)) return null;
  const segments: string[] = [];
  for (const raw of u.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch (e) {
      // A malformed escape ("%E0%A4%A") names no file of ours.
      if (e instanceof URIError) return null;
      throw e;
    }
    // Decoding can reveal separators and dot-segments that URL parsing did not see ("%2e%2e%2f"), and a
    // drive letter or NUL would change what the OS opens; refuse rather than normalise.
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  const root = resolve(rendererDir);
  const last = segments.at(-1);
  const relative = last === undefined || extname(last) === '' ? ['index.html'] : segments;
  const full = resolve(root, ...relative);
  return full.startsWith(root + sep) ? full : null;
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The value of --data-dir, written as "--data-dir=DIR" or "--data-dir DIR". */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}

/** --data-dir wins, then KAIROS_DATA_DIR, then Electron's userData folder for Kairos. */
export function chooseDataDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, userDataDir: string): string {
  if (flag) return resolve(flag);
  if (env.KAIROS_DATA_DIR) return resolve(env.KAIROS_DATA_DIR);
  return userDataDir;
}
