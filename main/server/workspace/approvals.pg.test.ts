// The approval workflow against a real PostgreSQL: rules, states, revisions, who may decide, the scheduler's
// predicate inside a claim-shaped query, and the history it leaves.

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { refusal, seedAccount, seedMember, seedPost } from '../../testing/workspaceSeed';
import { migratePg } from '../pg/migrate';
import { WorkspaceApprovals } from './approvals';
import { postHistory } from './audit';
import type { Member } from './db';
import { NotificationCenter } from './notifications';

const db = databaseForThisFile('approvals');
let clock = new Date('2026-03-02T08:00:00Z');
const now = () => clock;
const tick = () => {
  clock = new Date(clock.getTime() + 1000);
};

let owner: Member;
let admin: Member;
let editor: Member;
let editor2: Member;
let ann: Member;
let bob: Member;
let viewer: Member;
let notifications: NotificationCenter;
let approvals: WorkspaceApprovals;

beforeAll(async () => {
  await migratePg(db().pool);
});

beforeEach(async () => {
  clock = new Date('2026-03-02T08:00:00Z');
  const pool = db().pool;
  await pool.query('TRUNCATE users, accounts, posts, approval_rules, notifications CASCADE');
  owner = await seedMember(pool, 'u_owner', 'Olga', 'owner');
  admin = await seedMember(pool, 'u_admin', 'Adam', 'admin');
  editor = await seedMember(pool, 'u_ed', 'Eve', 'editor');
  editor2 = await seedMember(pool, 'u_ed2', 'Ed', 'editor');
  ann = await seedMember(pool, 'u_ann', 'Ann', 'approver');
  bob = await seedMember(pool, 'u_bob', 'Bob', 'approver');
  viewer = await seedMember(pool, 'u_view', 'Vic', 'viewer');
  await seedAccount(pool, 'acc_brand');
  await seedAccount(pool, 'acc_free', 'discord');
  notifications = new NotificationCenter(pool, { now });
  approvals = new WorkspaceApprovals(pool, { now, notifications });
});

async function kinds(user: Member): Promise<string[]> {
  return (await notifications.list(user.id)).map((n) => `${n.kind}:${n.postId}`).sort();
}

describe('approval rules', () => {
  it('are set by admins and owners only, for one account or one label, with one or two approvers', async () => {
    expect((await refusal(approvals.setRule(editor, { scope: 'account', accountId: 'acc_brand' }, 1))).code).toBe('not_allowed');
    expect((await refusal(approvals.setRule(admin, { scope: 'label', label: 'legal' }, 3))).code).toBe('rule_invalid');
    expect((await refusal(approvals.setRule(admin, { scope: 'label', label: '  ' }, 1))).code).toBe('rule_invalid');
    expect((await refusal(approvals.setRule(admin, { scope: 'account', accountId: 'nope' }, 1))).message).toMatch(/not connected/);
    await approvals.setRule(admin, { scope: 'account', accountId: 'acc_brand' }, 1);
    // Setting it again replaces it.
    await approvals.setRule(owner, { scope: 'account', accountId: 'acc_brand' }, 2);
    await approvals.setRule(owner, { scope: 'label', label: 'legal' }, 1);
    expect((await approvals.listRules()).map((r) => [r.scope, r.approvalsNeeded])).toEqual([
      [{ scope: 'account', accountId: 'acc_brand' }, 2],
      [{ scope: 'label', label: 'legal' }, 1],
    ]);
    expect(await approvals.removeRule(admin, { scope: 'label', label: 'legal' })).toBe(true);
    expect(await approvals.removeRule(admin, { scope: 'label', label: 'legal' })).toBe(false);
    expect((await approvals.listRules()).length).toBe(1);
  });

  it('cover a post through any of its accounts or labels; the strictest wins; a post no rule covers may publish', async () => {
    await approvals.setRule(admin, { scope: 'account', accountId: 'acc_brand' }, 1);
    await approvals.setRule(admin, { scope: 'label', label: 'legal' }, 2);
    await seedPost(db().pool, { id: 'p_free', accounts: ['acc_free'] });
    await seedPost(db().pool, { id: 'p_brand', accounts: ['acc_free', 'acc_brand'] });
    await seedPost(db().pool, { id: 'p_legal', accounts: ['acc_brand'], labels: ['legal'] });
    expect((await approvals.status('p_free')).approvalsNeeded).toBe(0);
    expect((await approvals.status('p_brand')).approvalsNeeded).toBe(1);
    expect((await approvals.status('p_legal')).approvalsNeeded).toBe(2);
    expect(await approvals.mayPublish('p_free')).toEqual({ allowed: true, block: null, reason: '' });
    // A post that was scheduled before its account got a rule waits for approval too.
    expect(await approvals.mayPublish('p_brand')).toMatchObject({ allowed: false, block: 'not_submitted' });
    expect((await approvals.mayPublish('p_legal')).reason).toBe(
      'This post needs approval (2 different people) before it is published: submit it for review.',
    );
    expect(await approvals.mayPublish('gone')).toMatchObject({ allowed: false, block: 'no_post' });
  });
});

describe('the review of a post', () => {
  beforeEach(async () => {
    await approvals.setRule(admin, { scope: 'account', accountId: 'acc_brand' }, 1);
    await seedPost(db().pool, { id: 'p1', text: 'Spring sale starts Monday', accounts: ['acc_brand'] });
    await approvals.recordCreated(db().pool, editor, 'p1');
  });

  it('goes draft → in review → approved; approvers are told, then the author; only then may it publish', async () => {
    expect((await approvals.status('p1')).state).toBe('draft');
    expect((await approvals.mayPublish('p1')).block).toBe('not_submitted');
    expect((await refusal(approvals.submit(ann, 'p1'))).code).toBe('not_allowed');
    tick();
    const inReview = await approvals.submit(editor, 'p1', 'Please check the prices');
    expect(inReview).toMatchObject({ state: 'in_review', revision: 1, approvalsNeeded: 1, approvals: [] });
    expect(inReview.publish).toEqual({ allowed: false, block: 'in_review', reason: 'Waiting for approval: the post is in review.' });
    expect((await refusal(approvals.submit(editor, 'p1'))).code).toBe('wrong_state');
    // Everyone who may approve, except the author.
    for (const m of [ann, bob, admin, owner]) expect(await kinds(m)).toEqual(['review_requested:p1']);
    for (const m of [editor, editor2, viewer]) expect(await kinds(m)).toEqual([]);
    expect((await notifications.list(ann.id))[0]?.summary).toBe('Eve asks for your review of “Spring sale starts Monday”.');

    tick();
    const approved = await approvals.decide(ann, 'p1', 'approved');
    expect(approved).toMatchObject({ state: 'approved', approvals: [{ name: 'Ann', userId: 'u_ann', external: false }] });
    expect(approved.publish.allowed).toBe(true);
    expect(await approvals.mayPublish('p1')).toEqual({ allowed: true, block: null, reason: '' });
    expect(await kinds(editor)).toEqual(['approved:p1']);
  });

  it('lets only approvers, admins and owners decide, and never the author of the post or of its latest changes', async () => {
    await approvals.submit(editor, 'p1');
    expect((await refusal(approvals.decide(editor2, 'p1', 'approved'))).code).toBe('not_allowed');
    expect((await refusal(approvals.decide(viewer, 'p1', 'approved'))).message).toBe(
      'Your role (viewer) cannot do this in the workspace (approvals.decide).',
    );
    // An admin who edited it wrote its current revision: someone else approves.
    await db().pool.query(`UPDATE posts SET text = 'Spring sale starts Tuesday' WHERE id = 'p1'`);
    await approvals.recordEdit(db().pool, admin, 'p1');
    const own = await refusal(approvals.decide(admin, 'p1', 'approved'));
    expect(own).toEqual({ code: 'own_post', message: 'You wrote this post (or its latest changes), so someone else has to approve it.' });
    expect((await approvals.status('p1')).state).toBe('in_review');
    await approvals.decide(owner, 'p1', 'approved');
    expect((await approvals.mayPublish('p1')).allowed).toBe(true);
  });

  it('sends an approved post back to review when its content changes: a new revision, and old approvals no longer count', async () => {
    await approvals.submit(editor, 'p1');
    await approvals.decide(ann, 'p1', 'approved');
    await db().pool.query('TRUNCATE notifications');
    // Moving it in time is not a change of what was approved.
    await db().pool.query(`UPDATE posts SET scheduled_at = '2026-04-02T09:00:00Z' WHERE id = 'p1'`);
    expect(await approvals.recordEdit(db().pool, editor, 'p1')).toEqual({ revision: 1, state: 'approved', newRevision: false });
    expect((await approvals.mayPublish('p1')).allowed).toBe(true);

    await db().pool.query(`UPDATE targets SET text_override = 'Only on Mastodon: 30% off' WHERE post_id = 'p1'`);
    tick();
    expect(await approvals.recordEdit(db().pool, editor, 'p1')).toEqual({ revision: 2, state: 'in_review', newRevision: true });
    const status = await approvals.status('p1');
    expect(status).toMatchObject({ state: 'in_review', revision: 2, approvals: [] });
    expect(status.publish.allowed).toBe(false);
    expect(await kinds(ann)).toEqual(['review_requested:p1']);
    // The approval of revision 1 is still recorded, and counts for nothing now.
    const { rows } = await db().pool.query(`SELECT revision, user_id FROM approvals WHERE post_id = 'p1' AND decision = 'approved'`);
    expect(rows).toEqual([{ revision: 1, user_id: 'u_ann' }]);
    // Even forcing the state does not make revision 1's approval count for revision 2.
    await db().pool.query(`UPDATE posts SET approval_state = 'approved' WHERE id = 'p1'`);
    expect(await approvals.mayPublish('p1')).toEqual({
      allowed: false,
      block: 'not_enough_approvals',
      reason: 'This post needs 1 approvals of its current version and has 0.',
    });
  });

  it('with changes requested: the author is told, nobody decides until it is resubmitted, and a fix can then be approved', async () => {
    await approvals.submit(editor, 'p1');
    tick();
    const s = await approvals.decide(ann, 'p1', 'changes_requested', 'The date is wrong');
    expect(s.state).toBe('changes_requested');
    expect(s.publish.reason).toBe('Changes were requested: edit the post and submit it for review again.');
    const [told] = await notifications.list(editor.id);
    expect(told).toMatchObject({
      kind: 'changes_requested',
      summary: 'Ann requested changes to “Spring sale starts Monday”: The date is wrong',
    });
    expect((await refusal(approvals.decide(bob, 'p1', 'approved'))).code).toBe('wrong_state');
    await db().pool.query(`UPDATE posts SET text = 'Spring sale starts Tuesday' WHERE id = 'p1'`);
    expect(await approvals.recordEdit(db().pool, editor, 'p1')).toEqual({ revision: 2, state: 'changes_requested', newRevision: true });
    await approvals.submit(editor, 'p1');
    await approvals.decide(ann, 'p1', 'approved');
    expect(await approvals.status('p1')).toMatchObject({ state: 'approved', revision: 2 });
  });
});

describe('two different people', () => {
  beforeEach(async () => {
    await approvals.setRule(admin, { scope: 'label', label: 'legal' }, 2);
    await seedPost(db().pool, { id: 'p2', text: 'Terms update', labels: ['legal'], accounts: ['acc_free'] });
    await approvals.recordCreated(db().pool, editor, 'p2');
    await approvals.submit(editor, 'p2');
  });

  it('need two approvals by two people; the same person twice counts once; asking for changes withdraws one’s approval', async () => {
    const first = await approvals.decide(ann, 'p2', 'approved');
    expect(first).toMatchObject({ state: 'in_review', approvals: [{ name: 'Ann' }] });
    expect(first.publish.allowed).toBe(false);
    expect(await kinds(editor)).toEqual([]);
    expect(await refusal(approvals.decide(ann, 'p2', 'approved'))).toEqual({
      code: 'already_decided',
      message: 'You have already approved this version of the post.',
    });
    // Ann changes her mind: her approval is withdrawn.
    tick();
    await approvals.decide(ann, 'p2', 'changes_requested', 'Wait for legal');
    await approvals.submit(editor, 'p2');
    expect((await approvals.status('p2')).approvals).toEqual([]);
    tick();
    await approvals.decide(bob, 'p2', 'approved');
    expect((await approvals.mayPublish('p2')).allowed).toBe(false);
    tick();
    const done = await approvals.decide(ann, 'p2', 'approved');
    expect(done.state).toBe('approved');
    expect(done.approvals.map((a) => a.name)).toEqual(['Bob', 'Ann']);
    expect(done.publish.allowed).toBe(true);
  });
});

describe('the scheduler', () => {
  it('claims only posts that may be published, in a FOR UPDATE SKIP LOCKED claim joined with kairos_publish_block', async () => {
    await approvals.setRule(admin, { scope: 'account', accountId: 'acc_brand' }, 1);
    const pool = db().pool;
    await seedPost(pool, { id: 'free', accounts: ['acc_free'] });
    await seedPost(pool, { id: 'waiting', accounts: ['acc_brand'] });
    await seedPost(pool, { id: 'ok', accounts: ['acc_brand', 'acc_free'] });
    for (const id of ['waiting', 'ok']) {
      await approvals.recordCreated(pool, editor, id);
      await approvals.submit(editor, id);
    }
    await approvals.decide(ann, 'ok', 'approved');
    const claim = async () => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const { rows } = await c.query<{ id: string }>(
          `SELECT t.id FROM targets t WHERE t.status = 'scheduled' AND t.due_at <= $1 AND kairos_publish_block(t.post_id) IS NULL
           ORDER BY t.due_at, t.position FOR UPDATE OF t SKIP LOCKED`,
          ['2026-04-01T09:00:00Z'],
        );
        await c.query('COMMIT');
        return rows.map((r) => r.id).sort();
      } finally {
        c.release();
      }
    };
    expect(await claim()).toEqual(['free_t0', 'ok_t0', 'ok_t1']);
    // An edit of the approved post takes it out until it is approved again.
    await pool.query(`UPDATE posts SET text = 'changed' WHERE id = 'ok'`);
    await approvals.recordEdit(pool, editor2, 'ok');
    expect(await claim()).toEqual(['free_t0']);
    await approvals.decide(bob, 'ok', 'approved');
    expect(await claim()).toEqual(['free_t0', 'ok_t0', 'ok_t1']);
  });
});

describe('the history of a post', () => {
  it('records every step with who, when, the revision and the content at each revision; it cannot be rewritten', async () => {
    await approvals.setRule(admin, { scope: 'account', accountId: 'acc_brand' }, 1);
    await seedPost(db().pool, { id: 'p3', text: 'v1', accounts: ['acc_brand'] });
    await approvals.recordCreated(db().pool, editor, 'p3');
    tick();
    await approvals.submit(editor, 'p3');
    tick();
    await approvals.decide(ann, 'p3', 'approved');
    tick();
    await db().pool.query(`UPDATE posts SET text = 'v2', parts = '["and a second part"]' WHERE id = 'p3'`);
    await approvals.recordEdit(db().pool, editor, 'p3');
    const history = await postHistory(db().pool, 'p3');
    expect(history.map((h) => [h.action, h.actorName, h.revision, h.snapshot?.text ?? null])).toEqual([
      ['post.created', 'Eve', 1, 'v1'],
      ['review.submitted', 'Eve', 1, null],
      ['review.approved', 'Ann', 1, null],
      ['post.edited', 'Eve', 2, 'v2'],
    ]);
    expect(history[3]?.snapshot).toMatchObject({ parts: ['and a second part'], targets: [{ accountId: 'acc_brand', textOverride: null }] });
    expect(history[3]?.detail).toEqual({ from: 'approved', to: 'in_review' });
    expect(history[2]?.at).toEqual(new Date('2026-03-02T08:00:02Z'));
    await expect(db().pool.query(`UPDATE audit_log SET actor_name = 'x' WHERE post_id = 'p3'`)).rejects.toThrow(/append-only/);
    await expect(db().pool.query(`DELETE FROM audit_log WHERE post_id = 'p3'`)).rejects.toThrow(/append-only/);
  });
});
