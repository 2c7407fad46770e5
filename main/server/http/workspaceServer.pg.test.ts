// The workspace server's routes against a real PostgreSQL: setup, sign-in with limits, sessions, invitations, the
// contract behind roles, event streams, the reverse proxy's headers, and a graceful stop.

import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { type CallInit, callServer } from '../../testing/workspaceCalls';
import { WorkspaceAuth } from '../auth/auth';
import { migratePg } from '../pg/migrate';
import { type Caller, startWorkspaceServer, type WorkspaceContract, type WorkspaceServer } from './workspaceServer';

const db = databaseForThisFile('workspace_server');
// Cheap hashes: the cost of scrypt is not what these tests are about.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const SETUP = 'setup-code-for-the-tests-0123456789';
const PASSWORD = 'correct horse battery';

let server: WorkspaceServer;
let auth: WorkspaceAuth;
const extra: WorkspaceServer[] = [];

beforeAll(async () => {
  await migratePg(db().pool);
  auth = new WorkspaceAuth(db().pool, { scrypt: FAST });
  server = await startWorkspaceServer({ pool: db().pool, auth, port: 0, host: '127.0.0.1', trustProxy: false, setupToken: SETUP });
});
afterAll(async () => {
  await server?.close();
});
afterEach(async () => {
  for (const s of extra.splice(0)) await s.close();
});

const call = (path: string, init: CallInit = {}, base: WorkspaceServer = server) => callServer(base.url, path, init);

/** The owner is made once, through the setup route, by the first test that needs one. */
let ownerCookie: string | undefined;
async function owner(): Promise<string> {
  if (ownerCookie) return ownerCookie;
  const r = await call('/api/setup', { body: { setupCode: SETUP, email: 'owner@example.org', displayName: 'Olga', password: PASSWORD } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  ownerCookie = r.cookie as string;
  return ownerCookie;
}

async function member(role: string, email: string): Promise<string> {
  const inv = await call('/api/invitations', { cookie: await owner(), body: { role, email } });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  const token = inv.body.value?.token as string;
  const joined = await call('/api/invitations/accept', { body: { token, email, displayName: role, password: PASSWORD } });
  expect(joined.status, JSON.stringify(joined.body)).toBe(201);
  return joined.cookie as string;
}

describe('the workspace server', () => {
  it('answers /healthz with the database reachable, and 503 when it is not', async () => {
    const ok = await call('/healthz');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, database: 'reachable' });

    const nowhere = new pg.Pool({ host: '/tmp/kairos-no-such-socket-dir', port: 5432, connectionTimeoutMillis: 1_000 });
    const down = await startWorkspaceServer({
      pool: nowhere,
      auth: new WorkspaceAuth(nowhere, { scrypt: FAST }),
      port: 0,
      host: '127.0.0.1',
      trustProxy: false,
      setupToken: null,
    });
    extra.push(down);
    try {
      const r = await call('/healthz', {}, down);
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ ok: false, database: 'unreachable' });
      // A request that needs the database says it is unreachable, not "internal error".
      const s = await call('/api/session/sign-in', { body: { email: 'a@example.org', password: PASSWORD } }, down);
      expect(s.status).toBe(503);
      expect(s.body.error?.code).toBe('database_unavailable');
    } finally {
      await nowhere.end();
    }
  });

  it('creates the first owner only with the printed setup code, once', async () => {
    expect((await call('/api/setup')).body.value).toEqual({ needed: true });
    const input = { email: 'owner@example.org', displayName: 'Olga', password: PASSWORD };
    const wrong = await call('/api/setup', { body: { ...input, setupCode: 'a-stranger-guessing-0123456789' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({ code: 'setup_refused', message: expect.stringMatching(/not the one this server printed/) });
    const { rows } = await db().pool.query('SELECT count(*)::int AS n FROM users');
    expect(rows[0].n).toBe(0);

    const cookie = await owner();
    expect(cookie).toMatch(/^kairos_session=[A-Za-z0-9_-]{40,}$/);
    expect((await call('/api/setup')).body.value).toEqual({ needed: false });
    const again = await call('/api/setup', { body: { ...input, email: 'other@example.org', setupCode: SETUP } });
    expect(again.status).toBe(403);
    expect(again.body.error?.message).toMatch(/has its owner already/);

    const me = await call('/api/session', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.value?.user).toMatchObject({ email: 'owner@example.org', displayName: 'Olga', role: 'owner' });
  });

  it('refuses state changes without our Origin or without JSON, before looking at anything else', async () => {
    const body = { email: 'owner@example.org', password: PASSWORD };
    const none = await call('/api/session/sign-in', { body, origin: null });
    expect(none.status).toBe(403);
    expect(none.body.error?.code).toBe('cross_site');
    const other = await call('/api/session/sign-in', { body, origin: 'https://evil.example' });
    expect(other.status).toBe(403);
    expect(other.body.error?.message).toMatch(/other sites/);
    const form = await call('/api/session/sign-in', { body: 'email=owner%40example.org', type: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const plain = await call('/api/invoke/posts.list', { cookie: await owner(), body: '{}', type: 'text/plain' });
    expect(plain.status).toBe(415);
    // None of them signed anyone in.
    expect(none.cookie ?? other.cookie ?? form.cookie).toBeUndefined();
  });

  it('signs in with a cookie, and after five wrong passwords answers 429 with Retry-After even for the right one', async () => {
    await owner();
    const ok = await call('/api/session/sign-in', { body: { email: 'OWNER@example.org', password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax; Max-Age=\d+/);
    expect(ok.headers.getSetCookie()[0]).not.toMatch(/Secure/);
    expect(ok.body.value?.user).toMatchObject({ role: 'owner' });

    const victim = await member('editor', 'limited@example.org');
    expect(victim).toBeTruthy();
    for (let i = 0; i < 5; i++) {
      const r = await call('/api/session/sign-in', { body: { email: 'limited@example.org', password: 'wrong password!' } });
      expect(r.status).toBe(401);
      expect(r.body.error).toEqual({ code: 'sign_in_failed', message: 'The email address or the password is wrong.' });
    }
    const blocked = await call('/api/session/sign-in', { body: { email: 'limited@example.org', password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error?.code).toBe('rate_limited');
    const after = Number(blocked.headers.get('retry-after'));
    expect(after).toBeGreaterThan(14 * 60);
    expect(after).toBeLessThanOrEqual(15 * 60);
    expect(blocked.cookie).toBeUndefined();
  });

  it('enforces the role on every contract call: 401 without a session, 403 naming the role, 503 for what is not served yet', async () => {
    const viewer = await member('viewer', 'viewer@example.org');
    const none = await call('/api/invoke/posts.list', { body: {} });
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe('signed_out');

    const forbidden = await call('/api/invoke/settings.set', { cookie: viewer, body: { key: 'timeZone', value: 'UTC' } });
    expect(forbidden.status).toBe(403);
    const reason = 'Only an admin or the owner can do this (settings.set); you are a viewer in this workspace.';
    // The catalog's problem rides along, so the app words the refusal in the person's language.
    expect(forbidden.body.error).toEqual({
      code: 'forbidden',
      problem: { code: 'workspace_refused', params: { reason } },
      message: reason,
    });
    const permitted = await call('/api/invoke/posts.list', { cookie: viewer, body: {} });
    expect(permitted.status).toBe(503);
    expect(permitted.body).toEqual({
      ok: false,
      error: {
        code: 'not_available',
        problem: { code: 'workspace_not_served', params: { channel: 'posts.list' } },
        message: 'This server does not serve posts.list yet.',
      },
    });

    const ownerSaysFile = await call('/api/invoke/media.pick', { cookie: await owner(), body: {} });
    expect(ownerSaysFile.status).toBe(403);
    expect(ownerSaysFile.body.error?.message).toMatch(/belongs to the desktop app/);
    const unknown = await call('/api/invoke/posts.everything', { cookie: viewer, body: {} });
    expect(unknown.status).toBe(404);
    expect((await call('/api/media?fileName=a.png', { cookie: viewer, body: 'x', type: 'image/png' })).status).toBe(403);
    expect((await call('/api/invoke/posts.list', { cookie: viewer })).status).toBe(405);
    // Inviting is for the owner and admins.
    const invite = await call('/api/invitations', { cookie: viewer, body: { role: 'editor' } });
    expect(invite.status).toBe(403);
    expect(invite.body.error?.message).toMatch(/viewer/);
  });

  it('hands a served channel to the contract with the caller, and finishes it during a graceful stop', async () => {
    let release: () => void = () => {};
    const seen: { channel: string; payload: unknown; caller: Caller }[] = [];
    const contract: WorkspaceContract = {
      serves: (c) => c === 'posts.list',
      invoke: async (channel, payload, caller) => {
        seen.push({ channel, payload, caller });
        await new Promise<void>((r) => {
          release = r;
        });
        return { ok: true, value: [] };
      },
      subscribe: () => () => {},
    };
    const plugged = await startWorkspaceServer({
      pool: db().pool,
      auth,
      port: 0,
      host: '127.0.0.1',
      trustProxy: false,
      setupToken: null,
      contract,
    });
    const cookie = await owner();
    const pending = call('/api/invoke/posts.list', { cookie, body: { from: 1 } }, plugged);
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatchObject({
      channel: 'posts.list',
      payload: { from: 1 },
      caller: { user: { email: 'owner@example.org', role: 'owner' } },
    });
    const closing = plugged.close(5_000);
    // Stopped accepting: a new connection is refused while the request in progress goes on.
    await expect
      .poll(async () =>
        fetch(`${plugged.url}/healthz`).then(
          () => 'served',
          () => 'refused',
        ),
      )
      .toBe('refused');
    release();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true, value: [] });
    await closing;
  });

  it('opens an event stream only with a session, and signing out everywhere ends every session and stream', async () => {
    const none = await fetch(`${server.url}/api/events`);
    expect(none.status).toBe(401);
    const first = await member('editor', 'everywhere@example.org');
    const second = (await call('/api/session/sign-in', { body: { email: 'everywhere@example.org', password: PASSWORD } })).cookie as string;
    const stream = await fetch(`${server.url}/api/events`, { headers: { cookie: first } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(': connected\n\n');

    const out = await call('/api/session/sign-out-everywhere', { cookie: second, body: {} });
    expect(out.status).toBe(200);
    expect(out.body.value).toEqual({ ended: 2 });
    expect(out.headers.getSetCookie()[0]).toMatch(/^kairos_session=; .*Max-Age=0/);
    expect((await reader.read()).done).toBe(true);
    expect((await call('/api/session', { cookie: first })).status).toBe(401);
    expect((await call('/api/session', { cookie: second })).status).toBe(401);
  });

  it('signs out one session and leaves the others', async () => {
    const a = await member('approver', 'one@example.org');
    const b = (await call('/api/session/sign-in', { body: { email: 'one@example.org', password: PASSWORD } })).cookie as string;
    const out = await call('/api/session/sign-out', { cookie: a, body: {} });
    expect(out.status).toBe(200);
    expect((await call('/api/session', { cookie: a })).status).toBe(401);
    expect((await call('/api/session', { cookie: b })).body.value?.user).toMatchObject({ role: 'approver' });
  });

  it('makes an invitation link that works once', async () => {
    const inv = await call('/api/invitations', { cookie: await owner(), body: { role: 'editor' } });
    expect(inv.status).toBe(201);
    const { link, token } = inv.body.value as { link: string; token: string };
    expect(link).toBe(`${server.url}/join#invitation=${token}`);
    const join = { token, email: 'new@example.org', displayName: 'Nadia', password: PASSWORD };
    const first = await call('/api/invitations/accept', { body: join });
    expect(first.status).toBe(201);
    expect(first.body.value?.user).toMatchObject({ email: 'new@example.org', role: 'editor' });
    const second = await call('/api/invitations/accept', { body: { ...join, email: 'again@example.org' } });
    expect(second.status).toBe(410);
    expect(second.body.error?.code).toBe('invitation_used');
    const weak = await call('/api/invitations/accept', { body: { ...join, password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.code).toBe('weak_password');
  });

  it('trusts X-Forwarded-Proto, -Host and -For only with trustProxy: Secure __Host- cookies behind HTTPS', async () => {
    await owner();
    const proxied = await startWorkspaceServer({ pool: db().pool, auth, port: 0, host: '127.0.0.1', trustProxy: true, setupToken: null });
    extra.push(proxied);
    const publicOrigin = 'https://kairos.example.org';
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.7, 203.0.113.9',
      'x-forwarded-host': 'kairos.example.org',
    };
    const r = await call(
      '/api/session/sign-in',
      { body: { email: 'owner@example.org', password: PASSWORD }, origin: publicOrigin, headers: forwarded },
      proxied,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const setCookie = r.headers.getSetCookie()[0] as string;
    expect(setCookie).toMatch(/^__Host-kairos_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; .*; Secure$/);
    const { rows } = await db().pool.query('SELECT address FROM sessions ORDER BY created_at DESC LIMIT 1');
    // The address the proxy appended, not whatever the client wrote before it.
    expect(rows[0].address).toBe('203.0.113.9');
    expect((await call('/api/session', { cookie: r.cookie, headers: forwarded }, proxied)).status).toBe(200);

    // The same headers sent straight to a server that does not trust them change nothing.
    const direct = await call(
      '/api/session/sign-in',
      { body: { email: 'owner@example.org', password: PASSWORD }, origin: publicOrigin, headers: forwarded },
      server,
    );
    expect(direct.status).toBe(403);
    const plain = await call('/api/session/sign-in', {
      body: { email: 'owner@example.org', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(plain.headers.getSetCookie()[0]).toMatch(/^kairos_session=/);
    expect(plain.headers.getSetCookie()[0]).not.toMatch(/Secure/);
  });
});
