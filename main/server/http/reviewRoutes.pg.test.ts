// The review workflow's HTTP routes against a real PostgreSQL: roles, status codes and bad input for rules, review
// state, decisions, comments, history, review links (members' and public routes), notifications, the change signals
// on /api/events (across two server processes' worth of listeners) and the built pages.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { type CallInit, callServer, joinAs, type Person, refused, setUpOwner, value } from '../../testing/workspaceCalls';
import { seedAccount, seedPost } from '../../testing/workspaceSeed';
import { WorkspaceAuth } from '../auth/auth';
import { migratePg } from '../pg/migrate';
import { createReviewWorkflow, type ReviewWorkflow } from '../workspace/workflow';
import { postIdOfReviewToken } from './reviewRoutes';
import { startWorkspaceServer, type WorkspaceServer } from './workspaceServer';

const db = databaseForThisFile('review_routes');
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const SETUP = 'setup-code-for-the-review-tests-0123';
const PASSWORD = 'correct horse battery';
const KEY = Buffer.alloc(32, 7);

let clock = Date.parse('2026-03-01T10:00:00Z');
// Each reading moves on a second, so rows made one after the other keep their order.
const now = () => {
  clock += 1000;
  return new Date(clock);
};
let server: WorkspaceServer;
let workflow: ReviewWorkflow;
const extra: WorkspaceServer[] = [];
let pages: string;

const call = (path: string, init: CallInit = {}, base: WorkspaceServer = server) => callServer(base.url, path, init);

const people: Record<string, Person> = {};

async function enrol(role: string, name: string): Promise<void> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@example.org`;
  people[role] = await joinAs(server.url, people.owner?.cookie as string, { role, email, displayName: name, password: PASSWORD });
}

const as = (role: string) => people[role]?.cookie as string;

beforeAll(async () => {
  const pool = db().pool;
  await migratePg(pool);
  pages = mkdtempSync(join(tmpdir(), 'kairos-pages-'));
  mkdirSync(join(pages, 'assets'));
  for (const p of ['home', 'setup', 'sign-in', 'join', 'review', 'post'])
    writeFileSync(join(pages, `${p}.html`), `<!doctype html><title>${p}</title>`);
  writeFileSync(join(pages, 'assets', 'review-abc.js'), 'console.log(1)');
  writeFileSync(join(pages, 'secret.txt'), 'not an asset');
  workflow = createReviewWorkflow(pool, { linkKey: KEY, now });
  server = await startWorkspaceServer({
    pool,
    auth: new WorkspaceAuth(pool, { scrypt: FAST }),
    port: 0,
    host: '127.0.0.1',
    trustProxy: false,
    setupToken: SETUP,
    review: workflow,
    pagesDir: pages,
  });
  people.owner = await setUpOwner(server.url, { setupCode: SETUP, email: 'olga@example.org', displayName: 'Olga', password: PASSWORD });
  await enrol('admin', 'Adam');
  await enrol('editor', 'Edith');
  await enrol('approver', 'Ann Lee');
  await enrol('viewer', 'Vic');
  await seedAccount(pool, 'acc_m', 'mastodon', 'Kairos on Mastodon');
  await seedAccount(pool, 'acc_b', 'bluesky', 'Kairos on Bluesky');
  await seedPost(pool, { id: 'post_1', text: 'Launch day', parts: ['Second part'], labels: ['launch'], accounts: ['acc_m', 'acc_b'] });
  await pool.query(`UPDATE targets SET text_override = 'Launch day, Bluesky words' WHERE post_id = 'post_1' AND account_id = 'acc_b'`);
  // Edith wrote post_1: she may submit it, not approve it.
  await pool.query('UPDATE posts SET author_id = $1, revised_by = $1 WHERE id = $2', [people.editor?.id, 'post_1']);
  for (const id of ['post_2', 'post_3', 'post_4']) await seedPost(db().pool, { id, text: `Post ${id}`, accounts: ['acc_m'] });
}, 60_000);

afterAll(async () => {
  for (const s of extra) await s.close();
  await server?.close();
  await workflow?.notifications.drain();
  rmSync(pages, { recursive: true, force: true });
});

describe('approval rules', () => {
  it('are read by every member and set or removed only by admins and owners', async () => {
    refused(await call('/api/review/rules'), 401, 'signed_out');
    refused(
      await call('/api/review/rules', { cookie: as('editor'), body: { scope: 'label', label: 'launch', approvalsNeeded: 1 } }),
      403,
      'forbidden',
    );
    refused(
      await call('/api/review/rules', { cookie: as('approver'), body: { scope: 'label', label: 'launch', approvalsNeeded: 1 } }),
      403,
      'forbidden',
    );
    const set = await call('/api/review/rules', { cookie: as('admin'), body: { scope: 'label', label: 'launch', approvalsNeeded: 1 } });
    expect(set.status).toBe(201);
    expect(value(set)).toMatchObject({ scope: { scope: 'label', label: 'launch' }, approvalsNeeded: 1 });
    const acc = await call('/api/review/rules', {
      cookie: as('owner'),
      body: { scope: 'account', accountId: 'acc_m', approvalsNeeded: 2 },
    });
    expect(acc.status).toBe(201);
    expect(value(await call('/api/review/rules', { cookie: as('viewer') }))).toHaveLength(2);
    refused(
      await call('/api/review/rules/remove', { cookie: as('editor'), body: { scope: 'account', accountId: 'acc_m' } }),
      403,
      'forbidden',
    );
    expect(value(await call('/api/review/rules/remove', { cookie: as('owner'), body: { scope: 'account', accountId: 'acc_m' } }))).toEqual({
      removed: true,
    });
    expect(value(await call('/api/review/rules/remove', { cookie: as('owner'), body: { scope: 'account', accountId: 'acc_m' } }))).toEqual({
      removed: false,
    });
    expect(value(await call('/api/review/rules', { cookie: as('viewer') }))).toHaveLength(1);
  });

  it('refuses bad input, other sites and non-JSON bodies', async () => {
    const owner = as('owner');
    refused(await call('/api/review/rules', { cookie: owner, body: { scope: 'team', approvalsNeeded: 1 } }), 400, 'invalid_input');
    refused(await call('/api/review/rules', { cookie: owner, body: { scope: 'label', label: 'x' } }), 400, 'invalid_input');
    refused(
      await call('/api/review/rules', { cookie: owner, body: { scope: 'label', label: 'x', approvalsNeeded: 3 } }),
      400,
      'rule_invalid',
    );
    refused(
      await call('/api/review/rules', { cookie: owner, body: { scope: 'account', accountId: 'acc_none', approvalsNeeded: 1 } }),
      400,
      'rule_invalid',
    );
    refused(await call('/api/review/rules', { cookie: owner, body: '{not json' }), 400, 'invalid_input');
    refused(
      await call('/api/review/rules', { cookie: owner, body: { scope: 'label', label: 'x', approvalsNeeded: 1 }, origin: null }),
      403,
      'cross_site',
    );
    refused(
      await call('/api/review/rules', {
        cookie: owner,
        body: { scope: 'label', label: 'x', approvalsNeeded: 1 },
        origin: 'https://evil.example',
      }),
      403,
      'cross_site',
    );
    refused(await call('/api/review/rules', { cookie: owner, body: 'scope=label', type: 'text/plain' }), 415, 'invalid_input');
    expect(value(await call('/api/review/rules', { cookie: owner }))).toHaveLength(1);
  });
});

describe('a post in review', () => {
  it('shows the post, its networks, its state and what the caller may do', async () => {
    refused(await call('/api/review/posts/post_none', { cookie: as('viewer') }), 404, 'post_unknown');
    const seen = value(await call('/api/review/posts/post_1', { cookie: as('viewer') }));
    expect(seen.post).toMatchObject({ id: 'post_1', text: 'Launch day', parts: ['Second part'], labels: ['launch'] });
    expect(seen.networks.map((n: { platform: string; text: string }) => [n.platform, n.text])).toEqual([
      ['mastodon', 'Launch day'],
      ['bluesky', 'Launch day, Bluesky words'],
    ]);
    expect(seen.status).toMatchObject({ postId: 'post_1', approvalsNeeded: 1, publish: { allowed: false } });
    expect(seen.may).toMatchObject({ submit: false, decide: false, comment: false, links: false });
    expect(value(await call('/api/review/posts/post_1', { cookie: as('editor') })).may).toMatchObject({
      submit: true,
      decide: false,
      links: true,
    });
    expect(value(await call('/api/review/posts/post_1', { cookie: as('approver') })).may).toMatchObject({ submit: false, decide: true });
  });

  it('is submitted by editors, decided by approvers, never by its author, and a request for changes needs a note', async () => {
    refused(await call('/api/review/posts/post_1/submit', { cookie: as('viewer'), body: {} }), 403, 'forbidden');
    refused(await call('/api/review/posts/post_1/submit', { cookie: as('approver'), body: {} }), 403, 'forbidden');
    refused(await call('/api/review/posts/post_none/submit', { cookie: as('editor'), body: {} }), 404, 'post_unknown');
    refused(await call('/api/review/posts/post_1/approve', { cookie: as('approver'), body: {} }), 409, 'wrong_state');
    const submitted = await call('/api/review/posts/post_1/submit', { cookie: as('editor'), body: { note: 'For Friday' } });
    expect(value(submitted)).toMatchObject({ state: 'in_review' });
    refused(await call('/api/review/posts/post_1/submit', { cookie: as('editor'), body: {} }), 409, 'wrong_state');

    refused(await call('/api/review/posts/post_1/approve', { cookie: as('editor'), body: {} }), 403, 'forbidden');
    refused(await call('/api/review/posts/post_1/approve', { cookie: as('viewer'), body: {} }), 403, 'forbidden');
    await db().pool.query(`UPDATE users SET role = 'approver' WHERE id = $1`, [people.editor?.id]);
    refused(await call('/api/review/posts/post_1/approve', { cookie: as('editor'), body: {} }), 403, 'own_post');
    await db().pool.query(`UPDATE users SET role = 'editor' WHERE id = $1`, [people.editor?.id]);

    refused(await call('/api/review/posts/post_1/request-changes', { cookie: as('approver'), body: {} }), 400, 'invalid_input');
    refused(await call('/api/review/posts/post_1/request-changes', { cookie: as('approver'), body: { note: 7 } }), 400, 'invalid_input');
    const changes = await call('/api/review/posts/post_1/request-changes', { cookie: as('approver'), body: { note: 'Say which day' } });
    expect(value(changes)).toMatchObject({ state: 'changes_requested' });
    refused(await call('/api/review/posts/post_1/approve', { cookie: as('approver'), body: {} }), 409, 'wrong_state');
    value(await call('/api/review/posts/post_1/submit', { cookie: as('editor'), body: {} }));
    const approved = value(await call('/api/review/posts/post_1/approve', { cookie: as('approver'), body: { note: 'Good' } }));
    expect(approved).toMatchObject({ state: 'approved', approvals: [{ name: 'Ann Lee', external: false }], publish: { allowed: true } });
    refused(await call('/api/review/posts/post_1/approve', { cookie: as('owner'), body: { note: 1 } }), 400, 'invalid_input');
  });

  it('keeps the history of every step', async () => {
    refused(await call('/api/review/posts/post_1/history'), 401, 'signed_out');
    const history = value(await call('/api/review/posts/post_1/history', { cookie: as('viewer') }));
    expect(history.map((e: { action: string; actorName: string }) => `${e.action} ${e.actorName}`)).toEqual([
      'review.submitted Edith',
      'review.changes_requested Ann Lee',
      'review.submitted Edith',
      'review.approved Ann Lee',
    ]);
    expect(history[1].detail).toMatchObject({ note: 'Say which day' });
  });
});

describe('comments', () => {
  it('are added by anyone but viewers, with @mentions, on the post or one part, and listed', async () => {
    refused(await call('/api/review/posts/post_2/comments', { cookie: as('viewer'), body: { body: 'Hi' } }), 403, 'forbidden');
    refused(await call('/api/review/posts/post_2/comments', { cookie: as('approver'), body: { body: '   ' } }), 400, 'comment_invalid');
    refused(
      await call('/api/review/posts/post_2/comments', { cookie: as('approver'), body: { body: 'x'.repeat(5001) } }),
      400,
      'comment_invalid',
    );
    refused(await call('/api/review/posts/post_2/comments', { cookie: as('approver'), body: {} }), 400, 'invalid_input');
    refused(
      await call('/api/review/posts/post_2/comments', { cookie: as('approver'), body: { body: 'Hi', partIndex: 3 } }),
      400,
      'comment_invalid',
    );
    refused(
      await call('/api/review/posts/post_2/comments', { cookie: as('approver'), body: { body: 'Hi', partIndex: -1 } }),
      400,
      'invalid_input',
    );
    refused(await call('/api/review/posts/post_none/comments', { cookie: as('approver'), body: { body: 'Hi' } }), 404, 'post_unknown');
    refused(await call('/api/review/posts/post_none/comments', { cookie: as('viewer') }), 404, 'post_unknown');
    const added = await call('/api/review/posts/post_2/comments', {
      cookie: as('approver'),
      body: { body: '@Edith the date is wrong', partIndex: 0 },
    });
    expect(added.status).toBe(201);
    const comment = value(added);
    expect(comment).toMatchObject({ partIndex: 0, authorName: 'Ann Lee', mentions: [{ userId: people.editor?.id, name: 'Edith' }] });
    const reply = value(
      await call('/api/review/posts/post_2/comments', { cookie: as('editor'), body: { body: 'Fixed', replyTo: comment.id } }),
    );
    expect(reply.replyTo).toBe(comment.id);
    refused(
      await call('/api/review/posts/post_2/comments', { cookie: as('editor'), body: { body: 'x', replyTo: 'cmt_none' } }),
      404,
      'comment_unknown',
    );
    const list = value(await call('/api/review/posts/post_2/comments', { cookie: as('viewer') }));
    expect(list.map((c: { body: string }) => c.body)).toEqual(['@Edith the date is wrong', 'Fixed']);
  });

  it('are edited only by their author, resolved and reopened by anyone but viewers, deleted by the author or an admin', async () => {
    const [first, second] = value(await call('/api/review/posts/post_2/comments', { cookie: as('viewer') }));
    refused(
      await call(`/api/review/comments/${first.id}/edit`, { cookie: as('editor'), body: { body: 'Mine now' } }),
      403,
      'not_comment_author',
    );
    refused(await call(`/api/review/comments/${first.id}/edit`, { cookie: as('approver'), body: {} }), 400, 'invalid_input');
    refused(await call('/api/review/comments/cmt_none/edit', { cookie: as('approver'), body: { body: 'x' } }), 404, 'comment_unknown');
    const edited = value(
      await call(`/api/review/comments/${first.id}/edit`, { cookie: as('approver'), body: { body: 'The date is wrong, @Vic' } }),
    );
    expect(edited).toMatchObject({ body: 'The date is wrong, @Vic', mentions: [{ name: 'Vic' }] });
    expect(edited.editedAt).not.toBeNull();

    refused(await call(`/api/review/comments/${first.id}/resolve`, { cookie: as('viewer'), body: { resolved: true } }), 403, 'forbidden');
    refused(await call(`/api/review/comments/${first.id}/resolve`, { cookie: as('editor'), body: {} }), 400, 'invalid_input');
    expect(
      value(await call(`/api/review/comments/${first.id}/resolve`, { cookie: as('editor'), body: { resolved: true } })).resolvedBy,
    ).toBe(people.editor?.id);
    expect(
      value(await call(`/api/review/comments/${first.id}/resolve`, { cookie: as('editor'), body: { resolved: false } })).resolvedAt,
    ).toBeNull();

    refused(await call(`/api/review/comments/${second.id}/delete`, { cookie: as('approver'), body: {} }), 403, 'not_comment_author');
    expect(value(await call(`/api/review/comments/${second.id}/delete`, { cookie: as('admin'), body: {} }))).toEqual({ deleted: true });
    refused(await call(`/api/review/comments/${second.id}/delete`, { cookie: as('admin'), body: {} }), 410, 'comment_deleted');
    const versions = value(await call(`/api/review/comments/${first.id}/versions`, { cookie: as('viewer') }));
    expect(versions.map((v: { action: string; body: string }) => `${v.action}: ${v.body}`)).toEqual([
      'added: @Edith the date is wrong',
      'edited: The date is wrong, @Vic',
    ]);
    refused(await call('/api/review/comments/cmt_none/versions', { cookie: as('viewer') }), 404, 'comment_unknown');
    refused(await call(`/api/review/comments/${first.id}/resolve`, { cookie: as('editor') }), 405, 'method_not_allowed');
  });
});

describe('review links', () => {
  it('are made, listed and revoked by editors, admins and owners only, and say their address', async () => {
    refused(await call('/api/review/posts/post_3/links', { cookie: as('viewer'), body: {} }), 403, 'forbidden');
    refused(await call('/api/review/posts/post_3/links', { cookie: as('approver'), body: {} }), 403, 'forbidden');
    refused(await call('/api/review/posts/post_3/links', { cookie: as('approver') }), 403, 'forbidden');
    refused(await call('/api/review/posts/post_3/links', { cookie: as('editor'), body: { expiresInDays: 91 } }), 400, 'invalid_input');
    refused(await call('/api/review/posts/post_3/links', { cookie: as('editor'), body: { expiresInDays: '3' } }), 400, 'invalid_input');
    refused(await call('/api/review/posts/post_3/links', { cookie: as('editor'), body: { canApprove: 'yes' } }), 400, 'invalid_input');
    refused(await call('/api/review/posts/post_none/links', { cookie: as('editor'), body: {} }), 404, 'post_unknown');
    const made = await call('/api/review/posts/post_3/links', { cookie: as('editor'), body: { expiresInDays: 2, reviewerName: 'Carla' } });
    expect(made.status).toBe(201);
    const link = value(made);
    expect(link.link).toBe(`${server.url}/review#token=${link.token}`);
    expect(postIdOfReviewToken(link.token)).toBe('post_3');
    const listed = value(await call('/api/review/posts/post_3/links', { cookie: as('admin') }));
    expect(listed).toMatchObject([{ id: link.id, reviewerName: 'Carla', canApprove: true, revokedAt: null, uses: [] }]);
    expect(Date.parse(listed[0].expiresAt) - Date.parse(listed[0].createdAt)).toBe(2 * 86_400_000);
    expect(JSON.stringify(listed)).not.toContain(link.token);
    refused(await call(`/api/review/links/${link.id}/revoke`, { cookie: as('approver'), body: {} }), 403, 'forbidden');
    refused(await call('/api/review/links/rvl_none/revoke', { cookie: as('editor'), body: {} }), 404, 'link_invalid');
  });

  it('let a reviewer without an account read the post, comment and approve once each, every use logged', async () => {
    value(await call('/api/review/posts/post_3/submit', { cookie: as('editor'), body: {} }));
    const link = value(await call('/api/review/posts/post_3/links', { cookie: as('editor'), body: {} }));
    const token = link.token as string;
    const view = value(await call('/api/review-link/open', { body: { token } }));
    expect(view).toMatchObject({
      post: { id: 'post_3', text: 'Post post_3', approvalState: 'in_review' },
      networks: [{ platform: 'mastodon' }],
    });
    expect(view.link).toMatchObject({ canApprove: true, reviewerName: null });
    refused(await call('/api/review-link/open', { body: {} }), 400, 'invalid_input');
    refused(await call('/api/review-link/open', { body: { token: 'not.a-token' } }), 404, 'link_invalid');
    refused(await call('/api/review-link/open', { body: { token }, origin: 'https://evil.example' }), 403, 'cross_site');
    refused(await call('/api/review-link/comment', { body: { token, body: 'Nice' } }), 400, 'reviewer_name_missing');
    const comment = await call('/api/review-link/comment', { body: { token, name: 'Carla (client)', body: 'Nice, @Edith' } });
    expect(comment.status).toBe(201);
    expect(value(comment)).toMatchObject({ authorName: 'Carla (client)', external: true, authorId: null });
    refused(await call('/api/review-link/request-changes', { body: { token, name: 'Carla' } }), 400, 'invalid_input');
    expect(value(await call('/api/review-link/approve', { body: { token, name: 'Carla (client)' } }))).toEqual({ decided: 'approved' });
    refused(await call('/api/review-link/approve', { body: { token, name: 'Someone else' } }), 409, 'already_decided');
    refused(await call('/api/review-link/vote', { body: { token } }), 404, 'not_found');

    const status = value(await call('/api/review/posts/post_3', { cookie: as('viewer') })).status;
    expect(status).toMatchObject({ state: 'approved', approvals: [{ name: 'Carla (client)', external: true }] });
    const [listed] = value(await call('/api/review/posts/post_3/links', { cookie: as('editor') })).filter(
      (l: { id: string }) => l.id === link.id,
    );
    expect(listed.uses.map((u: { action: string }) => u.action)).toEqual(['viewed', 'refused', 'commented', 'approved', 'refused']);
    const history = value(await call('/api/review/posts/post_3/history', { cookie: as('viewer') }));
    expect(
      history.filter((e: { reviewLinkId: string | null }) => e.reviewLinkId === link.id).map((e: { action: string }) => e.action),
    ).toEqual(['review_link.created', 'comment.added', 'review.approved']);
  });

  it('stop working once revoked or expired, and a read-only link does not approve', async () => {
    const revoked = value(await call('/api/review/posts/post_4/links', { cookie: as('editor'), body: {} }));
    expect(value(await call(`/api/review/links/${revoked.id}/revoke`, { cookie: as('owner'), body: {} }))).toEqual({ revoked: true });
    refused(await call('/api/review-link/open', { body: { token: revoked.token } }), 410, 'link_revoked');
    const readOnly = value(
      await call('/api/review/posts/post_4/links', { cookie: as('editor'), body: { canApprove: false, expiresInHours: 1 } }),
    );
    value(await call('/api/review/posts/post_4/submit', { cookie: as('editor'), body: {} }));
    refused(await call('/api/review-link/approve', { body: { token: readOnly.token, name: 'Carla' } }), 403, 'link_cannot_approve');
    clock += 2 * 3_600_000;
    refused(await call('/api/review-link/open', { body: { token: readOnly.token } }), 410, 'link_expired');
  });
});

describe('notifications', () => {
  it('are each person’s own, counted, and marked read or unread', async () => {
    refused(await call('/api/notifications'), 401, 'signed_out');
    const mine = value(await call('/api/notifications', { cookie: as('editor') }));
    const kinds = mine.items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['changes_requested', 'approved', 'mentioned']));
    expect(mine.unread).toBe(mine.items.length);
    const first = mine.items[0].id as string;
    refused(await call('/api/notifications/read', { cookie: as('editor'), body: {} }), 400, 'invalid_input');
    refused(await call('/api/notifications/read', { cookie: as('editor'), body: { ids: [1] } }), 400, 'invalid_input');
    // Another person's ids change nothing.
    expect(value(await call('/api/notifications/read', { cookie: as('approver'), body: { ids: [first] } })).changed).toBe(0);
    expect(value(await call('/api/notifications/read', { cookie: as('editor'), body: { ids: [first] } }))).toEqual({
      changed: 1,
      unread: mine.unread - 1,
    });
    expect(value(await call('/api/notifications?unread=1', { cookie: as('editor') })).items).toHaveLength(mine.unread - 1);
    expect(value(await call('/api/notifications/unread', { cookie: as('editor'), body: { ids: [first] } })).unread).toBe(mine.unread);
    expect(value(await call('/api/notifications/read', { cookie: as('editor'), body: { all: true } })).unread).toBe(0);
    expect(value(await call('/api/notifications/unread-count', { cookie: as('editor') }))).toEqual({ unread: 0 });
  });

  it('lists the people one can @mention', async () => {
    refused(await call('/api/review/members'), 401, 'signed_out');
    const members = value(await call('/api/review/members', { cookie: as('viewer') }));
    expect(members.map((m: { displayName: string; handle: string }) => `${m.displayName} ${m.handle}`)).toEqual([
      'Adam adam',
      'Ann Lee ann.lee',
      'Edith edith',
      'Olga olga',
      'Vic vic',
    ]);
  });
});

/** Reads server-sent events until `want` matches one, or the time is up. */
/** Another server process of this workspace, on the same database; without a review workflow (and so pages) if asked. */
async function anotherProcess(o: { review?: boolean } = {}): Promise<WorkspaceServer> {
  const pool = db().pool;
  const other = await startWorkspaceServer({
    pool,
    auth: new WorkspaceAuth(pool, { scrypt: FAST }),
    port: 0,
    host: '127.0.0.1',
    trustProxy: false,
    setupToken: null,
    ...(o.review === false ? {} : { review: createReviewWorkflow(pool, { linkKey: KEY, now }) }),
  });
  extra.push(other);
  return other;
}

async function nextEvents(base: string, cookie: string, act: () => Promise<unknown>, want: RegExp, ms = 5_000): Promise<string> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie }, signal: abort.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let seen = decoder.decode((await reader.read()).value);
  await act();
  const deadline = Date.now() + ms;
  try {
    while (!want.test(seen) && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      seen += decoder.decode(chunk.value);
    }
  } finally {
    abort.abort();
  }
  return seen;
}

describe('change signals on /api/events', () => {
  it('tell every open page of a changed review, and only the people concerned of their notifications, from any process', async () => {
    const pool = db().pool;
    // A second server process's worth of listening, on the same database: it hears what the first one did.
    const other = await anotherProcess();
    await seedPost(pool, { id: 'post_5', text: 'Signals', accounts: ['acc_m'] });
    const submit = () => call('/api/review/posts/post_5/submit', { cookie: as('editor'), body: {} });
    const both = /^(?=[\s\S]*review\.changed)(?=[\s\S]*notifications\.changed)/;
    const approverSees = await nextEvents(other.url, as('approver'), submit, both);
    expect(approverSees).toContain('event: workspace\ndata: {"type":"review.changed","postId":"post_5"}');
    expect(approverSees).toContain('event: workspace\ndata: {"type":"notifications.changed"}');

    const comment = () => call('/api/review/posts/post_5/comments', { cookie: as('approver'), body: { body: 'Looks fine' } });
    const viewerSees = await nextEvents(server.url, as('viewer'), comment, /review\.changed/);
    expect(viewerSees).toContain('"postId":"post_5"');
    // The post has no author, so nobody was told of the comment; the viewer never hears of others' notifications.
    await new Promise((r) => setTimeout(r, 300));
    expect(viewerSees).not.toContain('notifications.changed');
  });

  it('tell every open page that the approval rules changed, from any process; a removal of no rule tells no one', async () => {
    const other = await anotherProcess();
    const scope = { scope: 'label', label: 'signals' };
    const frame = 'event: workspace\ndata: {"type":"rules.changed"}';
    const set = () => call('/api/review/rules', { cookie: as('admin'), body: { ...scope, approvalsNeeded: 2 } });
    expect(await nextEvents(other.url, as('viewer'), set, /rules\.changed/)).toContain(frame);
    const remove = () => call('/api/review/rules/remove', { cookie: as('owner'), body: scope });
    expect(await nextEvents(other.url, as('editor'), remove, /rules\.changed/)).toContain(frame);
    // Removing it again removes nothing, and says nothing changed.
    expect(await nextEvents(other.url, as('editor'), remove, /rules\.changed/, 600)).not.toContain('rules.changed');
  });
});

describe('the web pages', () => {
  it('are served from the built folder with a strict policy; nothing else in it is', async () => {
    for (const [path, title] of [
      ['/', 'home'],
      ['/setup', 'setup'],
      ['/sign-in', 'sign-in'],
      ['/join', 'join'],
      ['/review', 'review'],
      ['/posts/post_1', 'post'],
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(await res.text()).toContain(`<title>${title}</title>`);
    }
    const asset = await fetch(`${server.url}/pages/assets/review-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of [
      '/pages/assets/../secret.txt',
      '/pages/assets/%2e%2e%2fsecret.txt',
      '/pages/assets/secret.txt',
      '/pages/assets/x.exe',
    ])
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    expect((await fetch(`${server.url}/setup`, { method: 'POST', headers: { origin: server.url } })).status).toBe(405);
  });

  it('say how to build them when they are not built', async () => {
    const bare = await anotherProcess({ review: false });
    refused(await call('/sign-in', {}, bare), 404, 'pages_not_built');
    // Without the review workflow its routes say so.
    refused(await call('/api/review/rules', { cookie: as('viewer') }, bare), 503, 'not_available');
  });
});
