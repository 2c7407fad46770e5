// The approval workflow of a workspace post: rules per account or per label ("posts need approval": one approver or
// two different people), the states draft → in review → approved | changes requested, revisions (an edit of the
// content starts a new one, and approvals of older revisions no longer count), and the one question the scheduler
// asks: may this post be published now? The answer is the SQL function kairos_publish_block (migration 0004), so the
// claim query and this module can never disagree.

import type pg from 'pg';
import { decideAction, type WorkspaceAction } from '../auth/permissions';
import { newId } from '../auth/secrets';
import { appendAudit, lockedSnapshotAndLast, sameContent, snapshotPost } from './audit';
import { inTransaction, type Member, type Queryable } from './db';
import { WorkspaceError } from './errors';
import type { NewNotification, NotificationCenter } from './notifications';

export type ApprovalState = 'none' | 'draft' | 'in_review' | 'approved' | 'changes_requested';
export type Decision = 'approved' | 'changes_requested';

export type RuleScope = { readonly scope: 'account'; readonly accountId: string } | { readonly scope: 'label'; readonly label: string };

export interface ApprovalRule {
  readonly id: string;
  readonly scope: RuleScope;
  readonly approvalsNeeded: 1 | 2;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

/** Why the scheduler may not publish a post; null in PublishDecision when it may. */
export type PublishBlock = 'no_post' | 'in_review' | 'changes_requested' | 'not_submitted' | 'not_enough_approvals';

export interface PublishDecision {
  readonly allowed: boolean;
  readonly block: PublishBlock | null;
  /** The sentence shown on the post and in the scheduler's status; empty when allowed. */
  readonly reason: string;
}

export interface ApprovalStatus {
  readonly postId: string;
  readonly state: ApprovalState;
  readonly revision: number;
  readonly approvalsNeeded: number;
  /** Approvals of the current revision. */
  readonly approvals: readonly { readonly name: string; readonly userId: string | null; readonly external: boolean; readonly at: Date }[];
  readonly publish: PublishDecision;
}

/** Who decides: a member, or a reviewer who came through a review link (a typed name, marked external). */
export type Decider =
  | { readonly kind: 'member'; readonly member: Member }
  | { readonly kind: 'link'; readonly linkId: string; readonly name: string };

export interface EditResult {
  readonly revision: number;
  readonly state: ApprovalState;
  /** True when the content changed and a new revision began. */
  readonly newRevision: boolean;
}

export interface ApprovalsOptions {
  readonly now?: () => Date;
  readonly notifications: NotificationCenter;
}

const BLOCK_REASONS: Readonly<Record<PublishBlock, (needed: number, have: number) => string>> = {
  no_post: () => 'This post no longer exists.',
  in_review: () => 'Waiting for approval: the post is in review.',
  changes_requested: () => 'Changes were requested: edit the post and submit it for review again.',
  not_submitted: (n) =>
    `This post needs approval (${n === 1 ? 'one approver' : `${n} different people`}) before it is published: submit it for review.`,
  not_enough_approvals: (n, h) => `This post needs ${n} approvals of its current version and has ${h}.`,
};

interface PostRow {
  id: string;
  text: string;
  approval_state: ApprovalState;
  revision: number;
  author_id: string | null;
  revised_by: string | null;
}

const excerpt = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `“${t.slice(0, 79)}…”` : `“${t}”`;
};

function allow(actor: Member, action: WorkspaceAction): void {
  const d = decideAction(actor.role, action);
  if (!d.allowed) throw new WorkspaceError('not_allowed', d.reason, { action });
}

export class WorkspaceApprovals {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #notifications: NotificationCenter;

  constructor(pool: pg.Pool, options: ApprovalsOptions) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.#notifications = options.notifications;
  }

  // ---- rules

  async setRule(actor: Member, scope: RuleScope, approvalsNeeded: number): Promise<ApprovalRule> {
    allow(actor, 'approvalRules.set');
    if (approvalsNeeded !== 1 && approvalsNeeded !== 2)
      throw new WorkspaceError('rule_invalid', 'A rule needs one approver or two different people (1 or 2).', { approvalsNeeded });
    const label = scope.scope === 'label' ? scope.label.trim() : null;
    if (scope.scope === 'label' && !label) throw new WorkspaceError('rule_invalid', 'Name the label whose posts need approval.');
    const accountId = scope.scope === 'account' ? scope.accountId : null;
    return inTransaction(this.#pool, async (c) => {
      if (accountId) {
        const { rowCount } = await c.query('SELECT 1 FROM accounts WHERE id = $1', [accountId]);
        if (!rowCount) throw new WorkspaceError('rule_invalid', 'That account is not connected to this workspace.', { accountId });
      }
      const at = this.#now();
      await c.query(
        scope.scope === 'account'
          ? 'DELETE FROM approval_rules WHERE scope = $1 AND account_id = $2'
          : 'DELETE FROM approval_rules WHERE scope = $1 AND label = $2',
        [scope.scope, accountId ?? label],
      );
      const id = newId('rule');
      await c.query(
        'INSERT INTO approval_rules (id, scope, account_id, label, approvals_needed, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, scope.scope, accountId, label, approvalsNeeded, actor.id, at],
      );
      await appendAudit(c, {
        at,
        userId: actor.id,
        actorName: actor.displayName,
        action: 'approval_rule.set',
        detail: { scope: scope.scope, accountId, label, approvalsNeeded },
      });
      const rule: RuleScope = accountId ? { scope: 'account', accountId } : { scope: 'label', label: label as string };
      return { id, scope: rule, approvalsNeeded, createdBy: actor.id, createdAt: at };
    });
  }

  async removeRule(actor: Member, scope: RuleScope): Promise<boolean> {
    allow(actor, 'approvalRules.set');
    return inTransaction(this.#pool, async (c) => {
      const { rowCount } =
        scope.scope === 'account'
          ? await c.query(`DELETE FROM approval_rules WHERE scope = 'account' AND account_id = $1`, [scope.accountId])
          : await c.query(`DELETE FROM approval_rules WHERE scope = 'label' AND label = $1`, [scope.label.trim()]);
      if (rowCount)
        await appendAudit(c, {
          at: this.#now(),
          userId: actor.id,
          actorName: actor.displayName,
          action: 'approval_rule.removed',
          detail:
            scope.scope === 'account' ? { scope: 'account', accountId: scope.accountId } : { scope: 'label', label: scope.label.trim() },
        });
      return (rowCount ?? 0) > 0;
    });
  }

  async listRules(): Promise<ApprovalRule[]> {
    const { rows } = await this.#pool.query<{
      id: string;
      scope: 'account' | 'label';
      account_id: string | null;
      label: string | null;
      approvals_needed: 1 | 2;
      created_by: string | null;
      created_at: Date;
    }>('SELECT * FROM approval_rules ORDER BY scope, coalesce(account_id, label)');
    return rows.map((r) => ({
      id: r.id,
      scope: r.scope === 'account' ? { scope: 'account', accountId: r.account_id as string } : { scope: 'label', label: r.label as string },
      approvalsNeeded: r.approvals_needed,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  // ---- what the posts store tells this module, inside its own transaction

  /** A post was created by a member: they are its author; it starts as a draft when a rule covers it. */
  async recordCreated(db: Queryable, actor: Member, postId: string): Promise<EditResult> {
    return inTransaction(db, async (c) => {
      const post = await this.#lockPost(c, postId);
      const needed = await this.#needed(c, postId);
      const state: ApprovalState = needed > 0 ? 'draft' : 'none';
      await c.query('UPDATE posts SET author_id = $2, revised_by = $2, approval_state = $3 WHERE id = $1', [postId, actor.id, state]);
      await appendAudit(c, {
        at: this.#now(),
        userId: actor.id,
        actorName: actor.displayName,
        action: 'post.created',
        postId,
        revision: post.revision,
        snapshot: await snapshotPost(c, postId),
      });
      return { revision: post.revision, state, newRevision: false };
    });
  }

  /**
   * A post was changed. When its content (text, thread, options, labels, accounts and their own versions, media)
   * differs from the last recorded version, a new revision begins: its approvals are gone, and an approved or
   * in-review post goes (back) to review. A change of time only is recorded without a new revision.
   */
  async recordEdit(db: Queryable, actor: Member, postId: string): Promise<EditResult> {
    const { result, notify } = await inTransaction(db, async (c) => {
      // The post's row locked, its content now and as last recorded, and how many approvals it needs: one statement.
      const read = await lockedSnapshotAndLast<PostRow & { needed: number }>(
        c,
        postId,
        'p.id, p.approval_state, p.revision, p.author_id, p.revised_by, kairos_approvals_needed(p.id) AS needed,',
      );
      if (!read) throw new WorkspaceError('post_unknown', 'There is no such post in this workspace.', { postId });
      const post: PostRow = read.row;
      const at = this.#now();
      const snapshot = read.now;
      const before = read.last;
      if (before && snapshot && sameContent(before, snapshot)) {
        await appendAudit(c, {
          at,
          userId: actor.id,
          actorName: actor.displayName,
          action: 'post.rescheduled',
          postId,
          revision: post.revision,
        });
        return { result: { revision: post.revision, state: post.approval_state, newRevision: false }, notify: [] as string[] };
      }
      const needed = read.row.needed;
      const revision = post.revision + 1;
      const state: ApprovalState =
        post.approval_state === 'approved' || post.approval_state === 'in_review'
          ? 'in_review'
          : post.approval_state === 'none' && needed > 0
            ? 'draft'
            : post.approval_state;
      await c.query('UPDATE posts SET revision = $2, revised_by = $3, approval_state = $4 WHERE id = $1', [
        postId,
        revision,
        actor.id,
        state,
      ]);
      await appendAudit(c, {
        at,
        userId: actor.id,
        actorName: actor.displayName,
        action: 'post.edited',
        postId,
        revision,
        snapshot,
        detail: { from: post.approval_state, to: state },
      });
      let ids: string[] = [];
      if (post.approval_state === 'approved' && state === 'in_review')
        ids = await this.#notifyApprovers(
          c,
          { ...post, revision, revised_by: actor.id },
          actor,
          `${actor.displayName} changed the approved post ${excerpt(post.text)}: it needs approval again.`,
        );
      return { result: { revision, state, newRevision: true }, notify: ids };
    });
    this.#notifications.afterCommit(notify);
    return result;
  }

  // ---- the workflow

  /** Puts a draft, or a post whose changes were requested, in review, and tells the people who may approve it. */
  async submit(actor: Member, postId: string, note?: string): Promise<ApprovalStatus> {
    allow(actor, 'approvals.submit');
    const ids = await inTransaction(this.#pool, async (c) => {
      const post = await this.#lockPost(c, postId);
      if (post.approval_state === 'in_review')
        throw new WorkspaceError('wrong_state', 'This post is already in review.', { state: post.approval_state });
      if (post.approval_state === 'approved')
        throw new WorkspaceError('wrong_state', 'This post is already approved; an edit sends it back to review.', {
          state: post.approval_state,
        });
      await c.query(`UPDATE posts SET approval_state = 'in_review' WHERE id = $1`, [postId]);
      await appendAudit(c, {
        at: this.#now(),
        userId: actor.id,
        actorName: actor.displayName,
        action: 'review.submitted',
        postId,
        revision: post.revision,
        detail: { from: post.approval_state, ...(note ? { note } : {}) },
      });
      return this.#notifyApprovers(c, post, actor, `${actor.displayName} asks for your review of ${excerpt(post.text)}.`);
    });
    this.#notifications.afterCommit(ids);
    return this.status(postId);
  }

  /** A member approves or requests changes on the post's current revision. */
  async decide(actor: Member, postId: string, decision: Decision, note?: string): Promise<ApprovalStatus> {
    allow(actor, 'approvals.decide');
    const ids = await inTransaction(this.#pool, (c) => this.recordDecision(c, { kind: 'member', member: actor }, postId, decision, note));
    this.#notifications.afterCommit(ids);
    return this.status(postId);
  }

  /**
   * Records a decision inside the caller's transaction (review links use it) and returns the notifications to send
   * after the commit. Decisions are taken on posts in review (or approved, for a second approval after a rule was
   * raised); an approval by a person who wrote the post or its current revision is refused.
   */
  async recordDecision(c: pg.PoolClient, who: Decider, postId: string, decision: Decision, note?: string): Promise<string[]> {
    const post = await this.#lockPost(c, postId);
    if (post.approval_state !== 'in_review' && post.approval_state !== 'approved')
      throw new WorkspaceError(
        'wrong_state',
        post.approval_state === 'changes_requested'
          ? 'Changes were requested on this post; it can be decided on again once it is submitted for review.'
          : 'This post has not been submitted for review yet.',
        { state: post.approval_state },
      );
    if (who.kind === 'member' && (who.member.id === post.author_id || who.member.id === post.revised_by))
      throw new WorkspaceError('own_post', 'You wrote this post (or its latest changes), so someone else has to approve it.');
    const at = this.#now();
    const userId = who.kind === 'member' ? who.member.id : null;
    const linkId = who.kind === 'link' ? who.linkId : null;
    const name = who.kind === 'member' ? who.member.displayName : who.name;
    if (decision === 'changes_requested') {
      // One's own approval of this revision is withdrawn by asking for changes to it.
      await c.query(
        `DELETE FROM approvals WHERE post_id = $1 AND revision = $2 AND decision = 'approved' AND (user_id = $3 OR review_link_id = $4)`,
        [postId, post.revision, userId, linkId],
      );
    }
    try {
      await c.query(
        `INSERT INTO approvals (id, post_id, revision, decision, user_id, review_link_id, reviewer_name, note, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [newId('apr'), postId, post.revision, decision, userId, linkId, who.kind === 'link' ? name : null, note ?? null, at],
      );
    } catch (e) {
      const constraint = (e as { constraint?: string }).constraint;
      if (constraint === 'approvals_one_per_user' || constraint === 'approvals_one_per_link')
        throw new WorkspaceError('already_decided', 'You have already approved this version of the post.');
      throw e;
    }
    const needed = Math.max(await this.#needed(c, postId), 1);
    const have = await this.#approvalCount(c, postId, post.revision);
    const state: ApprovalState = decision === 'changes_requested' ? 'changes_requested' : have >= needed ? 'approved' : 'in_review';
    await c.query('UPDATE posts SET approval_state = $2 WHERE id = $1', [postId, state]);
    await appendAudit(c, {
      at,
      userId,
      reviewLinkId: linkId,
      actorName: name,
      action: decision === 'approved' ? 'review.approved' : 'review.changes_requested',
      postId,
      revision: post.revision,
      detail: { from: post.approval_state, to: state, approvals: have, needed, external: who.kind === 'link', ...(note ? { note } : {}) },
    });
    const label = who.kind === 'link' ? `${name} (external reviewer)` : name;
    const told = [post.author_id, post.revised_by].filter((u): u is string => !!u && u !== userId);
    if (decision === 'changes_requested')
      return this.#notifications.add(
        c,
        told.map((u) => ({
          userId: u,
          kind: 'changes_requested' as const,
          postId,
          actorName: name,
          summary: `${label} requested changes to ${excerpt(post.text)}${note ? `: ${note}` : '.'}`,
        })),
      );
    if (state === 'approved' && post.approval_state !== 'approved')
      return this.#notifications.add(
        c,
        told.map((u) => ({
          userId: u,
          kind: 'approved' as const,
          postId,
          actorName: name,
          summary: `${label} approved ${excerpt(post.text)}.`,
        })),
      );
    return [];
  }

  // ---- reading

  async status(postId: string, db: Queryable = this.#pool): Promise<ApprovalStatus> {
    const { rows } = await db.query<{ approval_state: ApprovalState; revision: number; needed: number; block: PublishBlock | null }>(
      'SELECT approval_state, revision, kairos_approvals_needed(id) AS needed, kairos_publish_block(id) AS block FROM posts WHERE id = $1',
      [postId],
    );
    const row = rows[0];
    if (!row) throw new WorkspaceError('post_unknown', 'There is no such post in this workspace.', { postId });
    const { rows: approvals } = await db.query<{ user_id: string | null; review_link_id: string | null; name: string; decided_at: Date }>(
      `SELECT a.user_id, a.review_link_id, coalesce(u.display_name, a.reviewer_name, 'a former member') AS name, a.decided_at
       FROM approvals a LEFT JOIN users u ON u.id = a.user_id
       WHERE a.post_id = $1 AND a.revision = $2 AND a.decision = 'approved' ORDER BY a.decided_at, a.id`,
      [postId, row.revision],
    );
    return {
      postId,
      state: row.approval_state,
      revision: row.revision,
      approvalsNeeded: row.needed,
      approvals: approvals.map((a) => ({
        name: a.name,
        userId: a.user_id,
        external: a.review_link_id !== null && a.user_id === null,
        at: a.decided_at,
      })),
      publish: toDecision(row.block, Math.max(row.needed, 1), approvals.length),
    };
  }

  /**
   * What the scheduler asks before it publishes: the same kairos_publish_block the claim query uses
   * ("... AND kairos_publish_block(t.post_id) IS NULL ... FOR UPDATE OF t SKIP LOCKED"). Pass the claim's client to
   * read within its transaction.
   */
  async mayPublish(postId: string, db: Queryable = this.#pool): Promise<PublishDecision> {
    const { rows } = await db.query<{ block: PublishBlock | null; needed: number; have: number }>(
      `SELECT kairos_publish_block($1) AS block, kairos_approvals_needed($1) AS needed,
         (SELECT count(*)::int FROM approvals a JOIN posts p ON p.id = a.post_id AND p.revision = a.revision
          WHERE a.post_id = $1 AND a.decision = 'approved') AS have`,
      [postId],
    );
    const r = rows[0] as { block: PublishBlock | null; needed: number; have: number };
    return toDecision(r.block, Math.max(r.needed, 1), r.have);
  }

  // ---- inside

  async #lockPost(c: pg.PoolClient, postId: string): Promise<PostRow> {
    const { rows } = await c.query<PostRow>(
      'SELECT id, text, approval_state, revision, author_id, revised_by FROM posts WHERE id = $1 FOR UPDATE',
      [postId],
    );
    const post = rows[0];
    if (!post) throw new WorkspaceError('post_unknown', 'There is no such post in this workspace.', { postId });
    return post;
  }

  async #needed(c: Queryable, postId: string): Promise<number> {
    const { rows } = await c.query<{ n: number }>('SELECT kairos_approvals_needed($1) AS n', [postId]);
    return rows[0]?.n ?? 0;
  }

  async #approvalCount(c: Queryable, postId: string, revision: number): Promise<number> {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM approvals WHERE post_id = $1 AND revision = $2 AND decision = 'approved'`,
      [postId, revision],
    );
    return rows[0]?.n ?? 0;
  }

  /** The people who may approve the post: approvers, admins and owners, but not its authors nor the one asking. */
  async #notifyApprovers(c: pg.PoolClient, post: PostRow, actor: Member, summary: string): Promise<string[]> {
    const { rows } = await c.query<{ id: string }>(
      `SELECT id FROM users WHERE role IN ('approver', 'admin', 'owner') AND deactivated_at IS NULL
         AND id <> $1 AND id IS DISTINCT FROM $2 AND id IS DISTINCT FROM $3 ORDER BY created_at, id`,
      [actor.id, post.author_id, post.revised_by],
    );
    const items: NewNotification[] = rows.map((r) => ({
      userId: r.id,
      kind: 'review_requested',
      postId: post.id,
      actorName: actor.displayName,
      summary,
    }));
    return this.#notifications.add(c, items);
  }
}

function toDecision(block: PublishBlock | null, needed: number, have: number): PublishDecision {
  if (block === null) return { allowed: true, block: null, reason: '' };
  return { allowed: false, block, reason: BLOCK_REASONS[block](needed, have) };
}
