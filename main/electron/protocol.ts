// Serves the built renderer from app://kairos/ instead of file://, with the CSP on every page.

import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { isSystemError } from '../core/parse';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeFor, rendererFileFor } from './policy';

/** Must run before app "ready": Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origins and relative URLs; secure: the page counts as a secure context like https.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Only GET is served here.');
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return textResponse(404, 'Not found.');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (e) {
      if (isSystemError(e) && (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EISDIR')) return textResponse(404, 'Not found.');
      console.error(`Kairos could not read ${file} for its interface: ${e instanceof Error ? e.message : String(e)}`);
      return textResponse(500, 'Kairos could not read this part of its interface.');
    }
    const type = contentTypeFor(file);
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (type.startsWith('text/html')) {
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      // index.html names the hashed bundles, so it must never be stale after an update.
      headers['cache-control'] = 'no-store';
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  });
}
