// Comments, @mentions and notifications against a real PostgreSQL, with email through a local SMTP sink.

import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { type SmtpSink, startSmtpSink } from '../../testing/smtpSink';
import { seedAccount, seedMember, seedPost } from '../../testing/workspaceSeed';
import { migratePg } from '../pg/migrate';
import { postHistory } from './audit';
import { WorkspaceComments } from './comments';
import type { Member } from './db';
import { smtpMailer } from './email';
import { WorkspaceError } from './errors';
import { NotificationCenter } from './notifications';

const db = databaseForThisFile('comments');
let clock = new Date('2026-03-02T08:00:00Z');
const now = () => clock;
const tick = () => {
  clock = new Date(clock.getTime() + 1000);
};
let sink: SmtpSink;
let eve: Member;
let ann: Member;
let bob: Member;
let admin: Member;
let viewer: Member;
// The audit log cannot be emptied between tests (it is append-only), so each test has a post of its own.
let seq = 0;
let P = 'p1';

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof WorkspaceError)) throw new Error(`Expected a WorkspaceError, got ${e === null ? 'success' : String(e)}`);
  return e.code;
}

beforeAll(async () => {
  await migratePg(db().pool);
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink?.close();
});

beforeEach(async () => {
  clock = new Date('2026-03-02T08:00:00Z');
  const pool = db().pool;
  await pool.query('TRUNCATE users, accounts, posts, notifications CASCADE');
  eve = await seedMember(pool, 'u_eve', 'Eve', 'editor');
  ann = await seedMember(pool, 'u_ann', 'Ann Lee', 'approver', 'ann.lee@example.org');
  bob = await seedMember(pool, 'u_bob', 'Bob', 'approver');
  admin = await seedMember(pool, 'u_adm', 'Adam', 'admin');
  viewer = await seedMember(pool, 'u_vic', 'Vic', 'viewer');
  await seedAccount(pool, 'acc_1');
  P = `p${++seq}`;
  await seedPost(pool, { id: P, text: 'Our spring collection', parts: ['Part two', 'Part three'], accounts: ['acc_1'] });
  await pool.query(`UPDATE posts SET author_id = 'u_eve', revised_by = 'u_eve' WHERE id = $1`, [P]);
});

const inApp = (center = new NotificationCenter(db().pool, { now })) => new WorkspaceComments(db().pool, { now, notifications: center });

describe('comments', () => {
  it('go on the post or on one part of its thread, with replies; bad ones are refused with the reason', async () => {
    const comments = inApp();
    const c1 = await comments.add(ann, P, { body: '  Nice opening  ' });
    expect(c1).toMatchObject({ postId: P, partIndex: null, authorName: 'Ann Lee', external: false, body: 'Nice opening' });
    tick();
    const c2 = await comments.add(bob, P, { body: 'Typo here', partIndex: 2 });
    tick();
    const reply = await comments.add(eve, P, { body: 'Fixed', replyTo: c2.id });
    expect(reply.replyTo).toBe(c2.id);
    expect((await comments.list(P)).map((c) => [c.body, c.partIndex])).toEqual([
      ['Nice opening', null],
      ['Typo here', 2],
      ['Fixed', null],
    ]);
    expect(await code(comments.add(ann, P, { body: 'x', partIndex: 3 }))).toBe('comment_invalid');
    expect(await code(comments.add(ann, P, { body: '   ' }))).toBe('comment_invalid');
    expect(await code(comments.add(ann, P, { body: 'x'.repeat(5001) }))).toBe('comment_invalid');
    expect(await code(comments.add(ann, 'nope', { body: 'x' }))).toBe('post_unknown');
    expect(await code(comments.add(viewer, P, { body: 'x' }))).toBe('not_allowed');
  });

  it('are edited only by their author, deleted by the author or an admin, and keep every version in the history', async () => {
    const comments = inApp();
    const c = await comments.add(ann, P, { body: 'First thought' });
    expect(await code(comments.edit(bob, c.id, 'hijack'))).toBe('not_comment_author');
    tick();
    const edited = await comments.edit(ann, c.id, 'Second thought');
    expect(edited.body).toBe('Second thought');
    expect(edited.editedAt).toEqual(clock);
    const reply = await comments.add(bob, P, { body: 'Agreed', replyTo: c.id });
    expect(await code(comments.delete(bob, c.id))).toBe('not_comment_author');
    tick();
    await comments.delete(ann, c.id);
    const [gone, kept] = await comments.list(P);
    expect(gone).toMatchObject({ id: c.id, body: '', deletedAt: clock });
    // The reply stays in place.
    expect(kept).toMatchObject({ id: reply.id, replyTo: c.id, body: 'Agreed' });
    expect(await code(comments.edit(ann, c.id, 'again'))).toBe('comment_deleted');
    await comments.delete(admin, reply.id);
    expect((await comments.versions(c.id)).map((v) => [v.action, v.by, v.body])).toEqual([
      ['added', 'Ann Lee', 'First thought'],
      ['edited', 'Ann Lee', 'Second thought'],
      ['deleted', 'Ann Lee', ''],
    ]);
    const history = await postHistory(db().pool, P);
    expect(history.map((h) => h.action)).toEqual([
      'comment.added',
      'comment.edited',
      'comment.added',
      'comment.deleted',
      'comment.deleted',
    ]);
    expect(history[3]?.detail).toMatchObject({ commentId: c.id, body: 'Second thought' });
    expect(history[4]?.actorName).toBe('Adam');
  });

  it('are resolved and reopened, with who and when', async () => {
    const comments = inApp();
    const c = await comments.add(ann, P, { body: 'Check the price' });
    tick();
    expect(await comments.resolve(eve, c.id)).toMatchObject({ resolvedAt: clock, resolvedBy: 'u_eve' });
    expect(await comments.list(P, { unresolvedOnly: true })).toEqual([]);
    expect(await code(comments.resolve(viewer, c.id))).toBe('not_allowed');
    expect(await comments.resolve(ann, c.id, false)).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect((await comments.list(P, { unresolvedOnly: true })).map((x) => x.id)).toEqual([c.id]);
    const actions = (await postHistory(db().pool, P)).map((h) => `${h.action}:${h.actorName}`);
    expect(actions).toEqual(['comment.added:Ann Lee', 'comment.resolved:Eve', 'comment.reopened:Ann Lee']);
  });
});

describe('@mentions and notifications', () => {
  it('tell the mentioned teammate and the post’s author once each; an unknown name stays text; read and unread', async () => {
    const center = new NotificationCenter(db().pool, { now });
    const comments = inApp(center);
    const c = await comments.add(ann, P, { body: '@Bob and @Eve: please check. @Nobody knows. Me: @ann.lee' });
    expect(c.mentions.map((m) => m.userId).sort()).toEqual(['u_ann', 'u_bob', 'u_eve']);
    expect(c.body).toContain('@Nobody');
    const [toBob] = await center.list(bob.id);
    expect(toBob).toMatchObject({ kind: 'mentioned', postId: P, commentId: c.id, readAt: null, email: { state: 'none' } });
    // Eve is both mentioned and the author: one notification.
    expect((await center.list(eve.id)).map((n) => n.kind)).toEqual(['mentioned']);
    // Ann mentioned herself: nothing.
    expect(await center.list(ann.id)).toEqual([]);
    // A comment on Eve's post without a mention: "commented".
    tick();
    await comments.add(bob, P, { body: 'Looks good' });
    expect((await center.list(eve.id)).map((n) => n.kind)).toEqual(['commented', 'mentioned']);
    expect(await center.unreadCount(eve.id)).toBe(2);
    const [latest] = await center.list(eve.id);
    expect(await center.markRead(bob.id, [latest?.id as string])).toBe(0);
    expect(await center.markRead(eve.id, [latest?.id as string])).toBe(1);
    expect((await center.list(eve.id, { unreadOnly: true })).map((n) => n.kind)).toEqual(['mentioned']);
    expect(await center.markAllRead(eve.id)).toBe(1);
    expect(await center.unreadCount(eve.id)).toBe(0);
    expect(await center.markUnread(eve.id, [latest?.id as string])).toBe(1);
    expect(await center.unreadCount(eve.id)).toBe(1);
    // An edit that adds a mention tells only the newcomer.
    await comments.edit(ann, c.id, '@Bob and @Eve and @Adam: please check');
    expect((await center.list(admin.id)).map((n) => n.kind)).toEqual(['mentioned']);
    expect((await center.list(bob.id)).length).toBe(1);
  });

  it('sends one email for an @mention, to the right address with a link to the comment', async () => {
    const center = new NotificationCenter(db().pool, {
      now,
      email: {
        mailer: smtpMailer({ host: sink.host, port: sink.port, from: 'Kairos <kairos@example.org>', timeoutMs: 3000 }),
        linkBase: 'https://kairos.example.org/',
      },
    });
    const comments = inApp(center);
    const before = sink.messages.length;
    // Ann comments on Eve's post mentioning Eve: one notification, so one email.
    const c = await comments.add(ann, P, { body: 'Can you shorten part two, @eve?' });
    await center.drain();
    const messages = await sink.waitFor(before + 1);
    expect(messages.length).toBe(before + 1);
    const m = messages[before];
    expect(m?.to).toEqual(['u_eve@example.org']);
    expect(m?.from).toBe('kairos@example.org');
    expect(m?.headers.subject).toBe('You were mentioned in a comment');
    expect(m?.body).toContain(`https://kairos.example.org/posts/${P}#comment-${c.id}`);
    expect(m?.body).toContain('Ann Lee mentioned you: “Can you shorten part two, @eve?”');
    const [n] = await center.list(eve.id);
    expect(n?.email).toEqual({ state: 'sent', to: 'u_eve@example.org', error: null });
    // Nothing left to send, so a second pass sends nothing.
    expect(await center.deliverPending()).toBe(0);
    expect(sink.messages.length).toBe(before + 1);
  });

  it('records an unreachable mail server as a failed email with the reason, and keeps the notification in the app', async () => {
    // A port that was free a moment ago: nothing listens there.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const center = new NotificationCenter(db().pool, {
      now,
      email: {
        mailer: smtpMailer({
          host: '127.0.0.1',
          port: closed,
          from: 'kairos@example.org',
          user: 'team',
          password: 's3cret-pass',
          timeoutMs: 2000,
        }),
        linkBase: 'https://kairos.example.org',
      },
    });
    const comments = inApp(center);
    await comments.add(ann, P, { body: '@Bob have a look' });
    await center.drain();
    const [n] = await center.list(bob.id);
    expect(n).toMatchObject({ kind: 'mentioned', readAt: null, email: { state: 'failed', to: 'u_bob@example.org' } });
    expect(n?.email.error).toBe(
      `The mail server at 127.0.0.1:${closed} refused the connection. Check the SMTP host and port in the workspace's email settings, and that the server is running.`,
    );
    expect(n?.email.error).not.toContain('s3cret-pass');
    expect(await center.unreadCount(bob.id)).toBe(1);
  });
});
