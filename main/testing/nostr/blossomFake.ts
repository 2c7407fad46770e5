// A Blossom media server on 127.0.0.1, written from BUD-01/BUD-02: PUT /upload with a kind-24242 authorization, GET/HEAD /<sha256>.

import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Event, verifyEvent } from 'nostr-tools/pure';
import { type LoopbackServer, readBody, sendJson, startLoopbackServer } from '../loopbackServer';

export interface StoredBlob {
  readonly sha256: string;
  readonly bytes: Buffer;
  readonly type: string;
  readonly uploader: string;
  readonly uploaded: number;
}

const EXT: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'video/quicktime': '.mov',
};

/** BUD-01: every endpoint answers with these, so apps on other origins can use the server. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, *',
  'access-control-allow-methods': 'GET, HEAD, PUT, DELETE',
};

export class BlossomFake {
  #server: LoopbackServer | null = null;
  readonly blobs = new Map<string, StoredBlob>();
  /** Every upload attempt with the server's answer status, in order. */
  readonly uploads: { status: number; sha256: string | null; reason: string | null }[] = [];
  /** Public keys allowed to upload; empty allows anyone. */
  readonly allowed = new Set<string>();
  #failNext: { status: number; message: string; headers?: Record<string, string> } | null = null;
  #dropNext = false;
  maxBytes = 100 * 1024 * 1024;

  get origin(): string {
    if (!this.#server) throw new Error('The Blossom fake is not started.');
    return this.#server.origin;
  }

  async start(): Promise<this> {
    this.#server = await startLoopbackServer((req, res) => this.#handle(req, res));
    return this;
  }

  async stop(): Promise<void> {
    await this.#server?.stop();
  }

  /** The next upload answers `status` with a BUD-01 error body (and headers such as Retry-After). */
  failNext(status: number, message: string, headers?: Record<string, string>): void {
    this.#failNext = { status, message, ...(headers ? { headers } : {}) };
  }

  /** The next upload is stored, then the connection is cut before the answer. */
  dropNextAnswer(): void {
    this.#dropNext = true;
  }

  #error(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
    // BUD-01 asks for a JSON `message`; servers also send X-Reason, which clients may show.
    sendJson(res, status, { message }, { ...CORS, 'x-reason': message, ...headers });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = await readBody(req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (path === '/upload' && req.method === 'PUT') {
      this.#upload(req, res, body);
      return;
    }
    const m = /^\/([0-9a-f]{64})(\.[a-z0-9]+)?$/.exec(path);
    if (m && (req.method === 'GET' || req.method === 'HEAD')) {
      const blob = this.blobs.get(m[1] as string);
      if (!blob) {
        this.#error(res, 404, 'Blob not found');
        return;
      }
      res.writeHead(200, { ...CORS, 'content-type': blob.type, 'content-length': String(blob.bytes.length) });
      res.end(req.method === 'HEAD' ? undefined : blob.bytes);
      return;
    }
    this.#error(res, 404, 'Not found');
  }

  /** Checks the authorization as BUD-01 orders: kind, created_at in the past, expiration ahead, verb; then BUD-02's x tag. */
  #authorize(req: IncomingMessage, sha256: string): { pubkey: string } | { refuse: string } {
    const header = req.headers.authorization ?? '';
    const m = /^Nostr ([A-Za-z0-9+/=_-]+)$/.exec(header);
    if (!m) return { refuse: 'Missing Auth event' };
    let event: Event;
    try {
      event = JSON.parse(Buffer.from(m[1] as string, 'base64').toString('utf8')) as Event;
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      return { refuse: 'Invalid Auth event' };
    }
    if (!verifyEvent(event)) return { refuse: 'Invalid signature' };
    if (event.kind !== 24242) return { refuse: 'Auth event must be kind 24242' };
    const now = Math.floor(Date.now() / 1000);
    if (event.created_at > now + 60) return { refuse: 'Auth event created_at is in the future' };
    const expiration = Number(event.tags.find((t) => t[0] === 'expiration')?.[1]);
    if (!Number.isFinite(expiration)) return { refuse: 'Auth event has no expiration' };
    if (expiration <= now) return { refuse: 'Auth event expired' };
    if (!event.tags.some((t) => t[0] === 't' && t[1] === 'upload')) return { refuse: 'Auth event verb must be upload' };
    if (!event.tags.some((t) => t[0] === 'x' && t[1] === sha256)) return { refuse: 'Auth missing x tag for this blob' };
    if (this.allowed.size > 0 && !this.allowed.has(event.pubkey)) return { refuse: 'Pubkey not allowed to upload here' };
    return { pubkey: event.pubkey };
  }

  #upload(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const record = (status: number, reason: string | null) => this.uploads.push({ status, sha256, reason });
    if (this.#failNext) {
      const f = this.#failNext;
      this.#failNext = null;
      record(f.status, f.message);
      this.#error(res, f.status, f.message, f.headers);
      return;
    }
    const auth = this.#authorize(req, sha256);
    if ('refuse' in auth) {
      record(401, auth.refuse);
      this.#error(res, 401, auth.refuse);
      return;
    }
    if (body.length > this.maxBytes) {
      record(413, 'File too large');
      this.#error(res, 413, 'File too large');
      return;
    }
    const type = String(req.headers['content-type'] ?? 'application/octet-stream').split(';')[0] as string;
    const existing = this.blobs.get(sha256);
    const blob = existing ?? { sha256, bytes: body, type, uploader: auth.pubkey, uploaded: Math.floor(Date.now() / 1000) };
    this.blobs.set(sha256, blob);
    record(200, null);
    if (this.#dropNext) {
      this.#dropNext = false;
      req.socket.destroy();
      return;
    }
    sendJson(
      res,
      200,
      { url: `${this.origin}/${sha256}${EXT[blob.type] ?? ''}`, sha256, size: blob.bytes.length, type: blob.type, uploaded: blob.uploaded },
      CORS,
    );
  }
}
