// Posts and their per-account targets: every read and every state change of the publishing queue.

import { type PostOptions, type PostView, summarisePostStatus, type TargetStatus, type TargetView } from '../../../shared/domain';
import type { Db } from '../db/database';
import { newIdempotencyKey } from '../ids';
import type { EventLog, NewEvent } from './events';
import type { MediaAttachment, MediaRepo, StoredMedia } from './media';

export interface NewTarget {
  readonly id: string;
  readonly accountId: string;
  readonly textOverride: string | null;
  readonly idempotencyKey: string;
}

export interface NewPost {
  readonly id: string;
  readonly text: string;
  readonly timeZone: string;
  readonly scheduledAt: number | null;
  readonly labels: readonly string[];
  readonly options: PostOptions;
  readonly parts: readonly string[];
  readonly media: readonly MediaAttachment[];
  readonly draft: boolean;
  readonly targets: readonly NewTarget[];
  readonly now: number;
}

/** One part of a thread as a platform call needs it, with what is already published of it. */
export interface ClaimedPart {
  readonly index: number;
  readonly text: string;
  readonly idempotencyKey: string;
  readonly media: readonly StoredMedia[];
  readonly done: PublishedPart | null;
}

export interface PublishedPart {
  readonly remoteId: string;
  readonly remoteUrl: string | null;
  /** Platform-specific references needed to reply to it (a Bluesky uri and cid). */
  readonly ref?: Readonly<Record<string, string>>;
}

export interface ListFilter {
  readonly from?: number;
  readonly to?: number;
  readonly statuses?: readonly string[];
  readonly accountId?: string;
  readonly unscheduled?: boolean;
  readonly limit?: number;
}

/** A target claimed for publishing, with everything the platform call needs. */
export interface ClaimedTarget {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  /** The first part's text (with this account's override applied). */
  readonly text: string;
  readonly idempotencyKey: string;
  readonly attempt: number;
  readonly scheduledAt: number | null;
  readonly options: PostOptions;
  /** Every part in order, the first included. */
  readonly parts: readonly ClaimedPart[];
}

interface PostRow {
  id: string;
  text: string;
  time_zone: string;
  scheduled_at: number | null;
  status: string;
  labels: string;
  options: string;
  parts: string;
  created_at: number;
  updated_at: number;
}

interface TargetRow {
  id: string;
  post_id: string;
  account_id: string;
  status: TargetStatus;
  text_override: string | null;
  due_at: number | null;
  attempts: number;
  remote_id: string | null;
  remote_url: string | null;
  last_error: string | null;
  published_at: number | null;
  parts_published: number;
}

const TARGET_COLUMNS = `id, post_id, account_id, status, text_override, due_at, attempts, remote_id, remote_url, last_error, published_at,
  (SELECT count(*) FROM target_parts tp WHERE tp.target_id = targets.id AND tp.remote_id IS NOT NULL) AS parts_published`;

function toTarget(r: TargetRow): TargetView {
  return {
    id: r.id,
    accountId: r.account_id,
    status: r.status,
    textOverride: r.text_override,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'retrying' || r.status === 'scheduled' ? r.due_at : null,
    remoteId: r.remote_id,
    remoteUrl: r.remote_url,
    lastError: r.last_error,
    publishedAt: r.published_at,
    partsPublished: r.parts_published,
  };
}

function toPost(r: PostRow, targets: readonly TargetView[], media: readonly StoredMedia[]): PostView {
  return {
    id: r.id,
    text: r.text,
    timeZone: r.time_zone,
    scheduledAt: r.scheduled_at,
    status: r.status as PostView['status'],
    labels: JSON.parse(r.labels) as string[],
    options: JSON.parse(r.options) as PostOptions,
    parts: JSON.parse(r.parts) as string[],
    media: media.map(({ storedName: _s, postId: _p, ...view }) => view),
    targets,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class PostsRepo {
  readonly #s;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly media: MediaRepo,
  ) {
    this.#s = {
      insertPost: db.prepare(
        `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, parts, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertTarget: db.prepare(
        `INSERT INTO targets (id, post_id, account_id, status, text_override, due_at, idempotency_key)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      getPost: db.prepare<[string], PostRow>('SELECT * FROM posts WHERE id = ?'),
      targetsOf: db.prepare<[string], TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE post_id = ? ORDER BY rowid`),
      targetStatuses: db.prepare<[string], { status: TargetStatus }>('SELECT status FROM targets WHERE post_id = ?'),
      setPostStatus: db.prepare('UPDATE posts SET status = ?, updated_at = ? WHERE id = ?'),
      nextDue: db.prepare<[], { due: number | null }>(
        "SELECT min(due_at) AS due FROM targets WHERE status IN ('scheduled', 'retrying') AND due_at IS NOT NULL AND handoff_id IS NULL",
      ),
      dueIds: db.prepare<[number, number], { id: string }>(
        `SELECT t.id FROM targets t JOIN accounts a ON a.id = t.account_id
         WHERE t.status IN ('scheduled', 'retrying') AND t.due_at <= ? AND a.status = 'connected' AND t.handoff_id IS NULL
         ORDER BY t.due_at, t.rowid LIMIT ?`,
      ),
      claim: db.prepare<[number, string, number], ClaimRow>(
        `UPDATE targets SET status = 'publishing', attempts = attempts + 1, lease_until = ?
         WHERE id = ? AND status IN ('scheduled', 'retrying') AND due_at <= ? AND handoff_id IS NULL
         RETURNING id, post_id, account_id, text_override, idempotency_key, attempts`,
      ),
      finish: db.prepare(
        `UPDATE targets SET status = ?, due_at = ?, lease_until = NULL, remote_id = coalesce(?, remote_id),
         remote_url = coalesce(?, remote_url), last_error = ?, published_at = coalesce(?, published_at)
         WHERE id = ? AND status = 'publishing'`,
      ),
      targetPost: db.prepare<[string], { post_id: string; account_id: string }>('SELECT post_id, account_id FROM targets WHERE id = ?'),
      expiredLeases: db.prepare<[number], { id: string; post_id: string; account_id: string }>(
        "SELECT id, post_id, account_id FROM targets WHERE status = 'publishing' AND (lease_until IS NULL OR lease_until < ?)",
      ),
    };
  }

  #write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  #refreshStatus(postId: string, now: number): void {
    const statuses = this.#s.targetStatuses.all(postId).map((r) => r.status);
    this.#s.setPostStatus.run(summarisePostStatus(statuses), now, postId);
  }

  create(p: NewPost, actor: NewEvent['actor']): PostView {
    this.#write(() => {
      const targetStatus: TargetStatus = p.draft || p.scheduledAt === null ? 'draft' : 'scheduled';
      this.#s.insertPost.run(
        p.id,
        p.text,
        p.timeZone,
        p.scheduledAt,
        targetStatus,
        JSON.stringify(p.labels),
        JSON.stringify(p.options),
        JSON.stringify(p.parts),
        p.now,
        p.now,
      );
      this.media.attach(p.id, p.media);
      for (const t of p.targets) {
        this.#s.insertTarget.run(
          t.id,
          p.id,
          t.accountId,
          targetStatus,
          t.textOverride,
          targetStatus === 'scheduled' ? p.scheduledAt : null,
          t.idempotencyKey,
        );
      }
      this.#refreshStatus(p.id, p.now);
      this.events.append({
        at: p.now,
        actor,
        kind: targetStatus === 'draft' ? 'created as draft' : 'created and scheduled',
        postId: p.id,
        detail: p.scheduledAt === null ? null : new Date(p.scheduledAt).toISOString(),
      });
    });
    return this.get(p.id) as PostView;
  }

  get(id: string): PostView | null {
    const row = this.#s.getPost.get(id);
    if (!row) return null;
    return toPost(row, this.#s.targetsOf.all(id).map(toTarget), this.media.ofPost(id));
  }

  /** Posts in a time range (or unscheduled drafts), with their targets, in time order. */
  list(f: ListFilter): PostView[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (f.unscheduled) where.push('p.scheduled_at IS NULL');
    if (f.from !== undefined) {
      where.push('p.scheduled_at >= ?');
      args.push(f.from);
    }
    if (f.to !== undefined) {
      where.push('p.scheduled_at < ?');
      args.push(f.to);
    }
    if (f.statuses?.length) {
      where.push(`p.status IN (${f.statuses.map(() => '?').join(',')})`);
      args.push(...f.statuses);
    }
    if (f.accountId) {
      where.push('EXISTS (SELECT 1 FROM targets x WHERE x.post_id = p.id AND x.account_id = ?)');
      args.push(f.accountId);
    }
    const sql = `SELECT p.* FROM posts p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.scheduled_at IS NULL, p.scheduled_at, p.created_at LIMIT ?`;
    args.push(f.limit ?? 5000);
    const posts = this.db.prepare<(string | number)[], PostRow>(sql).all(...args);
    if (posts.length === 0) return [];
    const byPost = new Map<string, TargetView[]>();
    const ids = posts.map((p) => p.id);
    // Read targets in chunks to stay under SQLite's parameter limit.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db
        .prepare<string[], TargetRow>(
          `SELECT ${TARGET_COLUMNS} FROM targets WHERE post_id IN (${chunk.map(() => '?').join(',')}) ORDER BY rowid`,
        )
        .all(...chunk);
      for (const r of rows) {
        const list = byPost.get(r.post_id) ?? [];
        list.push(toTarget(r));
        byPost.set(r.post_id, list);
      }
    }
    const media = this.media.ofPosts(ids);
    return posts.map((p) => toPost(p, byPost.get(p.id) ?? [], media.get(p.id) ?? []));
  }

  history(postId: string) {
    return this.events.historyOfPost(postId);
  }

  /** Replaces text, labels, targets and time of a post that has not started publishing. */
  update(
    id: string,
    change: {
      text: string;
      labels: readonly string[];
      options: PostOptions;
      parts: readonly string[];
      media: readonly MediaAttachment[];
      timeZone: string;
      scheduledAt: number | null;
      draft: boolean;
      targets: readonly NewTarget[];
      now: number;
      eventKind: string;
      detail: string | null;
    },
    actor: NewEvent['actor'],
  ): PostView {
    this.#write(() => {
      const existing = this.#s.targetsOf.all(id);
      const status: TargetStatus = change.draft || change.scheduledAt === null ? 'draft' : 'scheduled';
      this.db
        .prepare(
          'UPDATE posts SET text = ?, labels = ?, options = ?, parts = ?, time_zone = ?, scheduled_at = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          change.text,
          JSON.stringify(change.labels),
          JSON.stringify(change.options),
          JSON.stringify(change.parts),
          change.timeZone,
          change.scheduledAt,
          change.now,
          id,
        );
      this.media.attach(id, change.media);
      const keep = new Set(change.targets.map((t) => t.accountId));
      for (const t of existing) {
        if (!keep.has(t.account_id) && t.status !== 'published') {
          this.db.prepare('DELETE FROM targets WHERE id = ?').run(t.id);
        }
      }
      for (const t of change.targets) {
        const old = existing.find((e) => e.account_id === t.accountId);
        if (old) {
          if (old.status === 'published' || old.status === 'cancelled') continue;
          this.db
            .prepare(
              "UPDATE targets SET text_override = ?, status = ?, due_at = ?, last_error = NULL WHERE id = ? AND status != 'publishing'",
            )
            .run(t.textOverride, status, status === 'scheduled' ? change.scheduledAt : null, old.id);
        } else {
          this.#s.insertTarget.run(
            t.id,
            id,
            t.accountId,
            status,
            t.textOverride,
            status === 'scheduled' ? change.scheduledAt : null,
            t.idempotencyKey,
          );
        }
      }
      this.#refreshStatus(id, change.now);
      this.events.append({ at: change.now, actor, kind: change.eventKind, postId: id, detail: change.detail });
    });
    return this.get(id) as PostView;
  }

  cancel(id: string, now: number, actor: NewEvent['actor']): PostView {
    this.#write(() => {
      this.db
        .prepare(
          "UPDATE targets SET status = 'cancelled', due_at = NULL WHERE post_id = ? AND status NOT IN ('published', 'publishing', 'cancelled')",
        )
        .run(id);
      this.#refreshStatus(id, now);
      this.events.append({ at: now, actor, kind: 'cancelled', postId: id });
    });
    return this.get(id) as PostView;
  }

  delete(id: string): void {
    this.#write(() => {
      this.db.prepare('DELETE FROM posts WHERE id = ?').run(id);
    });
  }

  /** The earliest time any target is due, or null when nothing waits. */
  nextDueAt(): number | null {
    return this.#s.nextDue.get()?.due ?? null;
  }

  /**
   * Claims due targets (scheduled/retrying → publishing) in one transaction, before any network call.
   * Each claim bumps the attempt count and sets a lease; the event log records it.
   */
  claimDue(now: number, leaseMs: number, limit: number): ClaimedTarget[] {
    return this.#write(() => {
      const claimed: ClaimedTarget[] = [];
      for (const { id } of this.#s.dueIds.all(now, limit)) {
        const row = this.#s.claim.get(now + leaseMs, id, now);
        if (!row) continue;
        const post = this.#s.getPost.get(row.post_id) as PostRow;
        const texts = [row.text_override ?? post.text, ...(JSON.parse(post.parts) as string[])];
        claimed.push({
          targetId: row.id,
          postId: row.post_id,
          accountId: row.account_id,
          text: texts[0] as string,
          idempotencyKey: row.idempotency_key,
          attempt: row.attempts,
          scheduledAt: post.scheduled_at,
          options: JSON.parse(post.options) as PostOptions,
          parts: this.#partsForAttempt(row.id, row.idempotency_key, texts, this.media.ofPost(row.post_id)),
        });
        this.#refreshStatus(row.post_id, now);
        this.events.append({
          at: now,
          actor: 'scheduler',
          kind: 'publishing',
          postId: row.post_id,
          targetId: row.id,
          accountId: row.account_id,
          detail: `attempt ${row.attempts}`,
        });
      }
      return claimed;
    });
  }

  /**
   * Each part's idempotency key is stored before its first attempt (the first part uses the target's key),
   * and what is already published is returned so a thread resumes where it stopped.
   */
  #partsForAttempt(targetId: string, firstKey: string, texts: readonly string[], media: readonly StoredMedia[]): ClaimedPart[] {
    const ensure = this.db.prepare('INSERT OR IGNORE INTO target_parts (target_id, part_index, idempotency_key) VALUES (?, ?, ?)');
    for (let i = 0; i < texts.length; i++) ensure.run(targetId, i, i === 0 ? firstKey : newIdempotencyKey());
    const rows = this.db
      .prepare<
        [string],
        { part_index: number; idempotency_key: string; remote_id: string | null; remote_url: string | null; remote_ref: string | null }
      >('SELECT part_index, idempotency_key, remote_id, remote_url, remote_ref FROM target_parts WHERE target_id = ? ORDER BY part_index')
      .all(targetId);
    return texts.map((text, index) => {
      const r = rows.find((x) => x.part_index === index);
      return {
        index,
        text,
        idempotencyKey: r?.idempotency_key ?? firstKey,
        media: media.filter((m) => m.partIndex === index),
        done:
          r?.remote_id != null
            ? {
                remoteId: r.remote_id,
                remoteUrl: r.remote_url,
                ...(r.remote_ref ? { ref: JSON.parse(r.remote_ref) as Record<string, string> } : {}),
              }
            : null,
      };
    });
  }

  /** Records one published part of a thread at once, so a failure later resumes after it. */
  recordPart(targetId: string, index: number, part: PublishedPart, now: number): void {
    this.db
      .prepare(
        'UPDATE target_parts SET remote_id = ?, remote_url = ?, remote_ref = ?, published_at = ? WHERE target_id = ? AND part_index = ?',
      )
      .run(part.remoteId, part.remoteUrl, part.ref ? JSON.stringify(part.ref) : null, now, targetId, index);
  }

  /** Records how a publishing attempt ended; only a target still in `publishing` changes. */
  finishAttempt(
    targetId: string,
    outcome:
      | { status: 'published'; remoteId: string; remoteUrl: string | null }
      | { status: 'retrying'; nextAt: number; reason: string }
      | { status: 'failed' | 'unconfirmed' | 'scheduled'; reason: string; dueAt?: number | null },
    now: number,
  ): boolean {
    return this.#write(() => {
      const published = outcome.status === 'published';
      const res = this.#s.finish.run(
        outcome.status,
        outcome.status === 'retrying' ? outcome.nextAt : 'dueAt' in outcome ? (outcome.dueAt ?? null) : null,
        published ? outcome.remoteId : null,
        published ? outcome.remoteUrl : null,
        published ? null : outcome.reason,
        published ? now : null,
        targetId,
      );
      if (res.changes === 0) return false;
      const owner = this.#s.targetPost.get(targetId);
      if (owner) {
        this.#refreshStatus(owner.post_id, now);
        this.events.append({
          at: now,
          actor: 'scheduler',
          kind: outcome.status,
          postId: owner.post_id,
          targetId,
          accountId: owner.account_id,
          detail: published
            ? (outcome.remoteUrl ?? outcome.remoteId)
            : outcome.status === 'retrying'
              ? `${outcome.reason} (next attempt ${new Date(outcome.nextAt).toISOString()})`
              : outcome.reason,
        });
      }
      return true;
    });
  }

  /** Targets left in `publishing` by a process that stopped before recording the outcome. */
  expiredPublishing(now: number): { targetId: string; postId: string; accountId: string }[] {
    return this.#s.expiredLeases.all(now).map((r) => ({ targetId: r.id, postId: r.post_id, accountId: r.account_id }));
  }

  /** Recomputes the summary status of posts after their targets changed elsewhere (an account removed). */
  refreshStatuses(postIds: readonly string[], now: number): void {
    this.#write(() => {
      for (const id of postIds) this.#refreshStatus(id, now);
    });
  }

  /** Post ids whose targets belong to an account, for events after an account change. */
  postIdsOfAccount(accountId: string): string[] {
    return this.db
      .prepare<[string], { post_id: string }>('SELECT DISTINCT post_id FROM targets WHERE account_id = ?')
      .all(accountId)
      .map((r) => r.post_id);
  }
}

interface ClaimRow {
  id: string;
  post_id: string;
  account_id: string;
  text_override: string | null;
  idempotency_key: string;
  attempts: number;
}
