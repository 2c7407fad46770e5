// In-app notifications (read/unread) for review requests, decisions, @mentions and comments on one's post, and their
// optional email, for the kinds each person chose to get by email. Rows are written in the same transaction as what
// they tell of; email goes out after the commit, from an outbox every server process may drain (rows are claimed with
// FOR UPDATE SKIP LOCKED, so each is sent by one process). A mail server that fails marks the email failed with its
// reason; the in-app notification stays.

import type pg from 'pg';
import { newId } from '../auth/secrets';
import type { Queryable } from './db';
import type { Mailer } from './email';

export const NOTIFICATION_KINDS = ['review_requested', 'changes_requested', 'approved', 'mentioned', 'commented'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Which notifications a person also gets by email (users.email_notifications); every one is in the app anyway. */
export const EMAIL_PREFERENCES = ['all', 'needs_me', 'none'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];
export const isEmailPreference = (v: unknown): v is EmailPreference => (EMAIL_PREFERENCES as readonly unknown[]).includes(v);

/**
 * What "only what needs me" emails: someone waits for this person's decision (review requested), their post will not
 * go out until they change it (changes requested), or someone addressed them by name (mentioned). Approvals ask
 * nothing of them, and comments on their post that do name them by @mention.
 */
export const NEEDS_ME_KINDS: readonly NotificationKind[] = ['review_requested', 'changes_requested', 'mentioned'];

export interface NewNotification {
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly postId: string;
  readonly commentId?: string | null;
  readonly actorName: string;
  readonly summary: string;
}

export type EmailState = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

export interface Notification {
  readonly id: string;
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly postId: string | null;
  readonly commentId: string | null;
  readonly actorName: string;
  readonly summary: string;
  readonly createdAt: Date;
  readonly readAt: Date | null;
  readonly email: { readonly state: EmailState; readonly to: string | null; readonly error: string | null };
}

export interface EmailOptions {
  readonly mailer: Mailer;
  /** The workspace's address as people open it (https://kairos.example.org): links in emails start with it. */
  readonly linkBase: string;
}

export interface NotificationOptions {
  readonly now?: () => Date;
  /** Without it the workspace sends no email: notifications are in the app only. */
  readonly email?: EmailOptions;
  /** An email left "sending" longer than this (its process died) is marked failed rather than sent twice. */
  readonly stuckAfterMs?: number;
}

interface Row {
  id: string;
  user_id: string;
  kind: NotificationKind;
  post_id: string | null;
  comment_id: string | null;
  actor_name: string;
  summary: string;
  created_at: Date;
  read_at: Date | null;
  email_state: EmailState;
  email_to: string | null;
  email_error: string | null;
}

const toNotification = (r: Row): Notification => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  postId: r.post_id,
  commentId: r.comment_id,
  actorName: r.actor_name,
  summary: r.summary,
  createdAt: r.created_at,
  readAt: r.read_at,
  email: { state: r.email_state, to: r.email_to, error: r.email_error },
});

const SUBJECTS: Readonly<Record<NotificationKind, string>> = {
  review_requested: 'A post waits for your review',
  changes_requested: 'Changes were requested on your post',
  approved: 'Your post was approved',
  mentioned: 'You were mentioned in a comment',
  commented: 'New comment on your post',
};

export class NotificationCenter {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #email: EmailOptions | undefined;
  readonly #stuckAfterMs: number;
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(pool: pg.Pool, options: NotificationOptions = {}) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.#email = options.email;
    this.#stuckAfterMs = options.stuckAfterMs ?? 10 * 60_000;
  }

  /**
   * Writes the notifications inside the caller's transaction: one per person (the first of several for the same
   * person wins, so a mention on one's own post is one notification, not two), none for deactivated people. Returns
   * their ids for afterCommit.
   */
  async add(db: Queryable, items: readonly NewNotification[]): Promise<string[]> {
    const seen = new Set<string>();
    const ids: string[] = [];
    const at = this.#now();
    for (const n of items) {
      if (seen.has(n.userId)) continue;
      seen.add(n.userId);
      const id = newId('ntf');
      // The person's email preference is read in the same statement: the row is written either way, mailed or not.
      const { rowCount } = await db.query(
        `INSERT INTO notifications (id, user_id, kind, post_id, comment_id, actor_name, summary, created_at, email_state, email_to)
         SELECT $1, u.id, $3, $4, $5, $6, $7, $8, CASE WHEN m.send THEN 'pending' ELSE 'none' END, CASE WHEN m.send THEN u.email END
         FROM users u
         CROSS JOIN LATERAL (SELECT $9::boolean AND (u.email_notifications = 'all' OR (u.email_notifications = 'needs_me' AND $10::boolean)) AS send) m
         WHERE u.id = $2 AND u.deactivated_at IS NULL`,
        [
          id,
          n.userId,
          n.kind,
          n.postId,
          n.commentId ?? null,
          n.actorName,
          n.summary.slice(0, 300),
          at,
          this.#email !== undefined,
          NEEDS_ME_KINDS.includes(n.kind),
        ],
      );
      if (rowCount) ids.push(id);
    }
    return ids;
  }

  /** Whether the workspace has a mail server: without one nobody gets email, whatever they chose. */
  get emailConfigured(): boolean {
    return this.#email !== undefined;
  }

  /** A person's choice of notification emails; null for nobody (an unknown or deactivated id). */
  async emailPreference(userId: string): Promise<EmailPreference | null> {
    const { rows } = await this.#pool.query<{ email_notifications: EmailPreference }>(
      'SELECT email_notifications FROM users WHERE id = $1 AND deactivated_at IS NULL',
      [userId],
    );
    return rows[0]?.email_notifications ?? null;
  }

  /** Sets one's own choice; it applies to notifications written from now on (those pending are sent as they are). */
  async setEmailPreference(userId: string, preference: EmailPreference): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      'UPDATE users SET email_notifications = $2, updated_at = $3 WHERE id = $1 AND deactivated_at IS NULL',
      [userId, preference, this.#now()],
    );
    return (rowCount ?? 0) > 0;
  }

  /** Starts sending the emails of notifications just committed; drain() waits for it. */
  afterCommit(ids: readonly string[]): void {
    if (!this.#email || ids.length === 0) return;
    const run = this.deliverPending().catch((e: unknown) => {
      // The rows stay pending (or are marked failed) in the database; a database outage is reported here only.
      process.stderr.write(`Notification emails could not be processed: ${(e as Error).message}\n`);
    });
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
  }

  /** Waits until every delivery started by afterCommit has finished (for shutdown, and for tests). */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Sends every pending email once; returns how many were sent. Safe to run on several processes at once. */
  async deliverPending(limit = 50): Promise<number> {
    const email = this.#email;
    if (!email) return 0;
    const now = this.#now();
    await this.#pool.query(
      `UPDATE notifications SET email_state = 'failed',
         email_error = 'The server stopped while sending this email, so it may or may not have arrived; it was not sent again.'
       WHERE email_state = 'sending' AND email_attempted_at < $1`,
      [new Date(now.getTime() - this.#stuckAfterMs)],
    );
    const { rows } = await this.#pool.query<Row>(
      `UPDATE notifications n SET email_state = 'sending', email_attempted_at = $2
       WHERE n.id IN (SELECT id FROM notifications WHERE email_state = 'pending' ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING n.*`,
      [limit, now],
    );
    let sent = 0;
    for (const r of rows) {
      try {
        if (!r.email_to) throw new Error('This person has no email address.');
        await email.mailer.send({ to: r.email_to, subject: SUBJECTS[r.kind], text: this.#body(r, email.linkBase) });
        await this.#pool.query(`UPDATE notifications SET email_state = 'sent', email_error = NULL WHERE id = $1`, [r.id]);
        sent++;
      } catch (e) {
        await this.#pool.query(`UPDATE notifications SET email_state = 'failed', email_error = $2 WHERE id = $1`, [
          r.id,
          (e as Error).message.slice(0, 500),
        ]);
      }
    }
    return sent;
  }

  #body(r: Row, linkBase: string): string {
    const base = linkBase.replace(/\/+$/, '');
    const link = r.post_id
      ? `${base}/posts/${encodeURIComponent(r.post_id)}${r.comment_id ? `#comment-${encodeURIComponent(r.comment_id)}` : ''}`
      : base;
    return `${r.summary}\n\nOpen it in Kairos: ${link}\n\nYou get this email because you are a member of this Kairos workspace.\nEmail notifications (which emails you get, or none): ${base}/\n`;
  }

  async list(userId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<Notification[]> {
    const { rows } = await this.#pool.query<Row>(
      `SELECT * FROM notifications WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
       ORDER BY created_at DESC, id LIMIT $3`,
      [userId, options.unreadOnly ?? false, options.limit ?? 100],
    );
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const { rows } = await this.#pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Marks some of one's own notifications read (another person's ids are ignored); returns how many changed. */
  async markRead(userId: string, ids: readonly string[]): Promise<number> {
    const { rowCount } = await this.#pool.query(
      'UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND id = ANY($2) AND read_at IS NULL',
      [userId, ids, this.#now()],
    );
    return rowCount ?? 0;
  }

  async markUnread(userId: string, ids: readonly string[]): Promise<number> {
    const { rowCount } = await this.#pool.query('UPDATE notifications SET read_at = NULL WHERE user_id = $1 AND id = ANY($2)', [
      userId,
      ids,
    ]);
    return rowCount ?? 0;
  }

  async markAllRead(userId: string): Promise<number> {
    const { rowCount } = await this.#pool.query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [
      userId,
      this.#now(),
    ]);
    return rowCount ?? 0;
  }
}
