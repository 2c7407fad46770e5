// Review links for reviewers without an account, against a real PostgreSQL: signed, single-post, expiring,
// revocable, every use logged; read the post per network, approve or comment under a typed name.

import { randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { refusal, seedAccount, seedMember, seedPost } from '../../testing/workspaceSeed';
import { migratePg } from '../pg/migrate';
import { WorkspaceApprovals } from './approvals';
import { postHistory } from './audit';
import { WorkspaceComments } from './comments';
import type { Member } from './db';
import { NotificationCenter } from './notifications';
import { ReviewLinks } from './reviewLinks';

const db = databaseForThisFile('review_links');
let clock = new Date('2026-03-02T08:00:00Z');
const now = () => clock;
const HOUR = 3_600_000;
const KEY = randomBytes(32);
const from = { address: '198.51.100.4', userAgent: 'Firefox' };
let eve: Member;
let viewer: Member;
let seq = 0;
let P = '';
let notifications: NotificationCenter;
let approvals: WorkspaceApprovals;
let links: ReviewLinks;

beforeAll(async () => {
  await migratePg(db().pool);
});

beforeEach(async () => {
  clock = new Date('2026-03-02T08:00:00Z');
  const pool = db().pool;
  await pool.query('TRUNCATE users, accounts, posts, approval_rules, notifications CASCADE');
  eve = await seedMember(pool, 'u_eve', 'Eve', 'editor');
  viewer = await seedMember(pool, 'u_vic', 'Vic', 'viewer');
  await seedAccount(pool, 'acc_m', 'mastodon', 'Brand on Mastodon');
  await seedAccount(pool, 'acc_b', 'bluesky', 'Brand on Bluesky');
  P = `post${++seq}`;
  await seedPost(pool, { id: P, text: 'Big news tomorrow', parts: ['More soon'], accounts: ['acc_m', 'acc_b'] });
  await seedPost(pool, { id: `${P}_other`, text: 'Another post', accounts: ['acc_m'] });
  await pool.query(`UPDATE targets SET text_override = 'Big news tomorrow #fediverse' WHERE post_id = $1 AND account_id = 'acc_m'`, [P]);
  await pool.query(
    `INSERT INTO media (id, post_id, part_index, file_name, mime, bytes, width, height, alt, stored_name, created_at)
     VALUES ($1, $2, 0, 'teaser.png', 'image/png', 10, 800, 600, 'A teaser', 's', now())`,
    [`${P}_m`, P],
  );
  notifications = new NotificationCenter(pool, { now });
  approvals = new WorkspaceApprovals(pool, { now, notifications });
  const comments = new WorkspaceComments(pool, { now, notifications });
  links = new ReviewLinks(pool, { key: KEY, now, approvals, comments, notifications });
  await approvals.setRule(await seedMember(pool, 'u_own', 'Olga', 'owner'), { scope: 'account', accountId: 'acc_m' }, 1);
  await approvals.recordCreated(pool, eve, P);
  await approvals.submit(eve, P);
});

async function uses(linkId: string): Promise<string[]> {
  const [info] = (await links.list(P)).filter((l) => l.id === linkId);
  return (info?.uses ?? []).map((u) => `${u.action}@${u.address}`);
}

describe('review links', () => {
  it('show the post with its thread, media and each network’s own text; each view is logged', async () => {
    expect((await refusal(links.create(viewer, P))).code).toBe('not_allowed');
    const link = await links.create(eve, P, { reviewerName: 'Client Co' });
    expect(link.expiresAt).toEqual(new Date(clock.getTime() + 7 * 24 * HOUR));
    const view = await links.open(link.token, P, from);
    expect(view.post).toMatchObject({ id: P, text: 'Big news tomorrow', parts: ['More soon'], revision: 1, approvalState: 'in_review' });
    expect(view.networks.map((n) => [n.platform, n.accountName, n.text])).toEqual([
      ['mastodon', 'Brand on Mastodon', 'Big news tomorrow #fediverse'],
      ['bluesky', 'Brand on Bluesky', 'Big news tomorrow'],
    ]);
    expect(view.media).toEqual([
      { id: `${P}_m`, partIndex: 0, fileName: 'teaser.png', mime: 'image/png', width: 800, height: 600, alt: 'A teaser' },
    ]);
    expect(view.link).toMatchObject({ reviewerName: 'Client Co', canApprove: true });
    expect(await uses(link.id)).toEqual(['viewed@198.51.100.4']);
    // Only the token's hash is stored.
    const { rows } = await db().pool.query('SELECT token_hash FROM review_links WHERE id = $1', [link.id]);
    expect(rows[0].token_hash).not.toContain(link.token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('approve under the typed name, marked external, which lets the post publish; the author is told', async () => {
    const link = await links.create(eve, P);
    expect((await refusal(links.approve(link.token, P, from, { name: '  ' }))).code).toBe('reviewer_name_missing');
    await links.approve(link.token, P, from, { name: 'Carla (client)', note: 'Go ahead' });
    const status = await approvals.status(P);
    expect(status).toMatchObject({ state: 'approved', approvals: [{ name: 'Carla (client)', userId: null, external: true }] });
    expect((await approvals.mayPublish(P)).allowed).toBe(true);
    expect((await notifications.list(eve.id))[0]?.summary).toBe('Carla (client) (external reviewer) approved “Big news tomorrow”.');
    expect(await uses(link.id)).toEqual(['refused@198.51.100.4', 'approved@198.51.100.4']);
    const approved = (await postHistory(db().pool, P)).find((h) => h.action === 'review.approved');
    expect(approved).toMatchObject({ actorName: 'Carla (client)', reviewLinkId: link.id, detail: { external: true, note: 'Go ahead' } });
  });

  it('comment under the typed name, marked external, on a part of the thread; a read-only link cannot approve', async () => {
    const link = await links.create(eve, P, { canApprove: false });
    const c = await links.comment(link.token, P, from, { name: 'Carla', body: 'Part two needs a date', partIndex: 1 });
    expect(c).toMatchObject({ authorName: 'Carla', authorId: null, external: true, partIndex: 1 });
    expect((await notifications.list(eve.id))[0]).toMatchObject({ kind: 'commented', commentId: c.id });
    expect(await refusal(links.approve(link.token, P, from, { name: 'Carla' }))).toEqual({
      code: 'link_cannot_approve',
      message: 'This review link lets you read and comment, not approve. Leave a comment instead.',
    });
    await links.requestChanges(link.token, P, from, { name: 'Carla' }).catch(() => undefined);
    expect((await approvals.status(P)).state).toBe('in_review');
    expect(await uses(link.id)).toEqual(['commented@198.51.100.4', 'refused@198.51.100.4', 'refused@198.51.100.4']);
  });

  it('refuse, with a clear reason, a link past its expiry, revoked, for another post, or not signed by this server', async () => {
    const short = await links.create(eve, P, { ttlMs: HOUR });
    clock = new Date(clock.getTime() + HOUR);
    expect(await refusal(links.open(short.token, P, from))).toEqual({
      code: 'link_expired',
      message: 'This review link expired on 2026-03-02T09:00:00.000Z. Ask the team for a new one.',
    });
    const link = await links.create(eve, P);
    expect(await refusal(links.open(link.token, `${P}_other`, from))).toEqual({
      code: 'link_other_post',
      message: 'This review link is for another post: it opens only the post it was made for.',
    });
    await links.open(link.token, P, from);
    await links.revoke(eve, link.id);
    expect((await refusal(links.open(link.token, P, from))).code).toBe('link_revoked');
    expect((await refusal(links.approve(link.token, P, from, { name: 'C' }))).code).toBe('link_revoked');
    expect(await uses(short.id)).toEqual(['refused@198.51.100.4']);
    expect(await uses(link.id)).toEqual(['refused@198.51.100.4', 'viewed@198.51.100.4', 'refused@198.51.100.4', 'refused@198.51.100.4']);

    // Tampered payload, tampered signature, another server's key, garbage: all "not valid", nothing logged.
    const fresh = await links.create(eve, P);
    const [payload, signature] = fresh.token.split('.') as [string, string];
    const otherPayload = Buffer.from(
      Buffer.from(payload, 'base64url')
        .toString()
        .replace(/\d{13}/, '9999999999999'),
    ).toString('base64url');
    const otherServer = new ReviewLinks(db().pool, {
      key: randomBytes(32),
      now,
      approvals,
      comments: new WorkspaceComments(db().pool, { now, notifications }),
      notifications,
    });
    for (const [token, links_] of [
      [`${otherPayload}.${signature}`, links],
      [`${payload}.${signature.slice(0, -2)}AA`, links],
      [fresh.token, otherServer],
      ['not-a-link', links],
    ] as const) {
      expect(await refusal(links_.open(token, P, from))).toEqual({
        code: 'link_invalid',
        message: 'This review link is not valid. Check that it was copied whole, or ask for a new one.',
      });
    }
    expect(await uses(fresh.id)).toEqual([]);
    expect(
      () =>
        new ReviewLinks(db().pool, {
          key: randomBytes(16),
          approvals,
          comments: new WorkspaceComments(db().pool, { notifications }),
          notifications,
        }),
    ).toThrow(/at least 32 bytes/);
  });

  it('stop working when their post is deleted, and the history keeps their creation and revocation', async () => {
    const link = await links.create(eve, P);
    await links.revoke(eve, link.id);
    const actions = (await postHistory(db().pool, P)).map((h) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['review_link.created', 'review_link.revoked']));
    const live = await links.create(eve, P);
    await db().pool.query('DELETE FROM posts WHERE id = $1', [P]);
    expect((await refusal(links.open(live.token, P, from))).message).toMatch(/not valid any more/);
  });
});
