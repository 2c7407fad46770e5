// Browser mode's guard: the token on every request, our own Host and Origin only, the contract behind it.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend } from '../core/backend';
import { defaultPlatforms } from '../core/platforms/registry';
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
    backend = await createBackend({ dataDir: join(dir, 'data'), platforms: defaultPlatforms(), shell: 'browser' });
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

  it('trades the opening token for a same-site cookie and serves the app with a strict CSP', async () => {
    const open = await raw(server.openUrl);
    expect(open.status).toBe(303);
    const cookie = String(open.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await raw(`${server.url}/`, { headers: { cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Kairos</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const traversal = await raw(`${server.url}/..%2Fsecret.txt`, { headers: { cookie: cookie.split(';')[0] as string } });
    expect(traversal.body).not.toContain('outside');
  });

  it('returns contract errors as the Result envelope', async () => {
    const r = await invoke({ authorization: `Bearer ${server.token}` }, 'no.such.channel');
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Unknown request "no.such.channel".' } });
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
