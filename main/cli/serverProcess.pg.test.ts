// `kairos server` as a person starts it: the built CLI, stdin closed, real clock, a real PostgreSQL, stopped by SIGTERM.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateServerKey } from '../server/key/serverKey';
import { BUILT_CLI, type RunningProgram, requireBuild, startProgram } from '../testing/builtProgram';
import { DiscordFake } from '../testing/discordFake';
import { createTestDatabase } from '../testing/postgres';
import { databaseForThisFile, postgresAddress } from '../testing/postgresDatabase';
import { startSmtpSink } from '../testing/smtpSink';

const db = databaseForThisFile('server_process');
const PASSWORD = 'a long owner password';
const KEY = generateServerKey();

let running: RunningProgram[] = [];
function server(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunningProgram {
  const clean = { ...process.env };
  delete clean.KAIROS_SERVER_KEY;
  delete clean.KAIROS_DATABASE_URL;
  const p = startProgram(BUILT_CLI, ['server', '--data-dir', dataDir, ...args], { ...clean, ...env });
  running.push(p);
  return p;
}

afterEach(async () => {
  for (const p of running) if (p.alive()) p.child.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exited));
  running = [];
});

let dataDir: string;
let fake: DiscordFake;
beforeAll(async () => {
  requireBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'kairos-server-data-'));
  fake = await new DiscordFake().start();
});
afterAll(async () => {
  await fake?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function post(base: string, path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
  return { status: res.status, json, cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
}

describe('kairos server (the built program)', () => {
  it('migrates, prints a one-time setup code, serves sign-in and the contract by role, and stops cleanly on SIGTERM', {
    timeout: 120_000,
  }, async () => {
    const first = server(['--database', db().url, '--port', '0'], { KAIROS_SERVER_KEY: KEY });
    const [, url] = await first.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) /, 60_000);
    const base = url as string;
    const [, code] = await first.waitFor(/one-time setup code .*: ([A-Za-z0-9_-]{43})\s/);
    const { rows } = await db().pool.query<{ n: number }>('SELECT count(*)::int AS n FROM kairos_schema_migrations');
    expect(rows[0]?.n).toBeGreaterThanOrEqual(3);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'reachable' });

    const setup = await post(base, '/api/setup', { setupCode: code, email: 'owner@example.org', displayName: 'Olga', password: PASSWORD });
    expect(setup.status, JSON.stringify(setup.json)).toBe(201);
    await first.waitFor(/owner was created: owner@example\.org/);
    const signedIn = await post(base, '/api/session/sign-in', { email: 'owner@example.org', password: PASSWORD });
    expect(signedIn.status).toBe(200);
    const owner = signedIn.cookie as string;
    const me = await fetch(`${base}/api/session`, { headers: { cookie: owner } });
    expect(((await me.json()) as { value: { user: { role: string } } }).value.user.role).toBe('owner');

    const invitation = await post(base, '/api/invitations', { role: 'viewer' }, owner);
    expect(invitation.status).toBe(201);
    const joined = await post(base, '/api/invitations/accept', {
      token: invitation.json.value?.token,
      email: 'viewer@example.org',
      displayName: 'Vic',
      password: PASSWORD,
    });
    expect(joined.status).toBe(201);
    const viewer = joined.cookie as string;

    // The backend core answers on the shared database, and this process publishes: a post due in two seconds goes out.
    const connected = await post(
      base,
      '/api/invoke/accounts.connect',
      { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook('Community') },
      owner,
    );
    expect(connected.json.ok, JSON.stringify(connected.json)).toBe(true);
    const accountId = (connected.json.value as { id: string }).id;
    const created = await post(
      base,
      '/api/invoke/posts.create',
      { text: 'From the workspace', accountIds: [accountId], when: { kind: 'instant', at: Date.now() + 2_000, timeZone: 'UTC' } },
      owner,
    );
    expect(created.json.ok, JSON.stringify(created.json)).toBe(true);
    const postId = (created.json.value as { post: { id: string } }).post.id;
    const deadline = Date.now() + 30_000;
    while (fake.messages.filter((m) => m.content === 'From the workspace').length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(fake.messages.filter((m) => m.content === 'From the workspace')).toHaveLength(1);
    // A viewer reads it; the history names the person who wrote it; the credential is sealed, never in the clear.
    const listed = await post(base, '/api/invoke/posts.list', {}, viewer);
    expect(listed.status).toBe(200);
    const seen = await post(base, '/api/invoke/posts.get', { id: postId }, viewer);
    expect((seen.json.value as { post: { status: string } }).post.status).toBe('published');
    const { rows: lines } = await db().pool.query<{ user_id: string | null; kind: string }>(
      'SELECT e.user_id, e.kind FROM events e WHERE e.post_id = $1 ORDER BY e.id',
      [postId],
    );
    const ownerId = (await db().pool.query<{ id: string }>(`SELECT id FROM users WHERE role = 'owner'`)).rows[0]?.id;
    expect(lines[0]?.user_id).toBe(ownerId);
    const { rows: sealed } = await db().pool.query<{ secret: Buffer }>('SELECT secret FROM accounts WHERE id = $1', [accountId]);
    expect(sealed[0]?.secret.includes(Buffer.from('webhooks'))).toBe(false);
    const forbidden = await post(base, '/api/invoke/accounts.remove', { id: 'acc_1' }, viewer);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.error?.message).toMatch(/you are a viewer in this workspace/);
    expect((await post(base, '/api/invoke/posts.list', {})).status).toBe(401);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Stopped.');
    expect(first.output()).not.toContain(KEY);

    // Started again on the same database: nothing to migrate, no setup code, the people are still there.
    const second = server(['--database', db().url, '--port', '0'], { KAIROS_SERVER_KEY: KEY });
    const [, again] = await second.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) /, 60_000);
    const back = await post(again as string, '/api/session/sign-in', { email: 'viewer@example.org', password: PASSWORD });
    expect(back.status).toBe(200);
    expect(second.output()).not.toMatch(/setup code/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('sends notification emails through the mail server the team gives it', { timeout: 120_000 }, async () => {
    const sink = await startSmtpSink();
    const own = await createTestDatabase(postgresAddress(), 'server_email');
    try {
      const p = server(
        ['--database', own.url, '--port', '0', '--smtp-url', `smtp://127.0.0.1:${sink.port}`, '--mail-from', 'Kairos <kairos@example.org>'],
        {
          KAIROS_SERVER_KEY: KEY,
        },
      );
      const [, url] = await p.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) /, 60_000);
      const base = url as string;
      await p.waitFor(/Notifications are also sent by email through 127\.0\.0\.1:\d+ as Kairos <kairos@example\.org>\./);
      const [, code] = await p.waitFor(/one-time setup code .*: ([A-Za-z0-9_-]{43})\s/);
      const setup = await post(base, '/api/setup', { setupCode: code, email: 'olga@example.org', displayName: 'Olga', password: PASSWORD });
      const owner = setup.cookie as string;
      const invitation = await post(base, '/api/invitations', { role: 'approver', email: 'ann@example.org' }, owner);
      const ann = await post(base, '/api/invitations/accept', {
        token: invitation.json.value?.token,
        email: 'ann@example.org',
        displayName: 'Ann',
        password: PASSWORD,
      });
      expect(ann.status).toBe(201);
      const account = await post(
        base,
        '/api/invoke/accounts.connect',
        { platform: 'discord', name: 'Reviewed', webhookUrl: fake.createWebhook('Reviewed') },
        owner,
      );
      const accountId = (account.json.value as { id: string }).id;
      expect((await post(base, '/api/review/rules', { scope: 'account', accountId, approvalsNeeded: 1 }, owner)).status).toBe(201);
      const created = await post(
        base,
        '/api/invoke/posts.create',
        { text: 'Needs a yes from Ann', accountIds: [accountId], when: { kind: 'draft', timeZone: 'UTC' } },
        owner,
      );
      const postId = (created.json.value as { post: { id: string } }).post.id;
      const submitted = await post(base, `/api/review/posts/${postId}/submit`, {}, owner);
      expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
      const [mail] = await sink.waitFor(1, 20_000);
      expect(mail?.to).toEqual(['ann@example.org']);
      expect(mail?.body).toContain(`${base}/posts/${postId}`);
      // And where to choose fewer emails.
      expect(mail?.body).toContain('Email notifications (which emails you get, or none)');
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      await sink.close();
      await own.drop();
    }
  });

  it('refuses a mail password in --smtp-url, and --smtp-url without --mail-from', { timeout: 60_000 }, async () => {
    const withPassword = server(['--database', db().url, '--smtp-url', 'smtp://kairos:hunter2@mail.example.org'], {
      KAIROS_SERVER_KEY: KEY,
    });
    expect(await withPassword.exited).toBe(2);
    expect(withPassword.output()).toMatch(/KAIROS_SMTP_PASSWORD/);
    expect(withPassword.output()).not.toContain('hunter2');
    const noFrom = server(['--database', db().url, '--smtp-url', 'smtp://mail.example.org'], { KAIROS_SERVER_KEY: KEY });
    expect(await noFrom.exited).toBe(2);
    expect(noFrom.output()).toMatch(/--smtp-url needs --mail-from/);
  });

  it('refuses to start without a server key and says how to make one', { timeout: 60_000 }, async () => {
    const p = server(['--database', db().url, '--port', '0']);
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/needs its server key.*kairos server keygen --out/);
  });

  it('exits 1 with a clear message for an unreachable database, without the password', { timeout: 60_000 }, async () => {
    const secret = 'pw-that-must-not-show-7731';
    const p = server(['--database', `postgres://kairos:${secret}@127.0.0.1:1/kairos`], { KAIROS_SERVER_KEY: KEY });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/cannot be reached: nothing answered for database "kairos" as "kairos" at 127\.0\.0\.1:1/);
    expect(p.output()).not.toContain(secret);
  });

  it('exits 1 and names the port when it is in use', { timeout: 60_000 }, async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const p = server(['--database', db().url, '--port', String(port)], { KAIROS_SERVER_KEY: KEY });
      expect(await p.exited).toBe(1);
      expect(p.output()).toContain(`Port ${port} on 127.0.0.1 is in use by another program`);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
