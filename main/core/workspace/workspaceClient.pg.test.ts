// The desktop as a workspace client. Most tests run the workspace server's real HTTP routes and sign-in on PostgreSQL
// in this process, with a real backend behind them, so that one server can be stopped, restarted on its port, or put
// behind a proxy that loses an answer; the last one runs the built `kairos server` (its backend on PostgreSQL).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BackendEvent, type Result, SHELL_CHANNELS, type WorkspaceStatus } from '../../../shared/contract';
import type { SaveResult } from '../../../shared/contract/posts';
import type { PostView } from '../../../shared/domain';
import { WorkspaceAuth } from '../../server/auth/auth';
import { startWorkspaceServer, type WorkspaceContract, type WorkspaceServer } from '../../server/http/workspaceServer';
import { generateServerKey } from '../../server/key/serverKey';
import { migratePg } from '../../server/pg/migrate';
import { publishSignal } from '../../server/workspace/signals';
import { createReviewWorkflow } from '../../server/workspace/workflow';
import { BUILT_CLI, eventually, type RunningProgram, requireBuild, startProgram } from '../../testing/builtProgram';
import { DiscordFake } from '../../testing/discordFake';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { type TempBackend, tempBackend } from '../../testing/tempBackend';
import type { Backend } from '../backend';
import { routedBackend } from './desktopGateway';

const db = databaseForThisFile('workspace_client');
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const EMAIL = 'ed@example.org';
const PASSWORD = 'a long editor password';
const DRAFT = { kind: 'draft', timeZone: 'Europe/Rome' } as const;
const RETRY = { minMs: 50, maxMs: 200 };

let auth: WorkspaceAuth;
/** The workspace's data: a real backend, as `kairos server` will run it on PostgreSQL. */
let team: TempBackend;
/** Where the workspace's one account posts: a post needs one to be given a time. */
let discord: DiscordFake;
let account: string;
const open: { close(): Promise<void> | void }[] = [];

beforeAll(async () => {
  await migratePg(db().pool);
  auth = new WorkspaceAuth(db().pool, { scrypt: FAST });
  await auth.createOwner({ email: EMAIL, displayName: 'Ed', password: PASSWORD });
  team = await tempBackend({ shell: 'browser', prefix: 'kairos-team-' });
  discord = await new DiscordFake().start();
  account = (await team.backend.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: discord.createWebhook('News') }))
    .id;
});
afterAll(async () => {
  await team?.close();
  await discord?.stop();
});
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  for (const p of await team.backend.call('posts.list', {})) await team.backend.call('posts.delete', { id: p.id });
});

const contract = (): WorkspaceContract => ({
  serves: (channel) => SHELL_CHANNELS.browser.has(channel),
  invoke: (channel, payload) => team.backend.invoke(channel, payload),
  subscribe: (listener) => team.backend.subscribe(listener),
});

async function workspaceServer(port = 0, withReview = false): Promise<WorkspaceServer> {
  const s = await startWorkspaceServer({
    pool: db().pool,
    auth,
    port,
    host: '127.0.0.1',
    trustProxy: false,
    setupToken: null,
    contract: contract(),
    ...(withReview ? { review: createReviewWorkflow(db().pool, { linkKey: Buffer.alloc(32, 7) }) } : {}),
  });
  open.push({ close: () => s.close(100) });
  return s;
}

interface Desktop {
  readonly temp: TempBackend;
  /** What the desktop window talks to: the shell's routing. */
  readonly shown: Backend;
  readonly events: BackendEvent[];
  status(): Promise<WorkspaceStatus>;
}

async function desktop(): Promise<Desktop> {
  const temp = await tempBackend({ shell: 'electron', prefix: 'kairos-desk-', workspaceRetry: RETRY });
  open.push(temp);
  const shown = routedBackend(temp.backend);
  const events: BackendEvent[] = [];
  shown.subscribe((e) => events.push(e));
  return { temp, shown, events, status: () => temp.backend.call('workspace.status', {}) };
}

const connect = (d: Desktop, url: string, password = PASSWORD) =>
  d.temp.backend.invoke('workspace.connect', { url, email: EMAIL, password });
const problemOf = (r: Result<unknown>) => (r.ok ? null : r.error.problem);
const postOf = (r: Result<unknown>) => (r.ok ? (r.value as SaveResult).post : null);
const teamPosts = () => team.backend.call('posts.list', {});

describe('signing in to a workspace', () => {
  it('tells the window of each new notification once, not of those unread before it signed in', async () => {
    const server = await workspaceServer(0, true);
    const pool = db().pool;
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [EMAIL]);
    const ed = rows[0]?.id as string;
    const notify = (id: string, summary: string) =>
      pool.query(
        `INSERT INTO notifications (id, user_id, kind, actor_name, summary, created_at) VALUES ($1, $2, 'mentioned', 'Ann', $3, now())`,
        [id, ed, summary],
      );
    await notify('n_before', 'Ann mentioned you yesterday');
    const d = await desktop();
    await connect(d, server.url);
    await eventually(async () => (await d.status()).online, 'the event stream');
    await new Promise((r) => setTimeout(r, 300));
    await notify('n_new', 'Ann mentioned you: “can you look at the launch post?”');
    await publishSignal(pool, { type: 'notifications.changed', userIds: [ed] });
    const told = () => d.events.flatMap((e) => (e.type === 'workspace.notification' ? [e.notice] : []));
    await eventually(() => told().length > 0, 'the new notification', 5_000);
    // Another signal (someone else's notification) tells nothing new.
    await publishSignal(pool, { type: 'notifications.changed', userIds: [ed] });
    await new Promise((r) => setTimeout(r, 300));
    expect(told()).toEqual([
      { id: 'n_new', kind: 'mentioned', summary: 'Ann mentioned you: “can you look at the launch post?”', actorName: 'Ann', postId: null },
    ]);
    await pool.query(`DELETE FROM notifications`);
  });

  it('signs in, keeps the session sealed in the local database only, and sends the window’s calls to the workspace', async () => {
    const server = await workspaceServer();
    const d = await desktop();
    const r = await connect(d, `${server.url}/`);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const status = await d.status();
    expect(status).toMatchObject({ state: 'connected', url: server.url, online: true, pending: 0 });
    expect(status.user).toMatchObject({ email: EMAIL, displayName: 'Ed', role: 'owner' });
    expect(JSON.stringify(status)).not.toMatch(/kairos_session/);

    // The cookie is on disk only as sealed bytes.
    const file = new Database(join(d.temp.dir, 'kairos.sqlite'), { readonly: true });
    const row = file.prepare('SELECT session FROM workspace_link').get() as { session: Buffer };
    file.close();
    expect(row.session.length).toBeGreaterThan(29);
    expect(row.session.toString('latin1')).not.toMatch(/kairos_session/);

    const created = await d.shown.invoke('posts.create', { text: 'Team launch', accountIds: [], when: DRAFT });
    expect(postOf(created)?.text).toBe('Team launch');
    expect((await teamPosts()).map((p) => p.text)).toEqual(['Team launch']);
    // Not in this computer's own data, and its own channels stay here.
    expect(await d.temp.backend.call('posts.list', {})).toEqual([]);
    expect((await d.shown.call('app.preferences.get', {})).keepRunningInTray).toBeTypeOf('boolean');
  });

  it('relays the workspace’s events to the window', async () => {
    const server = await workspaceServer();
    const d = await desktop();
    await connect(d, server.url);
    await eventually(async () => (await d.status()).online, 'the event stream');
    await new Promise((r) => setTimeout(r, 100));
    const { post } = await team.backend.call('posts.create', { text: 'Written by a teammate', accountIds: [], when: DRAFT });
    await eventually(() => d.events.some((e) => e.type === 'posts.changed' && e.postIds.includes(post.id)), 'the relayed event', 5_000);
  });

  it('says so for a wrong password, an unreachable server, a TLS mistake and a server that is not Kairos', async () => {
    const server = await workspaceServer();
    const d = await desktop();
    const wrong = await connect(d, server.url, 'not the password at all');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok)
      expect(wrong.error).toMatchObject({ code: 'auth_required', field: 'password', problem: { code: 'workspace_sign_in_refused' } });
    expect((await d.status()).state).toBe('none');

    const closed = createHttpServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(problemOf(await connect(d, `http://127.0.0.1:${closedPort}`))).toEqual({
      code: 'workspace_unreachable',
      params: { url: `http://127.0.0.1:${closedPort}` },
    });

    const https = server.url.replace('http:', 'https:');
    expect(problemOf(await connect(d, https))).toEqual({ code: 'workspace_tls_failed', params: { url: https, reason: 'not_https' } });

    const tls = await selfSignedServer();
    if (tls) {
      open.push({ close: () => new Promise<void>((r) => tls.server.close(() => r())) });
      expect(problemOf(await connect(d, tls.url))).toEqual({
        code: 'workspace_tls_failed',
        params: { url: tls.url, reason: 'certificate_untrusted' },
      });
    }

    const other = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Welcome to my blog</body></html>');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    open.push({ close: () => new Promise<void>((r) => other.close(() => r())) });
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const notKairos = await connect(d, otherUrl);
    expect(problemOf(notKairos)).toEqual({ code: 'workspace_not_kairos', params: { url: otherUrl } });
    if (!notKairos.ok) expect(notKairos.error.message).toMatch(/is not a Kairos workspace/);

    expect(
      problemOf(await d.temp.backend.invoke('workspace.connect', { url: 'ftp://files.example.org', email: EMAIL, password: PASSWORD })),
    ).toMatchObject({
      code: 'workspace_url_invalid',
    });
  });

  it('asks to sign in again when the session ended, and keeps what was written meanwhile', async () => {
    const server = await workspaceServer();
    const d = await desktop();
    await connect(d, server.url);
    const users = await db().pool.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [EMAIL]);
    await auth.signOutEverywhere(users.rows[0]?.id as string);
    const read = await d.shown.invoke('posts.list', {});
    expect(problemOf(read)).toEqual({ code: 'workspace_signed_out', params: { url: server.url } });
    expect((await d.status()).state).toBe('signed_out');
    const kept = await d.shown.invoke('posts.create', { text: 'Written while signed out', accountIds: [], when: DRAFT });
    expect(problemOf(kept)?.code).toBe('workspace_signed_out');
    expect((await d.status()).pending).toBe(1);

    expect((await connect(d, server.url)).ok).toBe(true);
    expect((await d.status()).pending).toBe(0);
    expect((await teamPosts()).map((p) => p.text)).toEqual(['Written while signed out']);
  });

  it('signs out at the server and goes back to this computer’s own data', async () => {
    const server = await workspaceServer();
    const d = await desktop();
    await connect(d, server.url);
    const sessions = async () => (await db().pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions')).rows[0]?.n ?? 0;
    const before = await sessions();
    const out = await d.temp.backend.call('workspace.disconnect', {});
    expect(out).toMatchObject({ state: 'none', url: null, pending: 0 });
    expect(await sessions()).toBe(before - 1);
    await d.shown.call('posts.create', { text: 'Mine alone', accountIds: [], when: DRAFT });
    expect((await d.temp.backend.call('posts.list', {})).map((p) => p.text)).toEqual(['Mine alone']);
    expect(await teamPosts()).toEqual([]);
    expect(d.events.some((e) => e.type === 'resync')).toBe(true);
  });
});

describe('offline: the outbox', () => {
  it('keeps changes in order while the server is stopped, answers reads clearly, and sends each once when it is back', async () => {
    let server = await workspaceServer();
    const port = server.port;
    const d = await desktop();
    await connect(d, server.url);
    const existing = postOf(await d.shown.invoke('posts.create', { text: 'Before the outage', accountIds: [], when: DRAFT })) as PostView;
    const doomed = postOf(await d.shown.invoke('posts.create', { text: 'To be deleted', accountIds: [], when: DRAFT })) as PostView;

    await server.close(100);
    const kept = await d.shown.invoke('posts.create', {
      text: 'Written offline',
      accountIds: [],
      when: DRAFT,
      clientRequestId: 'composer-session-0001',
    });
    expect(kept.ok).toBe(false);
    if (!kept.ok) {
      expect(kept.error.problem).toEqual({ code: 'workspace_change_kept', params: { pending: 1 } });
      expect(kept.error.message).toMatch(/kept on this computer and sent when it is/);
    }
    // Autosave saves the same new draft again: still one change, with its latest words.
    await d.shown.invoke('posts.create', {
      text: 'Written offline, and more',
      accountIds: [],
      when: DRAFT,
      clientRequestId: 'composer-session-0001',
    });
    await d.shown.invoke('posts.update', { id: existing.id, text: 'Edited offline' });
    await d.shown.invoke('posts.update', { id: existing.id, text: 'Edited offline twice' });
    await d.shown.invoke('posts.delete', { id: doomed.id });
    expect(await d.status()).toMatchObject({ online: false, pending: 4 });
    expect(problemOf(await d.shown.invoke('posts.list', {}))).toEqual({ code: 'workspace_offline_read', params: { url: server.url } });

    d.events.length = 0;
    server = await workspaceServer(port);
    await eventually(async () => (await d.status()).pending === 0 && (await d.status()).online, 'the outbox sent', 10_000);
    const texts = (await teamPosts()).map((p) => p.text).sort();
    expect(texts).toEqual(['Edited offline twice', 'Written offline, and more']);
    expect((await d.status()).notes).toEqual([]);
    await eventually(() => d.events.some((e) => e.type === 'resync'), 'resync after the reconnect', 5_000);
    const history = await team.backend.call('posts.get', { id: existing.id });
    expect(history.history.map((h) => h.kind)).toEqual(['created as draft', 'edited', 'edited']);
  });

  it('sends a create whose answer was lost once: the resend finds the post the first made', async () => {
    const server = await workspaceServer();
    const proxy = await lossyProxy(server.port);
    open.push(proxy);
    const d = await desktop();
    expect((await connect(d, proxy.url)).ok).toBe(true);
    proxy.dropNextAnswer('/api/invoke/posts.create');
    const lost = await d.shown.invoke('posts.create', { text: 'Answer lost on the way', accountIds: [], when: DRAFT });
    expect(problemOf(lost)?.code).toBe('workspace_change_kept');
    // The server did make it; the outbox does not know.
    expect((await teamPosts()).map((p) => p.text)).toEqual(['Answer lost on the way']);
    await eventually(async () => (await d.status()).pending === 0, 'the resend', 10_000);
    expect((await teamPosts()).map((p) => p.text)).toEqual(['Answer lost on the way']);
    expect((await d.status()).notes).toEqual([]);
  });

  it('keeps the person’s version as a new draft when someone else changed the post meanwhile', async () => {
    let server = await workspaceServer();
    const port = server.port;
    const d = await desktop();
    await connect(d, server.url);
    const post = postOf(
      await d.shown.invoke('posts.create', { text: 'Original words', accountIds: [], when: DRAFT, labels: ['spring'] }),
    ) as PostView;
    await server.close(100);

    await d.shown.invoke('posts.update', { id: post.id, text: 'My offline words' });
    // Meanwhile a teammate edits it on the workspace.
    await new Promise((r) => setTimeout(r, 5));
    await team.backend.call('posts.update', { id: post.id, text: 'Their words' });

    server = await workspaceServer(port);
    await eventually(async () => (await d.status()).pending === 0, 'the outbox sent', 10_000);
    const posts = await teamPosts();
    expect(posts.find((p) => p.id === post.id)?.text).toBe('Their words');
    const draft = posts.find((p) => p.id !== post.id);
    expect(draft).toMatchObject({ text: 'My offline words', status: 'draft', labels: ['spring'] });
    const notes = (await d.status()).notes;
    expect(notes.map((n) => n.problem)).toEqual([{ code: 'workspace_kept_as_draft', params: { excerpt: 'My offline words' } }]);
    expect(notes[0]?.message).toBe(
      'Someone else changed this post since you went offline; your version is kept as a draft: "My offline words".',
    );
  });
});

describe('offline: moves and cancels in the outbox', () => {
  const DAY = 86_400_000;
  /** A time on the hour a few days ahead: the calendar's drop gives an instant in the post's zone. */
  const ahead = (days: number) => Math.ceil((Date.now() + days * DAY) / 3_600_000) * 3_600_000;
  const at = (days: number) => ({ kind: 'instant', at: ahead(days), timeZone: 'Europe/Rome' }) as const;

  /** A post on the workspace, scheduled in two days, made through the desktop (so it has seen it). */
  const scheduled = async (d: Desktop, text: string) =>
    postOf(await d.shown.invoke('posts.create', { text, accountIds: [account], when: at(2) })) as PostView;
  const kinds = async (id: string) => (await team.backend.call('posts.get', { id })).history.map((h) => h.kind);
  const teamPost = async (id: string) => (await team.backend.call('posts.get', { id })).post;

  it('keeps a move and a cancel made while the server is stopped, and makes each once when it is back', async () => {
    let server = await workspaceServer();
    const port = server.port;
    const d = await desktop();
    await connect(d, server.url);
    const moving = await scheduled(d, 'Moved on the calendar offline');
    const stopping = await scheduled(d, 'Cancelled offline');

    await server.close(100);
    const moved = await d.shown.invoke('posts.reschedule', { id: moving.id, when: at(5) });
    expect(problemOf(moved)).toEqual({ code: 'workspace_change_kept', params: { pending: 1 } });
    if (!moved.ok) expect(moved.error.message).toMatch(/this change is kept on this computer and sent when it is/);
    expect(problemOf(await d.shown.invoke('posts.cancel', { id: stopping.id }))).toEqual({
      code: 'workspace_change_kept',
      params: { pending: 2 },
    });
    // The outbox parses them as the workspace would: a malformed move is refused at once, never kept.
    expect(problemOf(await d.shown.invoke('posts.reschedule', { id: moving.id, when: { kind: 'someday' } }))?.code).toBe('input_invalid');
    expect((await d.status()).pending).toBe(2);
    // Both stay as they were until the workspace is back.
    expect((await teamPost(moving.id)).scheduledAt).toBe(ahead(2));
    expect((await teamPost(stopping.id)).status).toBe('scheduled');

    server = await workspaceServer(port);
    await eventually(async () => (await d.status()).pending === 0, 'the outbox sent', 10_000);
    expect(await teamPost(moving.id)).toMatchObject({ scheduledAt: ahead(5), status: 'scheduled' });
    expect((await teamPost(stopping.id)).status).toBe('cancelled');
    expect(await kinds(moving.id)).toEqual(['created and scheduled', 'rescheduled']);
    expect(await kinds(stopping.id)).toEqual(['created and scheduled', 'cancelled']);
    expect((await d.status()).notes).toEqual([]);
    expect(await teamPosts()).toHaveLength(2);
  });

  it('takes an edit made offline after a move made offline of the same post as made from the moved one', async () => {
    let server = await workspaceServer();
    const port = server.port;
    const d = await desktop();
    await connect(d, server.url);
    const post = await scheduled(d, 'Words before');

    await server.close(100);
    await d.shown.invoke('posts.reschedule', { id: post.id, when: at(4) });
    await d.shown.invoke('posts.update', { id: post.id, text: 'Words after the move' });
    await d.shown.invoke('posts.reschedule', { id: post.id, when: at(6) });
    await d.shown.invoke('posts.update', { id: post.id, text: 'Words after the second move' });
    expect((await d.status()).pending).toBe(4);

    server = await workspaceServer(port);
    await eventually(async () => (await d.status()).pending === 0, 'the outbox sent', 10_000);
    // Not someone else's change: no draft kept aside, no note.
    expect((await d.status()).notes).toEqual([]);
    expect(await teamPosts()).toHaveLength(1);
    expect(await teamPost(post.id)).toMatchObject({ text: 'Words after the second move', scheduledAt: ahead(6) });
    expect(await kinds(post.id)).toEqual(['created and scheduled', 'rescheduled', 'edited', 'rescheduled', 'edited']);
  });

  it('moves the post over a teammate’s edit of its words meanwhile, and still keeps a later offline edit aside', async () => {
    let server = await workspaceServer();
    const port = server.port;
    const d = await desktop();
    await connect(d, server.url);
    const post = await scheduled(d, 'Words before');

    await server.close(100);
    await d.shown.invoke('posts.reschedule', { id: post.id, when: at(4) });
    await d.shown.invoke('posts.update', { id: post.id, text: 'My words offline' });
    await new Promise((r) => setTimeout(r, 5));
    await team.backend.call('posts.update', { id: post.id, text: 'The teammate’s words' });

    server = await workspaceServer(port);
    await eventually(async () => (await d.status()).pending === 0, 'the outbox sent', 10_000);
    // The time is the last one given; the words are the teammate's, and mine are a draft of their own.
    expect(await teamPost(post.id)).toMatchObject({ text: 'The teammate’s words', scheduledAt: ahead(4) });
    const draft = (await teamPosts()).find((p) => p.id !== post.id);
    expect(draft).toMatchObject({ text: 'My words offline', status: 'draft' });
    expect((await d.status()).notes.map((n) => n.problem)).toEqual([
      { code: 'workspace_kept_as_draft', params: { excerpt: 'My words offline' } },
    ]);
  });

  it('notes a move or a cancel of a post someone deleted meanwhile, and one the workspace refuses, with its reason', async () => {
    let server = await workspaceServer();
    const port = server.port;
    const d = await desktop();
    await connect(d, server.url);
    const moving = await scheduled(d, 'Deleted before my move went');
    const stopping = await scheduled(d, 'Deleted before my cancel went');
    const emptied = await scheduled(d, 'Its accounts taken away');

    await server.close(100);
    await d.shown.invoke('posts.reschedule', { id: moving.id, when: at(3) });
    await d.shown.invoke('posts.cancel', { id: stopping.id });
    await d.shown.invoke('posts.reschedule', { id: emptied.id, when: at(3) });
    await team.backend.call('posts.delete', { id: moving.id });
    await team.backend.call('posts.delete', { id: stopping.id });
    await team.backend.call('posts.update', { id: emptied.id, accountIds: [], when: DRAFT });

    server = await workspaceServer(port);
    await eventually(async () => (await d.status()).pending === 0, 'the outbox sent', 10_000);
    const notes = [...(await d.status()).notes].reverse();
    expect(notes.map((n) => n.problem)).toEqual([
      { code: 'workspace_change_post_gone', params: { excerpt: 'Deleted before my move went', change: 'reschedule' } },
      { code: 'workspace_change_post_gone', params: { excerpt: 'Deleted before my cancel went', change: 'cancel' } },
      {
        code: 'workspace_change_refused',
        params: { excerpt: 'Its accounts taken away', reason: 'This draft has no accounts yet; open it and pick where it goes.' },
      },
    ]);
    expect(notes.map((n) => n.message)).toEqual([
      'Someone else deleted "Deleted before my move went" while you were offline, so the new time you gave it was not sent.',
      'Someone else deleted "Deleted before my cancel went" while you were offline, so there was nothing left to cancel.',
      'A change made offline ("Its accounts taken away") was not taken by the workspace: This draft has no accounts yet; open it and pick where it goes.',
    ]);
    expect((await teamPosts()).map((p) => [p.text, p.status])).toEqual([['Its accounts taken away', 'draft']]);
  });

  it('sends a move and a cancel whose answers were lost once: the resend finds them made', async () => {
    const server = await workspaceServer();
    const proxy = await lossyProxy(server.port);
    open.push(proxy);
    const d = await desktop();
    expect((await connect(d, proxy.url)).ok).toBe(true);
    const moving = await scheduled(d, 'Moved, answer lost');
    const stopping = await scheduled(d, 'Cancelled, answer lost');

    proxy.dropNextAnswer('/api/invoke/posts.reschedule');
    expect(problemOf(await d.shown.invoke('posts.reschedule', { id: moving.id, when: at(3) }))?.code).toBe('workspace_change_kept');
    // The workspace did move it; the outbox does not know.
    expect((await teamPost(moving.id)).scheduledAt).toBe(ahead(3));
    await eventually(async () => (await d.status()).pending === 0, 'the resend', 10_000);

    proxy.dropNextAnswer('/api/invoke/posts.cancel');
    expect(problemOf(await d.shown.invoke('posts.cancel', { id: stopping.id }))?.code).toBe('workspace_change_kept');
    await eventually(async () => (await d.status()).pending === 0, 'the resend', 10_000);

    expect(await kinds(moving.id)).toEqual(['created and scheduled', 'rescheduled']);
    expect(await kinds(stopping.id)).toEqual(['created and scheduled', 'cancelled']);
    expect((await d.status()).notes).toEqual([]);
  });
});

describe('the built kairos server', () => {
  const KEY = generateServerKey();
  const spawnDb = databaseForThisFile('workspace_client_spawned');
  let running: RunningProgram[] = [];
  beforeAll(() => requireBuild());
  afterEach(async () => {
    for (const p of running) if (p.alive()) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    running = [];
  });

  const serverData = mkdtempSync(join(tmpdir(), 'kairos-server-data-'));
  afterAll(() => rmSync(serverData, { recursive: true, force: true }));

  async function kairosServer(
    port: number,
    firstStart = false,
    database = spawnDb,
  ): Promise<{ url: string; program: RunningProgram; setupCode: string | null }> {
    const env: NodeJS.ProcessEnv = { ...process.env, KAIROS_SERVER_KEY: KEY };
    delete env.KAIROS_DATABASE_URL;
    const program = startProgram(
      BUILT_CLI,
      ['server', '--database', database().url, '--port', String(port), '--data-dir', serverData],
      env,
    );
    running.push(program);
    const [, url] = await program.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) /, 60_000);
    const setupCode = firstStart ? ((await program.waitFor(/one-time setup code .*: ([A-Za-z0-9_-]{43})\s/))[1] as string) : null;
    return { url: url as string, program, setupCode };
  }

  /** A teammate's own session on the spawned server, to change posts behind the desktop's back. */
  async function teammate(base: string) {
    const signIn = await fetch(`${base}/api/session/sign-in`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    return async (channel: string, payload: unknown) => {
      const res = await fetch(`${base}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json', cookie },
        body: JSON.stringify(payload),
      });
      return (await res.json()) as Result<unknown>;
    };
  }

  /** The first start of a server on its own database, its owner Ed set up. */
  async function setUpServer(database = spawnDb) {
    const first = await kairosServer(0, true, database);
    const setup = await fetch(`${first.url}/api/setup`, {
      method: 'POST',
      headers: { origin: first.url, 'content-type': 'application/json' },
      body: JSON.stringify({ setupCode: first.setupCode, email: EMAIL, displayName: 'Ed', password: PASSWORD }),
    });
    expect(setup.status).toBe(201);
    return first;
  }

  it('end to end: signs in, forwards calls, relays events, keeps changes while it is stopped and sends them once, keeps a conflict as a draft', {
    timeout: 120_000,
  }, async () => {
    const first = await setUpServer();
    const d = await desktop();
    expect(problemOf(await connect(d, first.url, 'a wrong password here'))?.code).toBe('workspace_sign_in_refused');
    expect((await connect(d, first.url)).ok).toBe(true);
    await eventually(async () => (await d.status()).online, 'the event stream');
    expect((await d.status()).user).toMatchObject({ email: EMAIL, role: 'owner' });

    // Forwarded to the server's PostgreSQL, and its event relayed back.
    const made = postOf(await d.shown.invoke('posts.create', { text: 'On the team server', accountIds: [], when: DRAFT })) as PostView;
    expect(made.text).toBe('On the team server');
    await eventually(() => d.events.some((e) => e.type === 'posts.changed' && e.postIds.includes(made.id)), 'the relayed event', 10_000);
    const listed = await d.shown.invoke('posts.list', {});
    expect(listed.ok && (listed.value as PostView[]).map((p) => p.text)).toEqual(['On the team server']);
    expect(await d.temp.backend.call('posts.list', {})).toEqual([]);

    first.program.child.kill('SIGTERM');
    expect(await first.program.exited).toBe(0);
    await eventually(async () => !(await d.status()).online, 'offline noticed', 10_000);
    const kept = await d.shown.invoke('posts.create', { text: 'While the server was down', accountIds: [], when: DRAFT });
    expect(problemOf(kept)?.code).toBe('workspace_change_kept');
    await d.shown.invoke('posts.update', { id: made.id, text: 'My offline version' });
    expect(problemOf(await d.shown.invoke('posts.summaries', {}))?.code).toBe('workspace_offline_read');
    expect((await d.status()).pending).toBe(2);

    // Meanwhile a teammate edits the same post through another server process of the workspace (the desktop's
    // address is still down, so the edit is surely first); then the desktop's server comes back.
    const elsewhere = await kairosServer(0);
    const other = await teammate(elsewhere.url);
    expect((await other('posts.update', { id: made.id, text: 'The teammate’s version' })).ok).toBe(true);
    const port = Number(new URL(first.url).port);
    d.events.length = 0;
    await kairosServer(port);

    await eventually(async () => (await d.status()).online && (await d.status()).pending === 0, 'back online, the outbox sent', 20_000);
    await eventually(() => d.events.some((e) => e.type === 'resync'), 'resync after the reconnect', 5_000);
    const all = await other('posts.list', {});
    const texts = all.ok ? (all.value as PostView[]).map((p) => p.text).sort() : [];
    expect(texts).toEqual(['My offline version', 'The teammate’s version', 'While the server was down']);
    expect((await d.status()).notes.map((n) => n.problem)).toEqual([
      { code: 'workspace_kept_as_draft', params: { excerpt: 'My offline version' } },
    ]);
  });

  const reviewDb = databaseForThisFile('workspace_client_review');

  it('carries the review panel’s calls with the session kept here, relays what changed, and reaches nothing else of the server', {
    timeout: 120_000,
  }, async () => {
    const server = await setUpServer(reviewDb);
    const d = await desktop();
    expect((await connect(d, server.url)).ok).toBe(true);
    await eventually(async () => (await d.status()).online, 'the event stream');
    const made = postOf(await d.shown.invoke('posts.create', { text: 'For the launch', accountIds: [], when: DRAFT })) as PostView;
    const review = (path: string, body?: Record<string, unknown>) =>
      d.shown.invoke('workspace.review', body === undefined ? { path } : { path, body });
    const changed = (change: string, postId: string | null) =>
      d.events.some((e) => e.type === 'workspace.changed' && e.change === change && e.postId === postId);

    // Submitted from the desktop: the route's answer comes back as it came, and the workspace's signal is relayed.
    const submitted = await review(`api/review/posts/${made.id}/submit`, { note: 'Ready for a look' });
    expect(submitted).toMatchObject({ ok: true, value: { ok: true, value: { postId: made.id, state: 'in_review' } } });
    await eventually(() => changed('review.changed', made.id), 'review.changed relayed', 10_000);
    // A refusal of the route is the route's own, in its words.
    const own = await review(`api/review/posts/${made.id}/approve`, {});
    expect(own).toMatchObject({ ok: true, value: { ok: false, error: { code: 'own_post' } } });
    expect(own.ok && (own.value as { error: { message: string } }).error.message).toMatch(/\w/);

    // Written with POST, read back with GET.
    expect((await review(`api/review/posts/${made.id}/comments`, { body: 'The second line needs a date' })).ok).toBe(true);
    const comments = await review(`api/review/posts/${made.id}/comments`);
    expect(comments.ok && (comments.value as { value: { body: string }[] }).value.map((c) => c.body)).toEqual([
      'The second line needs a date',
    ]);
    const history = await review(`api/review/posts/${made.id}/history`);
    expect(JSON.stringify(history)).toContain('Ready for a look');
    expect(await review('api/notifications/unread-count')).toMatchObject({ ok: true, value: { ok: true, value: { unread: 0 } } });

    // The owner sets a rule from the desktop; every open window hears of it.
    const rule = await review('api/review/rules', { scope: 'label', label: 'launch', approvalsNeeded: 2 });
    expect(rule).toMatchObject({ ok: true, value: { ok: true } });
    await eventually(() => changed('rules.changed', null), 'rules.changed relayed', 10_000);
    const rules = await review('api/review/rules');
    expect(JSON.stringify(rules)).toContain('"launch"');

    // Nothing but the review and notification routes: not signing out, not the contract, not a way around the check.
    for (const path of [
      'api/session/sign-out',
      'api/invoke/posts.list',
      'api/review/../session/sign-out',
      'api/review/%2e%2e/session/sign-out',
      'api/review-link/open',
      'api/invitations',
      '/api/review/rules',
    ]) {
      const r = await review(path, {});
      expect(r.ok, path).toBe(false);
      expect(!r.ok && r.error.message, path).toBe('path: Only the workspace’s review and notification routes can be asked for this way.');
    }
    expect((await d.status()).state).toBe('connected');
    // The session never reaches the window: no answer or event carries the cookie the desktop keeps.
    expect(JSON.stringify([submitted, comments, history, rules, d.events])).not.toMatch(/kairos_session|cookie/i);

    // The server stopped: said in words, and the desktop knows it is offline.
    server.program.child.kill('SIGTERM');
    expect(await server.program.exited).toBe(0);
    const away = await review(`api/review/posts/${made.id}`);
    expect(!away.ok && away.error.problem.code).toBe('workspace_offline_read');
    expect((await d.status()).online).toBe(false);
  });
});

/** An HTTP proxy to the server that can cut the connection after the server answered one request (a lost answer). */
async function lossyProxy(upstreamPort: number) {
  let drop: string | null = null;
  const server: Server = createHttpServer((req: IncomingMessage, res) => {
    const cut = drop !== null && req.url === drop;
    if (cut) drop = null;
    const up = httpRequest({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      if (cut) {
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropNextAnswer(path: string) {
      drop = path;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** An HTTPS server with a self-signed certificate (made with openssl), or null where openssl is missing. */
async function selfSignedServer(): Promise<{ server: Server; url: string } | null> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
    res.end('{}');
  });
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
