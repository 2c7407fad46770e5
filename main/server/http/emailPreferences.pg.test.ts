// The route for one's own choice of notification emails, against a real PostgreSQL: anyone signed in (viewers too)
// reads and sets their own, bad input and other sites are refused, the answer says whether the workspace has a mail
// server, and the choice decides which notifications are emailed (to a recording mailer).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { type CallInit, callServer, joinAs, type Person, refused, setUpOwner, value } from '../../testing/workspaceCalls';
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

const call = (path: string, init: CallInit = {}, base: WorkspaceServer = server) => callServer(base.url, path, init);

const people: Record<string, Person> = {};
const as = (role: string) => people[role]?.cookie as string;

async function enrol(role: string, name: string): Promise<void> {
  const email = `${name.toLowerCase()}@example.org`;
  people[role] = await joinAs(server.url, as('owner'), { role, email, displayName: name, password: PASSWORD });
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
  people.owner = await setUpOwner(server.url, { setupCode: SETUP, email: 'olga@example.org', displayName: 'Olga', password: PASSWORD });
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
