// Posts and their per-account targets: every read, and the writes of a post's own fields (status changes: publishing/).

import type { Statement } from 'better-sqlite3';
import type { PostOptions, PostSummary, PostView, TargetStatus, TargetView } from '../../../shared/domain';
import { matchesSearch, searchWords } from '../../../shared/search';
import type { Db } from '../db/database';
import { SqliteTransitions } from '../publishing/sqliteTransitions';
import type { NewTarget, TargetTransitions } from '../publishing/store';
import type { PublishedPart } from '../publishing/types';
import type { EventLog, NewEvent } from './events';
import type { MediaAttachment, MediaRepo } from './media';
import {
  LIST_COLUMNS,
  type ListRow,
  type PostRow,
  parseList,
  parseOptions,
  postFromListRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryFromRow,
  TARGET_COLUMNS,
  type TargetRow,
  targetFromListRow,
  toPost,
  toTarget,
  viewsOf,
} from './postRows';
import { PublishQueue } from './queue';

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
  /** Set for an occurrence of a recurring series. */
  readonly seriesId?: string | null;
  readonly occurrenceAt?: number | null;
}

/** A change to a post that has not started publishing: its content, accounts and time, with the history line. */
export interface PostChange {
  readonly text: string;
  readonly labels: readonly string[];
  readonly options: PostOptions;
  readonly parts: readonly string[];
  readonly media: readonly MediaAttachment[];
  readonly timeZone: string;
  readonly scheduledAt: number | null;
  readonly draft: boolean;
  readonly targets: readonly NewTarget[];
  readonly now: number;
  readonly eventKind: string;
  readonly detail: string | null;
}

export interface ListFilter {
  readonly from?: number;
  readonly to?: number;
  readonly statuses?: readonly string[];
  readonly accountId?: string;
  readonly unscheduled?: boolean;
  /** Search box words: all must be found in the post, case and accents folded (shared/search.ts). */
  readonly search?: string;
  readonly limit?: number;
}

export class PostsRepo {
  readonly #s;
  /** Every change of a target's status: the publishing state machine's named transitions. */
  readonly transitions: TargetTransitions;
  /** The scheduler's side of the queue: what may start, claims with their parts, outcomes. */
  readonly queue: PublishQueue;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly media: MediaRepo,
  ) {
    // The search box's rule (shared/search.ts), which folds case and accents beyond what SQLite's LIKE knows.
    // One query is asked about every post in the range, so its words are worked out once.
    let asked = { query: '', words: [] as string[] };
    db.function('post_matches_search', { deterministic: true }, (id, text, parts, labels, options, overrides, query) => {
      if (asked.query !== query) asked = { query: String(query), words: searchWords(String(query)) };
      const warning = options === '{}' ? null : (parseOptions(String(options), String(id)).contentWarning ?? null);
      const post = {
        text: String(text),
        parts: parseList(String(parts), 'post_thread', String(id)),
        overrides: overrides === null ? [] : String(overrides).split('\x1e'),
        labels: parseList(String(labels), 'post_labels', String(id)),
        contentWarning: warning,
      };
      return matchesSearch(post, asked.words) ? 1 : 0;
    });
    this.#s = {
      insertPost: db.prepare(
        `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, parts, created_at, updated_at, series_id, occurrence_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getPost: db.prepare<[string], PostRow>('SELECT * FROM posts WHERE id = ?'),
      targetsOf: db.prepare<[string], TargetRow>(`SELECT ${TARGET_COLUMNS} FROM targets WHERE post_id = ? ORDER BY rowid`),
      nextDue: db.prepare<[], { due: number | null }>(
        "SELECT min(due_at) AS due FROM targets WHERE status IN ('scheduled', 'retrying') AND due_at IS NOT NULL AND handoff_id IS NULL",
      ),
    };
    this.transitions = new SqliteTransitions(db, events);
    this.queue = new PublishQueue(db, media, this.transitions);
  }

  #write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  create(p: NewPost, actor: NewEvent['actor']): PostView {
    this.#write(() => this.#insert(p, actor));
    return this.get(p.id) as PostView;
  }

  /** Writes many posts in one transaction (an import): all of them or, if any insert fails, none. */
  createMany(posts: readonly NewPost[], actor: NewEvent['actor']): void {
    this.#write(() => {
      for (const p of posts) this.#insert(p, actor);
    });
  }

  #insert(p: NewPost, actor: NewEvent['actor']): void {
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
      p.seriesId ?? null,
      p.occurrenceAt ?? null,
    );
    // A new post has no media yet, so there is nothing to detach first.
    if (p.media.length > 0) this.media.attach(p.id, p.media, p.now);
    this.transitions.create(p.id, p.targets, targetStatus === 'scheduled' ? p.scheduledAt : null, p.now, {
      actor,
      kind: targetStatus === 'draft' ? 'created as draft' : 'created and scheduled',
      detail: p.scheduledAt === null ? null : new Date(p.scheduledAt).toISOString(),
    });
  }

  get(id: string): PostView | null {
    const row = this.#s.getPost.get(id);
    if (!row) return null;
    return toPost(row, this.#s.targetsOf.all(id).map(toTarget), this.media.ofPost(id));
  }

  /** The WHERE clause, its arguments and the order for a list filter. */
  #selection(f: ListFilter): { whereSql: string; args: (string | number)[]; order: string } {
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
    if (f.search !== undefined && searchWords(f.search).length > 0) {
      const overrides = '(SELECT group_concat(o.text_override, char(30)) FROM targets o WHERE o.post_id = p.id)';
      where.push(`post_matches_search(p.id, p.text, p.parts, p.labels, p.options, ${overrides}, ?)`);
      args.push(f.search);
    }
    // A time range is always scheduled, so it can follow the (scheduled_at, created_at) index without a sort.
    const order =
      f.from !== undefined || f.to !== undefined ? 'p.scheduled_at, p.created_at' : 'p.scheduled_at IS NULL, p.scheduled_at, p.created_at';
    return { whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '', args, order };
  }

  /** Posts in a time range (or unscheduled drafts), with their targets, in time order. */
  list(f: ListFilter): PostView[] {
    const { whereSql, args, order } = this.#selection(f);
    const limit = f.limit ?? 5000;
    // One pass: the chosen posts joined with their targets, read as arrays (much cheaper than row objects).
    const sql = `SELECT ${LIST_COLUMNS} FROM (SELECT * FROM posts p ${whereSql} ORDER BY ${order} LIMIT ?) p
      LEFT JOIN targets t ON t.post_id = p.id ORDER BY ${order}, t.rowid`;
    const rows = this.#cached<unknown[]>(sql)
      .raw()
      .all(...args, limit) as ListRow[];
    if (rows.length === 0) return [];
    const out: PostView[] = [];
    const targetsOf = new Map<string, TargetView[]>();
    for (const r of rows) {
      let targets = targetsOf.get(r[0]);
      if (!targets) {
        targets = [];
        targetsOf.set(r[0], targets);
        out.push(postFromListRow(r, targets));
      }
      if (r[10] !== null) targets.push(targetFromListRow(r));
    }
    const media = this.media.ofPosts(out.map((p) => p.id));
    return media.size === 0 ? out : out.map((p) => ({ ...p, media: viewsOf(media.get(p.id) ?? []) }));
  }

  /**
   * What the calendar draws of the posts a filter selects, in time order: read from the posts alone (the
   * targets' accounts and statuses are kept on each post by triggers), so a month of posts is one index range.
   */
  summaries(f: ListFilter): PostSummary[] {
    const { whereSql, args, order } = this.#selection(f);
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM posts p ${whereSql} ORDER BY ${order} LIMIT ?`;
    const rows = this.#cached<unknown[]>(sql)
      .raw()
      .all(...args, f.limit ?? 5000) as SummaryRow[];
    return rows.map(summaryFromRow);
  }

  readonly #statements = new Map<string, Statement<(string | number)[], unknown>>();

  /** List queries are built from a few filter shapes; each shape is prepared once. */
  #cached<Row>(sql: string): Statement<(string | number)[], Row> {
    let st = this.#statements.get(sql);
    if (!st) {
      st = this.db.prepare<(string | number)[], unknown>(sql);
      this.#statements.set(sql, st);
    }
    return st as Statement<(string | number)[], Row>;
  }

  history(postId: string) {
    return this.events.historyOfPost(postId);
  }

  /** Replaces text, labels, targets and time of a post that has not started publishing. */
  update(id: string, change: PostChange, actor: NewEvent['actor']): PostView {
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
      this.media.attach(id, change.media, change.now);
      const keep = new Set(change.targets.map((t) => t.accountId));
      for (const t of existing) {
        if (!keep.has(t.account_id) && t.status !== 'published') {
          this.db.prepare('DELETE FROM targets WHERE id = ?').run(t.id);
        }
      }
      this.transitions.edit(id, change.targets, status === 'scheduled' ? change.scheduledAt : null, change.now, {
        actor,
        kind: change.eventKind,
        detail: change.detail,
      });
    });
    return this.get(id) as PostView;
  }

  cancel(id: string, now: number, actor: NewEvent['actor']): PostView {
    this.transitions.cancel(id, now, actor);
    return this.get(id) as PostView;
  }

  /** Deletes the post; its media becomes unused from `now` and is collected later (docs/MEDIA.md). */
  delete(id: string, now: number): void {
    this.#write(() => {
      this.media.releaseOfPost(id, now);
      this.db.prepare('DELETE FROM posts WHERE id = ?').run(id);
    });
  }

  /** Moves the post's own time (after every pending target of it was rescheduled to it). */
  moveTime(postId: string, at: number, now: number): void {
    this.#write(() => {
      this.db.prepare('UPDATE posts SET scheduled_at = ?, updated_at = ? WHERE id = ?').run(at, now, postId);
    });
  }

  /** The earliest time any target is due, or null when nothing waits. */
  nextDueAt(): number | null {
    return this.#s.nextDue.get()?.due ?? null;
  }

  /** Records one published part of a thread at once, so a failure later resumes after it. */
  recordPart(targetId: string, index: number, part: PublishedPart, now: number): void {
    this.queue.recordPart(targetId, index, part, now);
  }

  /** Recomputes the summary status of posts after their targets changed elsewhere (an account removed). */
  refreshStatuses(postIds: readonly string[], now: number): void {
    this.transitions.refreshPosts(postIds, now);
  }

  /** Post ids whose targets belong to an account, for events after an account change. */
  postIdsOfAccount(accountId: string): string[] {
    return this.db
      .prepare<[string], { post_id: string }>('SELECT DISTINCT post_id FROM targets WHERE account_id = ?')
      .all(accountId)
      .map((r) => r.post_id);
  }
}
