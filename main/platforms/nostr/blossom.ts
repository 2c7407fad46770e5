// Uploads a note's files to the account's Blossom media server (BUD-01/BUD-02): PUT /upload with a kind-24242 authorization.

import { createHash } from 'node:crypto';
import { parseUrl } from '../../core/parse';
import { readJson, retryAfterFromHeaders, send } from '../../core/platforms/http';
import { PlatformError } from '../../core/platforms/types';
import type { NostrSigner } from './signer';

/** What a Blossom server answers for a stored blob (BUD-02); `url` serves the exact bytes whose hash is `sha256`. */
export interface BlobDescriptor {
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
  readonly type: string | null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** An upload authorization is good for five minutes: long enough for a slow upload, short if it leaks. */
const AUTH_LIFETIME_S = 300;

/** A media server's base URL: https, or http on this computer; without a trailing slash. */
export function normaliseMediaServer(raw: string | undefined): string | null {
  const v = raw?.trim();
  if (!v) return null;
  const url = parseUrl(v);
  if (!url)
    throw new PlatformError('invalid', `"${v}" is not a media server address. Blossom servers look like https://blossom.example.com.`, {
      field: 'mediaServer',
    });
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new PlatformError('invalid', 'A media server must use https (plain http only on this computer).', { field: 'mediaServer' });
  }
  if (url.search || url.hash) throw new PlatformError('invalid', 'Give the media server without ? or #.', { field: 'mediaServer' });
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The kind-24242 event that lets the server take this one blob: verb `upload`, its hash, an expiry (NIP-40). */
export async function uploadAuthorization(signer: NostrSigner, sha256: string, fileName: string, nowMs: number): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  const event = await signer.sign({
    kind: 24242,
    created_at: now,
    content: `Upload ${fileName.slice(0, 100)}`,
    tags: [
      ['t', 'upload'],
      ['x', sha256],
      ['expiration', String(now + AUTH_LIFETIME_S)],
    ],
  });
  return `Nostr ${Buffer.from(JSON.stringify(event), 'utf8').toString('base64')}`;
}

/** The server's reason: the JSON `message` (BUD-01), else the X-Reason or Blossom-Upload-Message header. */
async function reasonOf(res: Response): Promise<string> {
  const header = res.headers.get('x-reason') ?? res.headers.get('blossom-upload-message');
  const body = (await readJson(res).catch(() => null)) as { message?: unknown } | null;
  const message = typeof body?.message === 'string' ? body.message : header;
  return message ? ` It said: "${message.slice(0, 200)}".` : '';
}

export interface UploadInput {
  readonly server: string;
  readonly bytes: Uint8Array;
  readonly mime: string;
  readonly fileName: string;
  readonly signer: NostrSigner;
  readonly now: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Uploads one file and returns where it lives. Blobs are addressed by their hash, so sending the same file again
 * stores nothing new: an upload whose answer was lost is simply repeated.
 */
export async function uploadBlob(input: UploadInput): Promise<BlobDescriptor> {
  const sha256 = sha256Hex(input.bytes);
  const authorization = await uploadAuthorization(input.signer, sha256, input.fileName, input.now);
  const host = new URL(input.server).host;
  const res = await send(
    `${input.server}/upload`,
    {
      method: 'PUT',
      headers: { authorization, 'content-type': input.mime, 'x-sha-256': sha256 },
      // fetch sends any view's bytes; the DOM typing wants a view of its own ArrayBuffer, and a copy would double a video.
      body: input.bytes as Uint8Array<ArrayBuffer>,
    },
    {
      serviceName: `the media server ${host}`,
      timeoutMs: input.timeoutMs ?? 120_000,
      ...(input.signal ? { signal: input.signal } : {}),
    },
  );
  if (res.status === 429) {
    const wait = retryAfterFromHeaders(res.headers, input.now) ?? 30_000;
    throw new PlatformError('rate_limited', `The media server ${host} asked to slow down; trying again later.${await reasonOf(res)}`, {
      retryAfterMs: wait,
      status: 429,
    });
  }
  if (res.status >= 500) {
    throw new PlatformError(
      'transient',
      `The media server ${host} had a problem (${res.status}); Kairos will try again.${await reasonOf(res)}`,
      {
        status: res.status,
      },
    );
  }
  if (!res.ok) {
    const why =
      res.status === 401 || res.status === 403
        ? 'refused this account’s upload (it may need you to sign up or allow this key there)'
        : res.status === 402
          ? 'asks for payment before it stores files'
          : res.status === 413
            ? 'refused the file as too large'
            : res.status === 415
              ? 'does not take this kind of file'
              : `refused the upload (${res.status})`;
    throw new PlatformError(
      'invalid',
      `The media server ${host} ${why}.${await reasonOf(res)} Change the media server in Accounts, or leave the file out.`,
      {
        status: res.status,
      },
    );
  }
  const body = (await readJson(res)) as Partial<Record<string, unknown>> | null;
  const url = typeof body?.url === 'string' ? body.url : '';
  if (!/^https?:\/\//.test(url) || body?.sha256 !== sha256) {
    // A server that changed the bytes (or answered for another blob) would break the hash the note names.
    throw new PlatformError('transient', `The media server ${host} answered the upload without the file’s address and hash.`);
  }
  return {
    url,
    sha256,
    size: typeof body.size === 'number' ? body.size : input.bytes.length,
    type: typeof body.type === 'string' ? body.type : null,
  };
}
