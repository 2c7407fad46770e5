// Browser mode's guard: the token on every request, our own Host and Origin only, the contract behind it.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../core/backend';
import { FEATURES } from '../features';
import { type BrowserServer, startBrowserServer } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so that Host and Origin can be set as an attacker's page or a rebinding DNS would. */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser-mode server', () => {
  let dir: string;
  let backend: Backend;
  let server: BrowserServer;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-http-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Kairos</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    backend = await createBackend({ dataDir: join(dir, 'data'), features: FEATURES, shell: 'browser' });
    server = await startBrowserServer({ backend, rendererDir: renderer });
  });

  afterEach(async () => {
    await server.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const invoke = (headers: Record<string, string>, channel = 'accounts.list') =>
    raw(`${server.url}/api/invoke/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  it('refuses every request without the token', async () => {
    expect((await raw(`${server.url}/`)).status).toBe(401);
    expect((await raw(`${server.url}/assets/app.js`)).status).toBe(401);
    expect((await invoke({})).status).toBe(401);
    expect((await invoke({ authorization: 'Bearer wrong-token' })).status).toBe(401);
    expect((await raw(`${server.url}/api/events`)).status).toBe(401);
  });

  it('refuses another Origin and another Host even with the token', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    expect((await invoke({ ...auth, origin: 'https://evil.example' })).status).toBe(403);
    expect((await invoke({ ...auth, host: `evil.example:${server.port}` })).status).toBe(421);
    const ok = await invoke({ ...auth, origin: server.url });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: [] });
  });

  it('trades the opening token for a cookie on a random per-run path, and serves the app there with a strict CSP', async () => {
    const open = await raw(server.openUrl);
    expect(open.status).toBe(303);
    const basePath = new URL(server.appUrl).pathname;
    expect(basePath).toMatch(/^\/s\/[\w-]{20,}\/$/);
    expect(open.headers.location).toBe(basePath);
    const cookie = String(open.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // Cookies ignore ports: bound to this path, the browser sends it to no other server on 127.0.0.1.
    expect(cookie).toContain(`Path=${basePath}`);
    const jar = { cookie: cookie.split(';')[0] as string };
    const page = await raw(server.appUrl, { headers: jar });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Kairos</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await raw(`${server.appUrl}assets/app.js`, { headers: jar })).status).toBe(200);
    const api = await raw(`${server.appUrl}api/invoke/accounts.list`, {
      method: 'POST',
      headers: { ...jar, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(api.body)).toEqual({ ok: true, value: [] });
    // The cookie opens nothing outside its path, and another random path is not ours.
    expect((await raw(`${server.url}/`, { headers: jar })).status).toBe(401);
    expect((await raw(`${server.url}/s/not-the-path/`, { headers: jar })).status).toBe(401);
    const traversal = await raw(`${server.appUrl}..%2F..%2F..%2Fsecret.txt`, { headers: jar });
    expect(traversal.body).not.toContain('outside');
  });

  it('takes media as raw bytes on the upload route, sniffed and capped', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const up = (name: string, mime: string, body: Buffer, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/media?fileName=${encodeURIComponent(name)}&mime=${encodeURIComponent(mime)}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/octet-stream', ...headers },
        body,
      });
    expect(await (await up('dot.png', 'image/png', png)).json()).toMatchObject({ ok: true, value: { fileName: 'dot.png', width: 1 } });
    expect(await (await up('notes.png', 'image/png', Buffer.from('just words'))).json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('it is a text file') },
    });
    const tooBig = await raw(`${server.url}/api/media?fileName=big.mp4&mime=video/mp4`, {
      method: 'POST',
      headers: { ...auth, 'content-length': String(300 * 1024 * 1024) },
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toContain('big.mp4 is larger than 200 MB');
    expect((await raw(`${server.url}/api/media?fileName=x.png`, { method: 'POST' })).status).toBe(401);
  });

  it('returns contract errors as the Result envelope', async () => {
    const r = await invoke({ authorization: `Bearer ${server.token}` }, 'no.such.channel');
    expect(JSON.parse(r.body)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Unknown request "no.such.channel".',
        problem: { code: 'unknown_request', params: { channel: 'no.such.channel' } },
      },
    });
  });

  it('streams backend events to the page', async () => {
    let connected!: () => void;
    const open = new Promise<void>((r) => {
      connected = r;
    });
    const got = new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/api/events`, { headers: { authorization: `Bearer ${server.token}` } }, (res) => {
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (c: string) => {
          buf += c;
          if (buf.includes(': connected')) connected();
          if (buf.includes('settings.changed')) {
            resolve(buf);
            req.destroy();
          }
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    await open;
    await backend.call('settings.set', { key: 'theme', value: 'dark' });
    expect(await got).toContain('event: backend\ndata: {"type":"settings.changed"}');
  });
});
