// Every reply read through platforms/http.ts has a size limit: an endless body is cut off with a clear error.

import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { xrpc } from '../../platforms/bluesky/xrpc';
import { MastodonApi } from '../../platforms/mastodon/api';
import { type LoopbackServer, startLoopbackServer } from '../../testing/loopbackServer';
import { MAX_RESPONSE_BYTES, readJson, send } from './http';
import { PlatformError } from './types';

/** Far past any limit, yet bounded, so a reader without a limit finishes (and fails the test) instead of eating memory. */
const SERVER_GIVES_UP_AT = 4 * MAX_RESPONSE_BYTES;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

interface Endless {
  readonly server: LoopbackServer;
  /** Resolves with how many bytes were written when the client hung up or the server gave up. */
  readonly finished: Promise<{ readonly written: number; readonly clientClosed: boolean }>;
}

async function endlessServer(contentLength?: number): Promise<Endless> {
  let report!: (r: { written: number; clientClosed: boolean }) => void;
  const finished = new Promise<{ written: number; clientClosed: boolean }>((r) => {
    report = r;
  });
  const server = await startLoopbackServer((_req, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(contentLength !== undefined ? { 'content-length': String(contentLength) } : {}),
    });
    let written = 0;
    let closed = false;
    res.on('close', () => {
      if (closed) return;
      closed = true;
      report({ written, clientClosed: !res.writableFinished });
    });
    res.write('[');
    const pump = () => {
      while (!closed && written < SERVER_GIVES_UP_AT) {
        written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      if (!closed) res.end(']');
    };
    pump();
  });
  return { server, finished };
}

let running: LoopbackServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe('reply size limit', () => {
  it('stops reading an endless reply past the limit, hangs up, and says so', { timeout: 60_000 }, async () => {
    const { server, finished } = await endlessServer();
    running = server;
    const res = await send(`${server.origin}/feed`, { method: 'GET' }, { serviceName: 'feed.example' });
    const error = await readJson(res).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).kind).toBe('transient');
    expect((error as PlatformError).message).toMatch(/feed\.example sent a reply larger than \d+ MB/);
    const { written, clientClosed } = await finished;
    expect(clientClosed).toBe(true);
    expect(written).toBeLessThan(SERVER_GIVES_UP_AT);
  });

  it('refuses a reply whose declared length is past the limit before reading it', { timeout: 60_000 }, async () => {
    const { server } = await endlessServer(SERVER_GIVES_UP_AT + 2);
    running = server;
    const res = await send(`${server.origin}/x`, { method: 'GET' }, { serviceName: 'big.example' });
    await expect(readJson(res)).rejects.toThrow(/big\.example sent a reply larger than/);
  });

  it('a reply to a call that may have created a post is an unknown outcome, not a failure', { timeout: 60_000 }, async () => {
    const { server } = await endlessServer();
    running = server;
    const res = await send(`${server.origin}/x`, { method: 'POST' }, { serviceName: 'post.example', creates: true });
    await expect(readJson(res)).rejects.toMatchObject({ kind: 'unknown_outcome' });
  });

  it('holds for the Bluesky and Mastodon clients too', { timeout: 60_000 }, async () => {
    const { server } = await endlessServer();
    running = server;
    await expect(xrpc(server.origin, { nsid: 'app.bsky.feed.getTimeline' })).rejects.toThrow(/sent a reply larger than/);
    const api = new MastodonApi(server.origin, null);
    await expect(api.call({ method: 'GET', path: '/api/v1/trends/tags', what: 'trends' })).rejects.toThrow(/sent a reply larger than/);
  });
});
