// The app at /app/ against a real PostgreSQL: its page only for someone signed in (the others are sent to set up or
// sign in, and back), browser mode's policy on it, its assets, its relative api/... reaching the server's routes, and
// the refusals the app's client reads (401 once the session ends, 403, 503) carrying the catalog's problem.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP } from '../../http/appPolicy';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { WorkspaceAuth } from '../auth/auth';
import { migratePg } from '../pg/migrate';
import { startWorkspaceServer, type WorkspaceContract, type WorkspaceServer } from './workspaceServer';

const db = databaseForThisFile('workspace_app');
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const SETUP = 'setup-code-for-the-app-tests-0123456789';
const PASSWORD = 'correct horse battery';
const INDEX =
  '<!doctype html><html><head><script type="module" src="./assets/index-Ab12_c.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("the app");';

let dir: string;
let server: WorkspaceServer;
const invoked: string[] = [];

/** Serves posts.list only, as an empty list. */
const contract: WorkspaceContract = {
  serves: (c) => c === 'posts.list',
  invoke: async (channel) => {
    invoked.push(channel);
    return { ok: true, value: [] };
  },
  subscribe: () => () => {},
};

beforeAll(async () => {
  await migratePg(db().pool);
  // A built renderer as vite writes it: index.html and hashed files in assets/.
  dir = mkdtempSync(join(tmpdir(), 'kairos-app-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-Ab12_c.js'), SCRIPT);
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  server = await startWorkspaceServer({
    pool: db().pool,
    auth: new WorkspaceAuth(db().pool, { scrypt: FAST }),
    port: 0,
    host: '127.0.0.1',
    trustProxy: false,
    setupToken: SETUP,
    contract,
    appDir: dir,
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, cookie?: string) =>
  fetch(`${server.url}${path}`, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });

async function post(path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const setCookie = res.headers.getSetCookie()[0];
  return {
    status: res.status,
    json: (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: Record<string, unknown> },
    cookie: setCookie ? setCookie.split(';')[0] : undefined,
  };
}

let ownerCookie = '';

describe('the app at /app/', () => {
  it('sends a visitor to set up the workspace while it has nobody, then to sign in and back to the app', async () => {
    const first = await get('/app/');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/setup');
    expect(await first.text()).toBe('');

    const made = await post('/api/setup', { setupCode: SETUP, email: 'owner@example.org', displayName: 'Olga', password: PASSWORD });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    ownerCookie = made.cookie as string;

    const signedOut = await get('/app/');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/sign-in?next=%2Fapp%2F');
    const withQuery = await get('/app/?view=1');
    expect(withQuery.headers.get('location')).toBe('/sign-in?next=%2Fapp%2F%3Fview%3D1');
    // A cookie that names no session is no session.
    expect((await get('/app/', 'kairos_session=made-up-token')).status).toBe(303);
    // Without the slash the page's relative addresses would miss: it is added, the query kept.
    const bare = await get('/app?view=1');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/app/?view=1');
  });

  it("serves the page to someone signed in, with browser mode's strict policy, never cached or framed", async () => {
    const page = await get('/app/', ownerCookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    for (const directive of ["script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"])
      expect(page.headers.get('content-security-policy')).toContain(directive);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await get('/app/index.html', ownerCookie)).status).toBe(200);
    const head = await fetch(`${server.url}/app/`, { method: 'HEAD', headers: { cookie: ownerCookie } });
    expect(head.status).toBe(200);
    const refused = await fetch(`${server.url}/app/`, { method: 'POST', headers: { cookie: ownerCookie, origin: server.url } });
    expect(refused.status).toBe(405);
  });

  it('serves its built files by their flat names only, and nothing else of the folder', async () => {
    const script = await get('/app/assets/index-Ab12_c.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toBe(SCRIPT);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of [
      '/app/assets/missing.js',
      '/app/assets/..%2Findex.html',
      '/app/assets/.hidden.js',
      '/app/assets/index-Ab12_c.exe',
      '/app/secret.txt',
      '/app/calendar',
    ]) {
      const r = await get(path, ownerCookie);
      expect(r.status, path).toBe(404);
      expect(await r.text()).not.toContain('not for the web');
    }
  });

  it("reaches the server's routes from the page's relative api/ addresses", async () => {
    const session = await get('/app/api/session', ownerCookie);
    expect(session.status).toBe(200);
    expect(((await session.json()) as { value: { user: { email: string } } }).value.user.email).toBe('owner@example.org');
    const listed = await post('/app/api/invoke/posts.list', {}, ownerCookie);
    expect(listed).toMatchObject({ status: 200, json: { ok: true, value: [] } });
    expect(invoked).toEqual(['posts.list']);
    const events = await fetch(`${server.url}/app/api/events`, { headers: { cookie: ownerCookie } });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    await events.body?.cancel();
  });

  it('answers 401 with the problem the app signs in again on once the session ended, and 403/503 with theirs', async () => {
    const viewerInvite = await post('/api/invitations', { role: 'viewer' }, ownerCookie);
    const joined = await post('/api/invitations/accept', {
      token: viewerInvite.json.value?.token,
      email: 'vic@example.org',
      displayName: 'Vic',
      password: PASSWORD,
    });
    const viewer = joined.cookie as string;

    const forbidden = await post('/app/api/invoke/settings.set', { key: 'timeZone', value: 'UTC' }, viewer);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error).toMatchObject({
      code: 'forbidden',
      problem: { code: 'workspace_refused', params: { reason: expect.stringMatching(/viewer/) } },
    });
    const notServed = await post('/app/api/invoke/accounts.list', {}, viewer);
    expect(notServed.status).toBe(503);
    expect(notServed.json.error).toMatchObject({
      code: 'not_available',
      problem: { code: 'workspace_not_served', params: { channel: 'accounts.list' } },
    });
    const unknown = await post('/app/api/invoke/posts.everything', {}, viewer);
    expect(unknown.json.error).toMatchObject({ code: 'unknown_channel', problem: { code: 'unknown_request' } });
    const elsewhere = await fetch(`${server.url}/app/api/invoke/posts.list`, {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json', cookie: viewer },
      body: '{}',
    });
    expect(((await elsewhere.json()) as { error: unknown }).error).toMatchObject({ code: 'cross_site', problem: { code: 'other_site' } });

    // The viewer signs out (in another tab, say): the app's next call is refused, and its page sends them to sign in.
    expect((await post('/api/session/sign-out', {}, viewer)).status).toBe(200);
    const ended = await post('/app/api/invoke/posts.list', {}, viewer);
    expect(ended.status).toBe(401);
    expect(ended.json).toEqual({
      ok: false,
      error: {
        code: 'signed_out',
        problem: { code: 'workspace_session_ended', params: {} },
        message: 'Sign in to this workspace first (your session ended or was never opened).',
      },
    });
    const reload = await get('/app/', viewer);
    expect(reload.status).toBe(303);
    expect(reload.headers.get('location')).toBe('/sign-in?next=%2Fapp%2F');
  });

  it('says how to build the app when it is not built', async () => {
    const bare = await startWorkspaceServer({
      pool: db().pool,
      auth: new WorkspaceAuth(db().pool, { scrypt: FAST }),
      port: 0,
      host: '127.0.0.1',
      trustProxy: false,
      setupToken: null,
      appDir: null,
    });
    try {
      const r = await fetch(`${bare.url}/app/`, { headers: { cookie: ownerCookie } });
      expect(r.status).toBe(404);
      expect(((await r.json()) as { error: { code: string; message: string } }).error).toEqual({
        code: 'app_not_built',
        message: 'The app of this server is not built: run "npm run build", then start it again.',
      });
    } finally {
      await bare.close();
    }
  });
});
