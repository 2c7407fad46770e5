// The route for one's own choice of notification emails, against a real PostgreSQL: anyone signed in (viewers too)
// reads and sets their own, bad input and other sites are refused, the answer says whether the workspace has a mail
// server, and the choice decides which notifications are emailed (to a recording mailer).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { seedAccount, seedPost } from '../../testing/workspaceSeed';
import { WorkspaceAuth } from '../auth/auth';
import { migratePg } from '../pg/migrate';
import type { Mailer, OutgoingEmail } from '../workspace/email';
import { createReviewWorkflow, type ReviewWorkflow } from '../workspace/workflow';
import { startWorkspaceServer, type WorkspaceServer } from './workspaceServer';

const db = databaseForThisFile('email_preference_route');
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const SETUP = 'setup-code-for-the-email-preference-tests';
const PASSWORD = 'correct horse battery';
const KEY = Buffer.alloc(32, 9);
const ROUTE = '/api/notifications/email';

const sent: OutgoingEmail[] = [];
const recording: Mailer = {
  async send(message) {
    sent.push(message);
  },
};
let server: WorkspaceServer;
let quiet: WorkspaceServer;
let workflow: ReviewWorkflow;

interface Answer {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

async function call(
  path: string,
  init: { body?: unknown; cookie?: string; origin?: string | null; type?: string; method?: string } = {},
  base: WorkspaceServer = server,
): Promise<Answer> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = {};
  if (method !== 'GET' && init.origin !== null) headers.origin = init.origin ?? base.url;
  if (init.body !== undefined) headers['content-type'] = init.type ?? 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  const res = await fetch(`${base.url}${path}`, {
    method,
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}
// biome-ignore lint/suspicious/noExplicitAny: answers are read as loose JSON in these tests.
const value = (a: Answer): any => {
  if (!a.body.ok) throw new Error(`Expected success, got ${a.status} ${JSON.stringify(a.body)}`);
  return a.body.value;
};
const refused = (a: Answer, status: number, code: string) => {
  expect(a.status, JSON.stringify(a.body)).toBe(status);
  expect(a.body.error?.code).toBe(code);
  expect(a.body.error?.message).toMatch(/\w/);
};

const people: Record<string, { cookie: string; id: string }> = {};
const as = (role: string) => people[role]?.cookie as string;

async function enrol(role: string, name: string): Promise<void> {
  const email = `${name.toLowerCase()}@example.org`;
  const inv = value(await call('/api/invitations', { cookie: as('owner'), body: { role, email } }));
  const res = await fetch(`${server.url}/api/invitations/accept`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ token: inv.token, email, displayName: name, password: PASSWORD }),
  });
  const body = (await res.json()) as { value: { user: { id: string } } };
  if (res.status !== 201) throw new Error(`Joining as ${role} failed: ${JSON.stringify(body)}`);
  people[role] = { cookie: res.headers.getSetCookie()[0]?.split(';')[0] as string, id: body.value.user.id };
}

beforeAll(async () => {
  const pool = db().pool;
  await migratePg(pool);
  const auth = new WorkspaceAuth(pool, { scrypt: FAST });
  workflow = createReviewWorkflow(pool, { linkKey: KEY, email: { mailer: recording, linkBase: 'https://kairos.example.org' } });
  const common = { pool, auth, port: 0, host: '127.0.0.1', trustProxy: false } as const;
  server = await startWorkspaceServer({ ...common, setupToken: SETUP, review: workflow });
  // A second process of the same workspace, started without a mail server.
  quiet = await startWorkspaceServer({ ...common, setupToken: null, review: createReviewWorkflow(pool, { linkKey: KEY }) });
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ setupCode: SETUP, email: 'olga@example.org', displayName: 'Olga', password: PASSWORD }),
  });
  const owner = (await setup.json()) as { value: { user: { id: string } } };
  people.owner = { cookie: setup.headers.getSetCookie()[0]?.split(';')[0] as string, id: owner.value.user.id };
  await enrol('editor', 'Edith');
  await enrol('viewer', 'Vic');
  await seedAccount(pool, 'acc_m');
  await seedPost(pool, { id: 'post_1', text: 'Launch day', accounts: ['acc_m'] });
}, 60_000);

afterAll(async () => {
  await quiet?.close();
  await server?.close();
  await workflow?.notifications.drain();
});

describe('GET and POST /api/notifications/email', () => {
  it('start at everything, and let a viewer set their own choice without touching anyone else’s', async () => {
    refused(await call(ROUTE), 401, 'signed_out');
    refused(await call(ROUTE, { body: { preference: 'none' } }), 401, 'signed_out');
    expect(value(await call(ROUTE, { cookie: as('viewer') }))).toEqual({ preference: 'all', emailConfigured: true });
    expect(value(await call(ROUTE, { cookie: as('viewer'), body: { preference: 'needs_me' } }))).toEqual({
      preference: 'needs_me',
      emailConfigured: true,
    });
    expect(value(await call(ROUTE, { cookie: as('viewer') })).preference).toBe('needs_me');
    expect(value(await call(ROUTE, { cookie: as('editor') })).preference).toBe('all');
    expect(value(await call(ROUTE, { cookie: as('owner') })).preference).toBe('all');
  });

  it('say when the server has no mail server, and keep the choice it was given elsewhere', async () => {
    expect(value(await call(ROUTE, { cookie: as('viewer') }, quiet))).toEqual({ preference: 'needs_me', emailConfigured: false });
  });

  it('refuse anything but the three choices, other sites and bodies that are not JSON', async () => {
    for (const body of [{}, { preference: 'weekly' }, { preference: null }, { preference: ['all'] }, { preference: 'ALL' }]) {
      const a = await call(ROUTE, { cookie: as('viewer'), body });
      refused(a, 400, 'invalid_input');
      expect(a.body.error?.message).toContain('"all"');
      expect(a.body.error?.message).toContain('"needs_me"');
      expect(a.body.error?.message).toContain('"none"');
    }
    refused(await call(ROUTE, { cookie: as('viewer'), body: '{"preference":' }), 400, 'invalid_input');
    refused(await call(ROUTE, { cookie: as('viewer'), body: { preference: 'none' }, origin: null }), 403, 'cross_site');
    refused(await call(ROUTE, { cookie: as('viewer'), body: { preference: 'none' }, origin: 'https://evil.example' }), 403, 'cross_site');
    refused(
      await call(ROUTE, { cookie: as('viewer'), body: 'preference=none', type: 'application/x-www-form-urlencoded' }),
      415,
      'invalid_input',
    );
    refused(await call(ROUTE, { cookie: as('viewer'), method: 'DELETE' }), 405, 'method_not_allowed');
    // None of them changed it.
    expect(value(await call(ROUTE, { cookie: as('viewer') })).preference).toBe('needs_me');
  });

  it('decide who of the people told is also emailed', async () => {
    value(await call(ROUTE, { cookie: as('viewer'), body: { preference: 'none' } }));
    value(await call('/api/review/posts/post_1/comments', { cookie: as('editor'), body: { body: 'Ready, @Olga and @Vic?' } }));
    await workflow.notifications.drain();
    const [toVic] = value(await call('/api/notifications', { cookie: as('viewer') })).items;
    expect(toVic).toMatchObject({ kind: 'mentioned', readAt: null, email: { state: 'none', to: null } });
    const [toOlga] = value(await call('/api/notifications', { cookie: as('owner') })).items;
    expect(toOlga).toMatchObject({ kind: 'mentioned', email: { state: 'sent', to: 'olga@example.org' } });
    expect(sent.map((m) => m.to)).toEqual(['olga@example.org']);
  });
});
