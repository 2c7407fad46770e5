// Review links for people without an account (a client, legal): one post each, signed with the server's key
// (HMAC-SHA256, checked in constant time), expiring, revocable, and logged at every use (when, from which address,
// what was done). Through a link one reads the post as each network will show it and approves, asks for changes
// or comments, under a typed name marked as external. Only a SHA-256 of the token is stored.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { decideAction } from '../auth/permissions';
import { newId } from '../auth/secrets';
import type { WorkspaceApprovals } from './approvals';
import { appendAudit } from './audit';
import type { Comment, CommentInput, WorkspaceComments } from './comments';
import { inTransaction, type Member } from './db';
import { WorkspaceError } from './errors';
import type { NotificationCenter } from './notifications';
import { type ReviewPostView, readReviewPost } from './postView';

const SIGNING_CONTEXT = 'kairos-review-link-v1\n';
const DAY = 24 * 3_600_000;
export const REVIEW_LINK_DEFAULT_TTL_MS = 7 * DAY;
export const REVIEW_LINK_MAX_TTL_MS = 90 * DAY;

export interface LinkOrigin {
  readonly address: string;
  readonly userAgent?: string;
}

export interface CreatedReviewLink {
  readonly id: string;
  /** Given once, for the link's address; never stored. */
  readonly token: string;
  readonly postId: string;
  readonly expiresAt: Date;
}

export interface ReviewLinkInfo {
  readonly id: string;
  readonly postId: string;
  readonly reviewerName: string | null;
  readonly canApprove: boolean;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly uses: readonly { readonly at: Date; readonly action: string; readonly address: string | null }[];
}

/** What a reviewer sees: the post, its thread, each network's version of it for the previews, and its comments. */
export interface ReviewView extends ReviewPostView {
  readonly comments: readonly Comment[];
  readonly link: { readonly reviewerName: string | null; readonly canApprove: boolean; readonly expiresAt: Date };
}

interface LinkRow {
  id: string;
  token_hash: string;
  post_id: string;
  created_by: string | null;
  reviewer_name: string | null;
  can_approve: boolean;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export interface ReviewLinksOptions {
  /** The server's signing key (at least 32 bytes), from its key file or environment: never from the database. */
  readonly key: Buffer;
  readonly approvals: WorkspaceApprovals;
  readonly comments: WorkspaceComments;
  readonly notifications: NotificationCenter;
  readonly now?: () => Date;
}

export class ReviewLinks {
  readonly #pool: pg.Pool;
  readonly #key: Buffer;
  readonly #now: () => Date;
  readonly #approvals: WorkspaceApprovals;
  readonly #comments: WorkspaceComments;
  readonly #notifications: NotificationCenter;

  constructor(pool: pg.Pool, options: ReviewLinksOptions) {
    if (options.key.length < 32) throw new Error('The review link key must be at least 32 bytes (256 bits) long.');
    this.#pool = pool;
    this.#key = Buffer.from(options.key);
    this.#now = options.now ?? (() => new Date());
    this.#approvals = options.approvals;
    this.#comments = options.comments;
    this.#notifications = options.notifications;
  }

  #sign(payload: string): Buffer {
    return createHmac('sha256', this.#key).update(SIGNING_CONTEXT).update(payload).digest();
  }

  async create(
    actor: Member,
    postId: string,
    options: { ttlMs?: number; reviewerName?: string; canApprove?: boolean } = {},
  ): Promise<CreatedReviewLink> {
    const d = decideAction(actor.role, 'reviewLinks.create');
    if (!d.allowed) throw new WorkspaceError('not_allowed', d.reason);
    const ttl = options.ttlMs ?? REVIEW_LINK_DEFAULT_TTL_MS;
    if (!(ttl > 0 && ttl <= REVIEW_LINK_MAX_TTL_MS))
      throw new WorkspaceError('link_invalid', 'A review link can last from a minute up to 90 days.', { maxDays: 90 });
    const at = this.#now();
    const expiresAt = new Date(at.getTime() + ttl);
    const id = newId('rvl');
    // The nonce makes every token unguessable even if two links shared an id, post and expiry.
    const payload = `${id}.${postId}.${expiresAt.getTime()}.${randomBytes(16).toString('base64url')}`;
    const token = `${b64(payload)}.${b64(this.#sign(payload))}`;
    await inTransaction(this.#pool, async (c) => {
      const { rows } = await c.query<{ revision: number }>('SELECT revision FROM posts WHERE id = $1', [postId]);
      if (!rows[0]) throw new WorkspaceError('post_unknown', 'There is no such post in this workspace.', { postId });
      await c.query(
        `INSERT INTO review_links (id, token_hash, post_id, created_by, reviewer_name, can_approve, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, sha256(token), postId, actor.id, options.reviewerName?.trim() || null, options.canApprove ?? true, at, expiresAt],
      );
      await appendAudit(c, {
        at,
        userId: actor.id,
        actorName: actor.displayName,
        action: 'review_link.created',
        postId,
        revision: rows[0].revision,
        reviewLinkId: id,
        detail: {
          expiresAt: expiresAt.toISOString(),
          reviewerName: options.reviewerName?.trim() || null,
          canApprove: options.canApprove ?? true,
        },
      });
    });
    return { id, token, postId, expiresAt };
  }

  async revoke(actor: Member, linkId: string): Promise<void> {
    const d = decideAction(actor.role, 'reviewLinks.revoke');
    if (!d.allowed) throw new WorkspaceError('not_allowed', d.reason);
    await inTransaction(this.#pool, async (c) => {
      const { rows } = await c.query<LinkRow>('UPDATE review_links SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING *', [
        linkId,
        this.#now(),
      ]);
      const link = rows[0];
      if (!link) throw new WorkspaceError('link_invalid', 'There is no such review link.', { linkId });
      await appendAudit(c, {
        at: this.#now(),
        userId: actor.id,
        actorName: actor.displayName,
        action: 'review_link.revoked',
        postId: link.post_id,
        reviewLinkId: linkId,
      });
    });
  }

  /** A post's links with every use, for "who has seen this". */
  async list(postId: string): Promise<ReviewLinkInfo[]> {
    const { rows } = await this.#pool.query<LinkRow & { uses: { at: string; action: string; address: string | null }[] | null }>(
      `SELECT l.*, (SELECT json_agg(json_build_object('at', u.at, 'action', u.action, 'address', u.address) ORDER BY u.id)
                    FROM review_link_uses u WHERE u.review_link_id = l.id) AS uses
       FROM review_links l WHERE l.post_id = $1 ORDER BY l.created_at, l.id`,
      [postId],
    );
    return rows.map((r) => ({
      id: r.id,
      postId: r.post_id,
      reviewerName: r.reviewer_name,
      canApprove: r.can_approve,
      createdBy: r.created_by,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
      uses: (r.uses ?? []).map((u) => ({ at: new Date(u.at), action: u.action, address: u.address })),
    }));
  }

  /** Reads the post through the link. */
  async open(token: string, postId: string, origin: LinkOrigin): Promise<ReviewView> {
    return this.#use(token, postId, origin, 'viewed', (c, link) => this.#view(c, link));
  }

  async approve(token: string, postId: string, origin: LinkOrigin, input: { name: string; note?: string }): Promise<void> {
    await this.#decide(token, postId, origin, 'approved', input);
  }

  async requestChanges(token: string, postId: string, origin: LinkOrigin, input: { name: string; note?: string }): Promise<void> {
    await this.#decide(token, postId, origin, 'changes_requested', input);
  }

  async comment(token: string, postId: string, origin: LinkOrigin, input: CommentInput & { name: string }): Promise<Comment> {
    const id = await this.#use(token, postId, origin, 'commented', async (c, link) => {
      const { id, notify } = await this.#comments.addIn(
        c,
        { kind: 'link', linkId: link.id, name: reviewerName(input.name, link) },
        postId,
        input,
      );
      return { value: id, notify };
    });
    return this.#comments.get(id);
  }

  async #decide(
    token: string,
    postId: string,
    origin: LinkOrigin,
    decision: 'approved' | 'changes_requested',
    input: { name: string; note?: string },
  ): Promise<void> {
    await this.#use(token, postId, origin, decision, async (c, link) => {
      if (!link.can_approve)
        throw new WorkspaceError(
          'link_cannot_approve',
          'This review link lets you read and comment, not approve. Leave a comment instead.',
        );
      const name = reviewerName(input.name, link);
      const notify = await this.#approvals.recordDecision(
        c,
        { kind: 'link', linkId: link.id, name },
        postId,
        decision,
        input.note?.trim() || undefined,
      );
      return { value: undefined, notify };
    });
  }

  /**
   * Checks the token and runs fn in a transaction that also logs the use. A refused use of a real link is logged
   * too (as "refused", with the reason); a token that is not ours is refused without touching the database.
   */
  async #use<T>(
    token: string,
    postId: string,
    origin: LinkOrigin,
    action: 'viewed' | 'approved' | 'changes_requested' | 'commented',
    fn: (c: pg.PoolClient, link: LinkRow) => Promise<T | { value: T; notify: string[] }>,
  ): Promise<T> {
    const linkId = this.#verifySignature(token);
    let notify: string[] = [];
    try {
      const value = await inTransaction(this.#pool, async (c) => {
        const link = await this.#checkLink(c, linkId, token, postId);
        const out = await fn(c, link);
        await c.query('INSERT INTO review_link_uses (review_link_id, at, action, address, user_agent) VALUES ($1, $2, $3, $4, $5)', [
          link.id,
          this.#now(),
          action,
          origin.address,
          origin.userAgent?.slice(0, 300) ?? null,
        ]);
        if (out && typeof out === 'object' && 'notify' in out && 'value' in out) {
          notify = out.notify;
          return out.value;
        }
        return out as T;
      });
      this.#notifications.afterCommit(notify);
      return value;
    } catch (e) {
      if (e instanceof WorkspaceError && e.code !== 'link_invalid')
        await this.#pool
          .query(
            `INSERT INTO review_link_uses (review_link_id, at, action, address, user_agent)
             SELECT id, $2, 'refused', $3, $4 FROM review_links WHERE id = $1`,
            [linkId, this.#now(), origin.address, `${action}: ${e.code}${origin.userAgent ? ` · ${origin.userAgent.slice(0, 200)}` : ''}`],
          )
          .catch(() => undefined);
      throw e;
    }
  }

  /** The link id the token names, if the server's key signed it; refuses anything else. */
  #verifySignature(token: string): string {
    const invalid = () =>
      new WorkspaceError('link_invalid', 'This review link is not valid. Check that it was copied whole, or ask for a new one.');
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 1000) throw invalid();
    const payload = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.#sign(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    const linkId = payload.split('.')[0];
    if (!linkId) throw invalid();
    return linkId;
  }

  async #checkLink(c: pg.PoolClient, linkId: string, token: string, postId: string): Promise<LinkRow> {
    const { rows } = await c.query<LinkRow>('SELECT * FROM review_links WHERE id = $1 FOR SHARE', [linkId]);
    const link = rows[0];
    const hash = Buffer.from(sha256(token), 'hex');
    if (!link || !timingSafeEqual(hash, Buffer.from(link.token_hash, 'hex')))
      throw new WorkspaceError(
        'link_invalid',
        'This review link is not valid any more: its post may have been deleted. Ask for a new one.',
      );
    if (link.revoked_at)
      throw new WorkspaceError(
        'link_revoked',
        'This review link was withdrawn by the team. Ask them for a new one if you still need to review.',
      );
    if (link.expires_at.getTime() <= this.#now().getTime())
      throw new WorkspaceError(
        'link_expired',
        `This review link expired on ${link.expires_at.toISOString()}. Ask the team for a new one.`,
        {
          expiredAt: link.expires_at.toISOString(),
        },
      );
    if (link.post_id !== postId)
      throw new WorkspaceError('link_other_post', 'This review link is for another post: it opens only the post it was made for.');
    return link;
  }

  async #view(c: pg.PoolClient, link: LinkRow): Promise<ReviewView> {
    const view = await readReviewPost(c, link.post_id);
    if (!view) throw new WorkspaceError('link_invalid', 'The post of this review link no longer exists.');
    return {
      ...view,
      comments: (await this.#comments.list(view.post.id)).filter((cm) => cm.deletedAt === null),
      link: { reviewerName: link.reviewer_name, canApprove: link.can_approve, expiresAt: link.expires_at },
    };
  }
}

function reviewerName(typed: string, link: LinkRow): string {
  const name = typed.trim() || link.reviewer_name || '';
  if (name.length === 0 || name.length > 100)
    throw new WorkspaceError('reviewer_name_missing', 'Type your name (up to 100 characters), so the team knows who reviewed.');
  return name;
}
