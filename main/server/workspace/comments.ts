// Comments on a post or on one part of its thread, with replies, @mentions of teammates, resolved/unresolved, and
// edits and deletions by their author. Every change is in the post's append-only history with the text before and
// after, so a comment's versions can be shown; a deleted comment keeps its place (replies stay) without its text.

import type pg from 'pg';
import { decideAction } from '../auth/permissions';
import { newId } from '../auth/secrets';
import { appendAudit } from './audit';
import { inTransaction, type Member } from './db';
import { WorkspaceError } from './errors';
import { type Mentionable, mentionedIds } from './mentions';
import type { NewNotification, NotificationCenter } from './notifications';

export const COMMENT_MAX_CHARS = 5000;
const DELETED_BODY = '(deleted)';

export interface Comment {
  readonly id: string;
  readonly postId: string;
  /** null: on the whole post; 0: its first part (the text); n: the thread's part n. */
  readonly partIndex: number | null;
  readonly replyTo: string | null;
  readonly authorId: string | null;
  readonly authorName: string;
  /** Written through a review link by someone without an account, under the name they typed. */
  readonly external: boolean;
  /** Empty once deleted. */
  readonly body: string;
  readonly mentions: readonly { readonly userId: string; readonly name: string }[];
  readonly createdAt: Date;
  readonly editedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly resolvedBy: string | null;
  readonly deletedAt: Date | null;
}

export interface CommentInput {
  readonly body: string;
  readonly partIndex?: number | null;
  readonly replyTo?: string | null;
}

export interface CommentVersion {
  readonly at: Date;
  readonly by: string;
  readonly action: 'added' | 'edited' | 'deleted';
  readonly body: string;
}

/** Who writes: a member, or a reviewer through a review link. */
export type Commenter =
  | { readonly kind: 'member'; readonly member: Member }
  | { readonly kind: 'link'; readonly linkId: string; readonly name: string };

interface Row {
  id: string;
  post_id: string;
  part_index: number | null;
  reply_to: string | null;
  author_id: string | null;
  review_link_id: string | null;
  author_name: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  deleted_at: Date | null;
}

function cleanBody(body: string): string {
  const b = body.trim();
  if (b.length === 0) throw new WorkspaceError('comment_invalid', 'Write something in the comment first.');
  if (b.length > COMMENT_MAX_CHARS)
    throw new WorkspaceError('comment_invalid', `A comment can be up to ${COMMENT_MAX_CHARS} characters; this one has ${b.length}.`, {
      max: COMMENT_MAX_CHARS,
      length: b.length,
    });
  return b;
}

const quote = (text: string) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `“${t.slice(0, 119)}…”` : `“${t}”`;
};

export class WorkspaceComments {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #notifications: NotificationCenter;

  constructor(pool: pg.Pool, options: { now?: () => Date; notifications: NotificationCenter }) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.#notifications = options.notifications;
  }

  async add(actor: Member, postId: string, input: CommentInput): Promise<Comment> {
    const d = decideAction(actor.role, 'comments.add');
    if (!d.allowed) throw new WorkspaceError('not_allowed', d.reason);
    const { id, notify } = await inTransaction(this.#pool, (c) => this.addIn(c, { kind: 'member', member: actor }, postId, input));
    this.#notifications.afterCommit(notify);
    return this.get(id);
  }

  /** Adds a comment inside the caller's transaction (review links use it); returns it and the notifications to send. */
  async addIn(c: pg.PoolClient, who: Commenter, postId: string, input: CommentInput): Promise<{ id: string; notify: string[] }> {
    const body = cleanBody(input.body);
    const { rows: posts } = await c.query<{ text: string; parts: unknown[]; revision: number; author_id: string | null }>(
      'SELECT text, parts, revision, author_id FROM posts WHERE id = $1 FOR SHARE',
      [postId],
    );
    const post = posts[0];
    if (!post) throw new WorkspaceError('post_unknown', 'There is no such post in this workspace.', { postId });
    const partIndex = input.partIndex ?? null;
    if (partIndex !== null && (!Number.isInteger(partIndex) || partIndex < 0 || partIndex > post.parts.length))
      throw new WorkspaceError(
        'comment_invalid',
        `This post has ${post.parts.length + 1} part${post.parts.length === 0 ? '' : 's'}; a comment can be on part 1 to ${post.parts.length + 1}.`,
        { parts: post.parts.length + 1 },
      );
    if (input.replyTo) {
      const { rows } = await c.query<{ post_id: string }>('SELECT post_id FROM comments WHERE id = $1', [input.replyTo]);
      if (rows[0]?.post_id !== postId)
        throw new WorkspaceError('comment_unknown', 'The comment being answered is not on this post.', { commentId: input.replyTo });
    }
    const id = newId('cmt');
    const at = this.#now();
    const member = who.kind === 'member' ? who.member : null;
    const name = member ? member.displayName : who.kind === 'link' ? who.name : '';
    await c.query(
      `INSERT INTO comments (id, post_id, part_index, reply_to, author_id, review_link_id, author_name, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, postId, partIndex, input.replyTo ?? null, member?.id ?? null, who.kind === 'link' ? who.linkId : null, name, body, at],
    );
    const mentions = await this.#saveMentions(c, id, body);
    await appendAudit(c, {
      at,
      userId: member?.id ?? null,
      reviewLinkId: who.kind === 'link' ? who.linkId : null,
      actorName: name,
      action: 'comment.added',
      postId,
      revision: post.revision,
      detail: { commentId: id, partIndex, replyTo: input.replyTo ?? null, body, mentions, external: who.kind === 'link' },
    });
    const label = who.kind === 'link' ? `${name} (external reviewer)` : name;
    const items: NewNotification[] = mentions
      .filter((u) => u !== member?.id)
      .map((u) => ({
        userId: u,
        kind: 'mentioned',
        postId,
        commentId: id,
        actorName: name,
        summary: `${label} mentioned you: ${quote(body)}`,
      }));
    if (post.author_id && post.author_id !== member?.id)
      items.push({
        userId: post.author_id,
        kind: 'commented',
        postId,
        commentId: id,
        actorName: name,
        summary: `${label} commented on your post ${quote(post.text)}: ${quote(body)}`,
      });
    return { id, notify: await this.#notifications.add(c, items) };
  }

  /** The author changes the text; people newly mentioned are told. */
  async edit(actor: Member, commentId: string, body: string): Promise<Comment> {
    const text = cleanBody(body);
    const notify = await inTransaction(this.#pool, async (c) => {
      const row = await this.#lock(c, commentId);
      if (row.author_id !== actor.id) throw new WorkspaceError('not_comment_author', 'Only the person who wrote a comment can change it.');
      if (row.body === text) return [];
      const at = this.#now();
      const before = await this.#mentionsOf(c, commentId);
      await c.query('UPDATE comments SET body = $2, edited_at = $3 WHERE id = $1', [commentId, text, at]);
      await c.query('DELETE FROM comment_mentions WHERE comment_id = $1', [commentId]);
      const after = await this.#saveMentions(c, commentId, text);
      await appendAudit(c, {
        at,
        userId: actor.id,
        actorName: actor.displayName,
        action: 'comment.edited',
        postId: row.post_id,
        revision: await this.#revision(c, row.post_id),
        detail: { commentId, before: row.body, after: text, mentions: after },
      });
      const added = after.filter((u) => !before.includes(u) && u !== actor.id);
      return this.#notifications.add(
        c,
        added.map((u) => ({
          userId: u,
          kind: 'mentioned' as const,
          postId: row.post_id,
          commentId,
          actorName: actor.displayName,
          summary: `${actor.displayName} mentioned you: ${quote(text)}`,
        })),
      );
    });
    this.#notifications.afterCommit(notify);
    return this.get(commentId);
  }

  /** By its author, or by an admin or owner keeping the discussion in order. Replies stay; the text goes to history. */
  async delete(actor: Member, commentId: string): Promise<void> {
    await inTransaction(this.#pool, async (c) => {
      const row = await this.#lock(c, commentId);
      if (row.author_id !== actor.id && actor.role !== 'owner' && actor.role !== 'admin')
        throw new WorkspaceError('not_comment_author', 'Only the person who wrote a comment (or an admin) can delete it.');
      const at = this.#now();
      await c.query('UPDATE comments SET body = $2, deleted_at = $3, deleted_by = $4 WHERE id = $1', [
        commentId,
        DELETED_BODY,
        at,
        actor.id,
      ]);
      await c.query('DELETE FROM comment_mentions WHERE comment_id = $1', [commentId]);
      await appendAudit(c, {
        at,
        userId: actor.id,
        actorName: actor.displayName,
        action: 'comment.deleted',
        postId: row.post_id,
        revision: await this.#revision(c, row.post_id),
        detail: { commentId, body: row.body, author: row.author_name },
      });
    });
  }

  async resolve(actor: Member, commentId: string, resolved = true): Promise<Comment> {
    const d = decideAction(actor.role, 'comments.resolve');
    if (!d.allowed) throw new WorkspaceError('not_allowed', d.reason);
    await inTransaction(this.#pool, async (c) => {
      const row = await this.#lock(c, commentId);
      if ((row.resolved_at !== null) === resolved) return;
      const at = this.#now();
      await c.query('UPDATE comments SET resolved_at = $2, resolved_by = $3 WHERE id = $1', [
        commentId,
        resolved ? at : null,
        resolved ? actor.id : null,
      ]);
      await appendAudit(c, {
        at,
        userId: actor.id,
        actorName: actor.displayName,
        action: resolved ? 'comment.resolved' : 'comment.reopened',
        postId: row.post_id,
        revision: await this.#revision(c, row.post_id),
        detail: { commentId },
      });
    });
    return this.get(commentId);
  }

  async get(commentId: string): Promise<Comment> {
    const [comment] = await this.#read('c.id = $1', [commentId]);
    if (!comment) throw new WorkspaceError('comment_unknown', 'There is no such comment.', { commentId });
    return comment;
  }

  /** A post's comments, oldest first; unresolved only on request. */
  async list(postId: string, options: { unresolvedOnly?: boolean } = {}): Promise<Comment[]> {
    return this.#read(`c.post_id = $1${options.unresolvedOnly ? ' AND c.resolved_at IS NULL AND c.deleted_at IS NULL' : ''}`, [postId]);
  }

  /** Every version of a comment's text, from the post's history. */
  async versions(commentId: string): Promise<CommentVersion[]> {
    const { rows } = await this.#pool.query<{ at: Date; actor_name: string; action: string; detail: Record<string, unknown> }>(
      `SELECT at, actor_name, action, detail FROM audit_log
       WHERE action IN ('comment.added', 'comment.edited', 'comment.deleted') AND detail->>'commentId' = $1 ORDER BY id`,
      [commentId],
    );
    return rows.map((r) => {
      const action = r.action.slice('comment.'.length) as CommentVersion['action'];
      const body = String(action === 'edited' ? r.detail.after : (r.detail.body ?? ''));
      return { at: r.at, by: r.actor_name, action, body: action === 'deleted' ? '' : body };
    });
  }

  async #read(where: string, params: unknown[]): Promise<Comment[]> {
    const { rows } = await this.#pool.query<Row & { mentions: { userId: string; name: string }[] | null }>(
      `SELECT c.*, (SELECT json_agg(json_build_object('userId', u.id, 'name', u.display_name) ORDER BY u.display_name)
                    FROM comment_mentions m JOIN users u ON u.id = m.user_id WHERE m.comment_id = c.id) AS mentions
       FROM comments c WHERE ${where} ORDER BY c.created_at, c.id`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      postId: r.post_id,
      partIndex: r.part_index,
      replyTo: r.reply_to,
      authorId: r.author_id,
      authorName: r.author_name,
      external: r.review_link_id !== null && r.author_id === null,
      body: r.deleted_at ? '' : r.body,
      mentions: r.mentions ?? [],
      createdAt: r.created_at,
      editedAt: r.edited_at,
      resolvedAt: r.resolved_at,
      resolvedBy: r.resolved_by,
      deletedAt: r.deleted_at,
    }));
  }

  async #lock(c: pg.PoolClient, commentId: string): Promise<Row> {
    const { rows } = await c.query<Row>('SELECT * FROM comments WHERE id = $1 FOR UPDATE', [commentId]);
    const row = rows[0];
    if (!row) throw new WorkspaceError('comment_unknown', 'There is no such comment.', { commentId });
    if (row.deleted_at) throw new WorkspaceError('comment_deleted', 'This comment was deleted.', { commentId });
    return row;
  }

  async #revision(c: pg.PoolClient, postId: string): Promise<number | null> {
    const { rows } = await c.query<{ revision: number }>('SELECT revision FROM posts WHERE id = $1', [postId]);
    return rows[0]?.revision ?? null;
  }

  async #mentionsOf(c: pg.PoolClient, commentId: string): Promise<string[]> {
    const { rows } = await c.query<{ user_id: string }>('SELECT user_id FROM comment_mentions WHERE comment_id = $1', [commentId]);
    return rows.map((r) => r.user_id);
  }

  /** Resolves the body's @mentions against active members and stores them; returns their ids. */
  async #saveMentions(c: pg.PoolClient, commentId: string, body: string): Promise<string[]> {
    if (!body.includes('@')) return [];
    const { rows } = await c.query<Mentionable>('SELECT id, display_name AS "displayName", email FROM users WHERE deactivated_at IS NULL');
    const ids = mentionedIds(body, rows);
    for (const u of ids) await c.query('INSERT INTO comment_mentions (comment_id, user_id) VALUES ($1, $2)', [commentId, u]);
    return ids;
  }
}
