// Posts and their per-account targets on PostgreSQL: every read, and the writes of a post's own fields; status
// changes go through PgTransitionsStore, in the same transaction. The port of main/core/repos/posts.ts.

import type pg from 'pg';
import {
  type HistoryEntry,
  type PostStatus,
  type PostSummary,
  type PostView,
  SUMMARY_EXCERPT_CHARS,
  type TargetMark,
  type TargetStatus,
  type TargetView,
} from '../../../../shared/domain';
import { matchesSearch, searchWords } from '../../../../shared/search';
import type { PublishedPart } from '../../../core/publishing/types';
import type { Actor, NewEvent } from '../../../core/repos/events';
import type { MediaRow, StoredMedia } from '../../../core/repos/media';
import { viewsOf } from '../../../core/repos/postRows';
import type { ListFilter, NewPost, PostChange } from '../../../core/repos/posts';
import type { PostsStore } from '../../../core/stores/types';
import { historyOfPost } from './events';
import { at, ms, msOf, type Queryable, tx } from './pgDb';
import { mediaJsonOf, mediaOfJson, type PostMediaOver, postMediaSql } from './postMedia';
import { checkOptions, checkStringList } from './postValues';
import { PgQueueStore } from './queue';
import { PgTransitionsStore } from './transitions';

interface PostRow {
  id: string;
  text: string;
  time_zone: string;
  scheduled_at: Date | null;
  status: string;
  labels: unknown;
  options: unknown;
  parts: unknown;
  created_at: Date;
  updated_at: Date;
  /** Only when a search asks for them: each target's own text. */
  overrides?: string[];
}

/** A post read whole in one statement (get): its targets and media as json columns. */
interface WholePostRow extends PostRow {
  targets: TargetJson[];
  media: MediaRow[];
}

/** A target as the json of a whole post's read: its times as epoch milliseconds. */
type TargetJson = Omit<TargetRow, 'due_at' | 'published_at'> & { due_at: number | null; published_at: number | null };

interface TargetRow {
  id: string;
  post_id: string;
  account_id: string;
  status: TargetStatus;
  text_override: string | null;
  due_at: Date | null;
  attempts: number;
  remote_id: string | null;
  remote_url: string | null;
  last_error: string | null;
  published_at: Date | null;
  parts_published: number;
}

interface SummaryRow {
  id: string;
  excerpt: string;
  time_zone: string;
  scheduled_at: number | null;
  status: string;
  labels: unknown;
  marks: TargetMark[];
  updated_at: number;
  text?: string;
  parts?: unknown;
  options?: unknown;
  overrides?: string[];
}

const POST_COLUMNS = 'p.id, p.text, p.time_zone, p.scheduled_at, p.status, p.labels, p.options, p.parts, p.created_at, p.updated_at';

/** Each target's own text, in the order targets were added, for the search box. */
const OVERRIDES = `array(SELECT o.text_override FROM targets o WHERE o.post_id = p.id AND o.text_override IS NOT NULL ORDER BY o.position) AS overrides`;

const TARGET_COLUMNS = `t.id, t.post_id, t.account_id, t.status, t.text_override, t.due_at, t.attempts, t.remote_id, t.remote_url, t.last_error,
  t.published_at`;

/** A timestamptz as epoch milliseconds, in a column or inside json (what node-postgres makes of it, without a Date). */
const msJson = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::float8`;

/** A post's targets in the order they were added, as one json column (get); a single post counts every part published. */
const TARGETS_JSON = `coalesce((SELECT json_agg(json_build_object('id', t.id, 'post_id', t.post_id, 'account_id', t.account_id,
    'status', t.status, 'text_override', t.text_override, 'due_at', ${msJson('t.due_at')}, 'attempts', t.attempts,
    'remote_id', t.remote_id, 'remote_url', t.remote_url, 'last_error', t.last_error, 'published_at', ${msJson('t.published_at')},
    'parts_published', (SELECT count(*) FROM target_parts tp WHERE tp.target_id = t.id AND tp.remote_id IS NOT NULL))
  ORDER BY t.position) FROM targets t WHERE t.post_id = p.id), '[]'::json) AS targets`;

/** What a list counts, as SQLite's list does: a post without a thread counts its target's remote id. */
const LISTED_PARTS_PUBLISHED = `CASE WHEN p.parts = '[]'::jsonb THEN (t.remote_id IS NOT NULL)::int
  ELSE (SELECT count(*) FROM target_parts tp WHERE tp.target_id = t.id AND tp.remote_id IS NOT NULL)::int END AS parts_published`;

/** The calendar's marks: each target's account and status, in the order they were added (SQLite keeps them by trigger). */
const MARKS = `coalesce((SELECT json_agg(json_build_object('accountId', m.account_id, 'status', m.status) ORDER BY m.position)
  FROM targets m WHERE m.post_id = p.id), '[]'::json) AS marks`;

function toTarget(r: TargetRow | TargetJson): TargetView {
  return {
    id: r.id,
    accountId: r.account_id,
    status: r.status,
    textOverride: r.text_override,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'retrying' || r.status === 'scheduled' ? ms(r.due_at) : null,
    remoteId: r.remote_id,
    remoteUrl: r.remote_url,
    lastError: r.last_error,
    publishedAt: ms(r.published_at),
    partsPublished: r.parts_published,
  };
}

function toPost(r: PostRow, targets: readonly TargetView[], media: readonly StoredMedia[]): PostView {
  return {
    id: r.id,
    text: r.text,
    timeZone: r.time_zone,
    scheduledAt: ms(r.scheduled_at),
    status: r.status as PostView['status'],
    labels: checkStringList(r.labels, 'post_labels', r.id),
    options: checkOptions(r.options, r.id),
    parts: checkStringList(r.parts, 'post_thread', r.id),
    media: viewsOf(media),
    targets,
    createdAt: msOf(r.created_at),
    updatedAt: msOf(r.updated_at),
  };
}

/** The search box's rule (shared/search.ts) over a row that carries what it looks through. */
function matches(
  r: { id: string; text?: string; parts?: unknown; labels: unknown; options?: unknown; overrides?: string[] },
  words: string[],
) {
  const options = checkOptions(r.options, r.id);
  return matchesSearch(
    {
      text: r.text ?? '',
      parts: checkStringList(r.parts, 'post_thread', r.id),
      overrides: r.overrides ?? [],
      labels: checkStringList(r.labels, 'post_labels', r.id),
      contentWarning: options.contentWarning ?? null,
    },
    words,
  );
}

/**
 * What else must happen in a post's own transaction when it is written: on a workspace, the review workflow records
 * who wrote it and whether its content changed (a new revision goes back to review). Called after the post's rows.
 */
export interface PostWriteHooks {
  created(c: pg.PoolClient, postId: string): Promise<void>;
  edited(c: pg.PoolClient, postId: string): Promise<void>;
}

export const NO_POST_HOOKS: PostWriteHooks = { created: async () => {}, edited: async () => {} };

export class PgPostsStore implements PostsStore {
  /** Every change of a target's status: the publishing state machine's named transitions. */
  readonly transitions: PgTransitionsStore;
  /** The scheduler's side of the queue: what may start, claims with their parts, outcomes. */
  readonly queue: PgQueueStore;

  constructor(
    private readonly q: Queryable,
    private readonly media: PostMediaOver = postMediaSql,
    private readonly hooks: PostWriteHooks = NO_POST_HOOKS,
  ) {
    this.transitions = new PgTransitionsStore(q);
    this.queue = new PgQueueStore(q, media);
  }

  /** The same store inside the caller's transaction (a slot taken, an evergreen copy written). */
  within(c: pg.PoolClient): PgPostsStore {
    return new PgPostsStore(c, this.media, this.hooks);
  }

  async create(p: NewPost, actor: Actor): Promise<PostView> {
    await tx(this.q, async (c) => {
      await this.#insert(c, p, actor);
      await this.hooks.created(c, p.id);
    });
    return (await this.get(p.id)) as PostView;
  }

  /** Writes many posts in one transaction (an import): all of them or, if any insert fails, none. */
  async createMany(posts: readonly NewPost[], actor: Actor): Promise<void> {
    await tx(this.q, async (c) => {
      for (const p of posts) {
        await this.#insert(c, p, actor);
        await this.hooks.created(c, p.id);
      }
    });
  }

  async #insert(c: pg.PoolClient, p: NewPost, actor: Actor): Promise<void> {
    const targetStatus: TargetStatus = p.draft || p.scheduledAt === null ? 'draft' : 'scheduled';
    await c.query(
      `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, parts, created_at, updated_at, series_id, occurrence_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)`,
      [
        p.id,
        p.text,
        p.timeZone,
        at(p.scheduledAt),
        targetStatus,
        JSON.stringify(p.labels),
        JSON.stringify(p.options),
        JSON.stringify(p.parts),
        at(p.now),
        p.seriesId ?? null,
        at(p.occurrenceAt),
      ],
    );
    // A new post has no media yet, so there is nothing to detach first.
    if (p.media.length > 0) await this.media(c).attach(p.id, p.media, p.now);
    await this.transitions.within(c).create(p.id, p.targets, targetStatus === 'scheduled' ? p.scheduledAt : null, p.now, {
      actor,
      kind: targetStatus === 'draft' ? 'created as draft' : 'created and scheduled',
      detail: p.scheduledAt === null ? null : new Date(p.scheduledAt).toISOString(),
    });
  }

  /** The post with its targets and media in one statement: one round trip, and one snapshot of all three. */
  async get(id: string): Promise<PostView | null> {
    const row = (
      await this.q.query<WholePostRow>(
        `SELECT ${POST_COLUMNS}, ${TARGETS_JSON}, ${mediaJsonOf('p.id')} AS media FROM posts p WHERE p.id = $1`,
        [id],
      )
    ).rows[0];
    if (!row) return null;
    return toPost(row, row.targets.map(toTarget), mediaOfJson(row.media));
  }

  /** The WHERE clause, its parameters and the order for a list filter. */
  #selection(f: ListFilter): { whereSql: string; args: unknown[]; order: string; words: string[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const param = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    if (f.unscheduled) where.push('p.scheduled_at IS NULL');
    if (f.from !== undefined) where.push(`p.scheduled_at >= ${param(at(f.from))}`);
    if (f.to !== undefined) where.push(`p.scheduled_at < ${param(at(f.to))}`);
    if (f.statuses?.length) where.push(`p.status = ANY(${param([...f.statuses])}::text[])`);
    if (f.accountId) where.push(`EXISTS (SELECT 1 FROM targets x WHERE x.post_id = p.id AND x.account_id = ${param(f.accountId)})`);
    // Ties in time go by id, which follows creation (SQLite's rowid order).
    const order =
      f.from !== undefined || f.to !== undefined
        ? 'p.scheduled_at, p.created_at, p.id'
        : 'p.scheduled_at IS NULL, p.scheduled_at, p.created_at, p.id';
    const words = f.search === undefined ? [] : searchWords(f.search);
    return { whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', args, order, words };
  }

  /**
   * The rows a filter selects, in order, at most `limit`. The search box folds case and accents beyond what SQL
   * compares, so with search words the rows are read in order (with `searchColumns`, what the search looks through
   * beyond `columns`) and matched here until the limit is reached.
   */
  async #rows<R extends { id: string; labels: unknown }>(f: ListFilter, columns: string, searchColumns: string): Promise<R[]> {
    const { whereSql, args, order, words } = this.#selection(f);
    const limit = f.limit ?? 5000;
    if (words.length === 0) {
      const sql = `SELECT ${columns} FROM posts p ${whereSql} ORDER BY ${order} LIMIT $${args.length + 1}`;
      return (await this.q.query<R>(sql, [...args, limit])).rows;
    }
    const sql = `SELECT ${columns}${searchColumns ? `, ${searchColumns}` : ''}, ${OVERRIDES} FROM posts p ${whereSql} ORDER BY ${order}`;
    const out: R[] = [];
    for (const r of (await this.q.query<R>(sql, args)).rows) {
      if (out.length >= limit) break;
      if (matches(r, words)) out.push(r);
    }
    return out;
  }

  /** Posts in a time range (or unscheduled drafts), with their targets, in time order. */
  async list(f: ListFilter): Promise<PostView[]> {
    const posts = await this.#rows<PostRow>(f, POST_COLUMNS, '');
    if (posts.length === 0) return [];
    const ids = posts.map((p) => p.id);
    const targets = await this.q.query<TargetRow>(
      `SELECT ${TARGET_COLUMNS}, ${LISTED_PARTS_PUBLISHED} FROM targets t JOIN posts p ON p.id = t.post_id
       WHERE t.post_id = ANY($1::text[]) ORDER BY t.position`,
      [ids],
    );
    const targetsOf = new Map<string, TargetView[]>(ids.map((id) => [id, []]));
    for (const t of targets.rows) targetsOf.get(t.post_id)?.push(toTarget(t));
    const media = await this.media(this.q).ofPosts(ids);
    return posts.map((p) => toPost(p, targetsOf.get(p.id) ?? [], media.get(p.id) ?? []));
  }

  /** What the calendar draws of the posts a filter selects, in time order: one query with each post's marks. */
  async summaries(f: ListFilter): Promise<PostSummary[]> {
    // Times as epoch milliseconds: a week of a busy calendar is hundreds of rows, and numbers read faster than dates.
    const columns = `p.id, substr(p.text, 1, ${SUMMARY_EXCERPT_CHARS}) AS excerpt, p.time_zone, ${msJson('p.scheduled_at')} AS scheduled_at,
      p.status, p.labels, ${MARKS}, ${msJson('p.updated_at')} AS updated_at`;
    const rows = await this.#rows<SummaryRow>(f, columns, 'p.text, p.parts, p.options');
    return rows.map((r) => ({
      id: r.id,
      excerpt: r.excerpt,
      timeZone: r.time_zone,
      scheduledAt: ms(r.scheduled_at),
      status: r.status as PostStatus,
      labels: checkStringList(r.labels, 'post_labels', r.id),
      targets: r.marks,
      updatedAt: msOf(r.updated_at),
    }));
  }

  async history(postId: string): Promise<HistoryEntry[]> {
    return historyOfPost(this.q, postId);
  }

  /** Replaces text, labels, targets and time of a post that has not started publishing. */
  async update(id: string, change: PostChange, actor: NewEvent['actor']): Promise<PostView> {
    await tx(this.q, async (c) => {
      // Its targets are locked before the post (the order every transition takes them in).
      const existing = (
        await c.query<{ id: string; account_id: string; status: TargetStatus }>(
          'SELECT id, account_id, status FROM targets WHERE post_id = $1 ORDER BY position FOR UPDATE',
          [id],
        )
      ).rows;
      const status: TargetStatus = change.draft || change.scheduledAt === null ? 'draft' : 'scheduled';
      await c.query(
        'UPDATE posts SET text = $1, labels = $2, options = $3, parts = $4, time_zone = $5, scheduled_at = $6, updated_at = $7 WHERE id = $8',
        [
          change.text,
          JSON.stringify(change.labels),
          JSON.stringify(change.options),
          JSON.stringify(change.parts),
          change.timeZone,
          at(change.scheduledAt),
          at(change.now),
          id,
        ],
      );
      await this.media(c).attach(id, change.media, change.now);
      const keep = new Set(change.targets.map((t) => t.accountId));
      const gone = existing.filter((t) => !keep.has(t.account_id) && t.status !== 'published').map((t) => t.id);
      if (gone.length) await c.query('DELETE FROM targets WHERE id = ANY($1::text[])', [gone]);
      // The targets are locked above and the post by its UPDATE: the transition need not ask for either again.
      const left = existing.filter((t) => !gone.includes(t.id));
      await this.transitions.editLocked(
        c,
        id,
        left,
        change.targets,
        status === 'scheduled' ? change.scheduledAt : null,
        change.now,
        {
          actor,
          kind: change.eventKind,
          detail: change.detail,
        },
        true,
      );
      await this.hooks.edited(c, id);
    });
    return (await this.get(id)) as PostView;
  }

  async cancel(id: string, now: number, actor: Actor): Promise<PostView> {
    await this.transitions.cancel(id, now, actor);
    return (await this.get(id)) as PostView;
  }

  /** Deletes the post; its media becomes unused from `now` and is collected later (docs/MEDIA.md). */
  async delete(id: string, now: number): Promise<void> {
    await tx(this.q, async (c) => {
      await c.query('SELECT 1 FROM targets WHERE post_id = $1 ORDER BY position FOR UPDATE', [id]);
      await this.media(c).releaseOfPost(id, now);
      await c.query('DELETE FROM posts WHERE id = $1', [id]);
    });
  }

  /** Moves the post's own time (after every pending target of it was rescheduled to it). */
  async moveTime(postId: string, when: number, now: number): Promise<void> {
    await this.q.query('UPDATE posts SET scheduled_at = $1, updated_at = $2 WHERE id = $3', [at(when), at(now), postId]);
  }

  /** The earliest time any target is due, or null when nothing waits. */
  async nextDueAt(): Promise<number | null> {
    const r = await this.q.query<{ due: Date | null }>(
      "SELECT min(due_at) AS due FROM targets WHERE status IN ('scheduled', 'retrying') AND due_at IS NOT NULL AND handoff_id IS NULL",
    );
    return ms(r.rows[0]?.due);
  }

  /** Records one published part of a thread at once, so a failure later resumes after it. */
  recordPart(targetId: string, index: number, part: PublishedPart, now: number): Promise<void> {
    return this.queue.recordPart(targetId, index, part, now);
  }

  /** Recomputes the summary status of posts after their targets changed elsewhere (an account removed). */
  refreshStatuses(postIds: readonly string[], now: number): Promise<void> {
    return this.transitions.refreshPosts(postIds, now);
  }

  /** Post ids whose targets belong to an account, for events after an account change. */
  async postIdsOfAccount(accountId: string): Promise<string[]> {
    const r = await this.q.query<{ post_id: string }>(
      'SELECT post_id FROM targets WHERE account_id = $1 GROUP BY post_id ORDER BY min(position)',
      [accountId],
    );
    return r.rows.map((x) => x.post_id);
  }
}
