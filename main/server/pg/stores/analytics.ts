// What the analytics view and reports read, on PostgreSQL: the SQL of main/core/reports/analyticsRepo.ts with times as
// timestamptz. Every instant goes in and comes out as epoch milliseconds (timestamptz keeps microseconds, so nothing
// is rounded), and the days of a time zone are cut by the core from those instants, never by the database's zone,
// so both engines bucket alike. Ties in an order are broken as SQLite's rowid breaks them (the position columns),
// and text keys are ordered bytewise (COLLATE "C") as SQLite orders them.

import type pg from 'pg';
import { z } from 'zod';
import type { PublishContext } from '../../../../shared/analytics';
import type { PlatformId } from '../../../../shared/domain';
import { type TrendItem, TrendItemSchema } from '../../../../shared/signals';
import type {
  AudienceRow,
  PeriodRow,
  PeriodTotals,
  PostDetails,
  PublishedRow,
  PublishedTargetOfPost,
  SnapshotCells,
  TargetFilter,
} from '../../../core/reports/analyticsRepo';
import { checkStored } from '../../../core/stores/stored';
import type { AnalyticsStore } from '../../../core/stores/types';
import { at, ms, msOf, type Queryable } from './pgDb';

const TrendItemsSchema = z.array(TrendItemSchema);

/** Labels are a JSON array (the column's check); anything but strings in it shows as no label, as on the desktop. */
const labelsOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

// Published targets in [$1, $2) of the accounts ($3) and labels ($4) asked for; null for all.
const IN_RANGE = `t.status = 'published' AND t.published_at >= $1 AND t.published_at < $2
  AND ($3::text[] IS NULL OR t.account_id = ANY ($3::text[]))
  AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM posts p WHERE p.id = t.post_id AND p.labels ?| $4::text[]))`;

const ENGAGEMENTS = 'coalesce(l.likes, 0) + coalesce(l.reposts, 0) + coalesce(l.replies, 0) + coalesce(l.quotes, 0)';

const filterParams = (fromAt: number, toAt: number, f: TargetFilter) => [at(fromAt), at(toAt), f.accountIds, f.labels];

type Cell = string | number | boolean | Date | unknown[] | null;

export class PgAnalyticsStore implements AnalyticsStore {
  constructor(private readonly q: Queryable) {}

  /** The same store over a client inside a transaction. */
  within(c: pg.PoolClient): PgAnalyticsStore {
    return new PgAnalyticsStore(c);
  }

  /** Rows as arrays: the view reads thousands of them and object rows cost more than the arithmetic. */
  async #tuples(text: string, values: unknown[]): Promise<Cell[][]> {
    const r = await this.q.query<Cell[]>({ text, values, rowMode: 'array' });
    return r.rows;
  }

  async published(fromAt: number, toAt: number): Promise<PublishedRow[]> {
    const rows = await this.#tuples(
      `SELECT t.id, t.post_id, t.account_id, a.platform, p.text, p.labels, t.remote_url, t.published_at, t.intended_at,
         l.likes, l.reposts, l.replies, l.quotes, l.taken_at, coalesce(l.deleted, false)
       FROM targets t
       JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id
       LEFT JOIN metric_latest l ON l.target_id = t.id
       WHERE t.status = 'published' AND t.published_at >= $1 AND t.published_at < $2
       ORDER BY t.published_at, t.position`,
      [at(fromAt), at(toAt)],
    );
    return rows.map((r) => ({
      targetId: r[0] as string,
      postId: r[1] as string,
      accountId: r[2] as string,
      platform: r[3] as PlatformId,
      text: r[4] as string,
      labels: labelsOf(r[5]),
      url: r[6] as string | null,
      publishedAt: msOf(r[7] as Date),
      intendedAt: ms(r[8] as Date | null),
      likes: r[9] as number | null,
      reposts: r[10] as number | null,
      replies: r[11] as number | null,
      quotes: r[12] as number | null,
      lastReadAt: ms(r[13] as Date | null),
      deleted: r[14] === true,
    }));
  }

  /** Published targets in [fromAt, toAt) with their latest numbers, oldest first, as tuples. */
  async periodRows(fromAt: number, toAt: number, filter: TargetFilter): Promise<PeriodRow[]> {
    const rows = await this.#tuples(
      `SELECT t.id, t.post_id, t.account_id, t.published_at, l.likes, l.reposts, l.replies, l.quotes, l.taken_at, l.deleted
       FROM targets t LEFT JOIN metric_latest l ON l.target_id = t.id
       WHERE ${IN_RANGE} ORDER BY t.published_at, t.position`,
      filterParams(fromAt, toAt, filter),
    );
    // deleted as SQLite's integer flag: 1 or 0, null before the first reading.
    return rows.map(
      (r) =>
        [
          r[0] as string,
          r[1] as string,
          r[2] as string,
          msOf(r[3] as Date),
          r[4] as number | null,
          r[5] as number | null,
          r[6] as number | null,
          r[7] as number | null,
          ms(r[8] as Date | null),
          r[9] === null ? null : r[9] ? 1 : 0,
        ] as const,
    );
  }

  async totals(fromAt: number, toAt: number, filter: TargetFilter): Promise<PeriodTotals> {
    const [r] = await this.#tuples(
      `SELECT count(*)::float8, coalesce(sum(${ENGAGEMENTS}), 0)::float8, coalesce(sum(coalesce(l.replies, 0)), 0)::float8
       FROM targets t LEFT JOIN metric_latest l ON l.target_id = t.id WHERE ${IN_RANGE}`,
      filterParams(fromAt, toAt, filter),
    );
    return { posts: r?.[0] as number, engagements: r?.[1] as number, replies: r?.[2] as number };
  }

  /** Each account's median engagements over its targets published in [fromAt, toAt) and read at least once. */
  async medians(fromAt: number, toAt: number, accountIds: readonly string[] | null): Promise<Map<string, number>> {
    const rows = await this.#tuples(
      `WITH e AS (SELECT t.account_id AS a, ${ENGAGEMENTS} AS v
         FROM targets t JOIN metric_latest l ON l.target_id = t.id
         WHERE ${IN_RANGE} AND l.taken_at IS NOT NULL),
       r AS (SELECT a, v, row_number() OVER (PARTITION BY a ORDER BY v) AS k, count(*) OVER (PARTITION BY a) AS n FROM e)
       SELECT a, avg(v)::float8 FROM r WHERE k IN ((n + 1) / 2, n / 2 + 1) GROUP BY a ORDER BY a COLLATE "C"`,
      filterParams(fromAt, toAt, { accountIds, labels: null }),
    );
    return new Map(rows.map((r) => [r[0] as string, r[1] as number]));
  }

  async details(targetId: string): Promise<PostDetails> {
    const { rows } = await this.q.query<{ text: string; labels: unknown; remote_url: string | null }>(
      'SELECT p.text, p.labels, t.remote_url FROM targets t JOIN posts p ON p.id = t.post_id WHERE t.id = $1',
      [targetId],
    );
    const r = rows[0];
    return { text: r?.text ?? '', labels: r ? labelsOf(r.labels) : [], url: r?.remote_url ?? null };
  }

  /** Every account's network, accounts removed from the list included while their rows remain. */
  async platforms(): Promise<Map<string, PlatformId>> {
    const rows = await this.#tuples('SELECT id, platform FROM accounts ORDER BY created_at, id COLLATE "C"', []);
    return new Map(rows.map((r) => [r[0] as string, r[1] as PlatformId]));
  }

  async audience(fromAt: number, toAt: number): Promise<AudienceRow[]> {
    const { rows } = await this.q.query<{
      account_id: string;
      platform: PlatformId;
      kind: 'reply' | 'mention';
      target_id: string | null;
      post_id: string | null;
      author: string;
      text: string;
      url: string | null;
      created_at: Date;
      engagements: number;
    }>(
      `SELECT ap.account_id, a.platform, ap.kind, ap.target_id, t.post_id, ap.author, ap.text, ap.url, ap.created_at,
         coalesce(ap.likes, 0) + coalesce(ap.reposts, 0) + coalesce(ap.replies, 0) AS engagements
       FROM audience_posts ap JOIN accounts a ON a.id = ap.account_id LEFT JOIN targets t ON t.id = ap.target_id
       WHERE ap.created_at >= $1 AND ap.created_at < $2 ORDER BY ap.created_at, ap.position`,
      [at(fromAt), at(toAt)],
    );
    return rows.map((r) => ({
      accountId: r.account_id,
      platform: r.platform,
      kind: r.kind,
      targetId: r.target_id,
      postId: r.post_id,
      author: r.author,
      text: r.text,
      url: r.url,
      createdAt: msOf(r.created_at),
      engagements: r.engagements,
    }));
  }

  /** The account's follower count on the last reading on or before `day` (UTC), or null. */
  async followersOn(accountId: string, day: string): Promise<number | null> {
    const { rows } = await this.q.query<{ followers: number }>(
      'SELECT followers FROM follower_counts WHERE account_id = $1 AND day <= $2::date ORDER BY day DESC LIMIT 1',
      [accountId, day],
    );
    return rows[0]?.followers ?? null;
  }

  /** The first reading on or after `day`, for an account followed only since then. */
  async firstFollowersFrom(accountId: string, day: string): Promise<number | null> {
    const { rows } = await this.q.query<{ followers: number }>(
      'SELECT followers FROM follower_counts WHERE account_id = $1 AND day >= $2::date ORDER BY day LIMIT 1',
      [accountId, day],
    );
    return rows[0]?.followers ?? null;
  }

  async moments(fromAt: number, toAt: number): Promise<{ at: number; kind: string; account_id: string | null; detail: string | null }[]> {
    const { rows } = await this.q.query<{ at: Date; kind: string; account_id: string | null; detail: string | null }>(
      `SELECT at, kind, account_id, detail FROM events
       WHERE kind IN ('publishing paused', 'publishing resumed', 'account paused', 'account resumed', 'pause changed')
         AND at >= $1 AND at < $2
       ORDER BY at, id`,
      [at(fromAt), at(toAt)],
    );
    return rows.map((r) => ({ at: msOf(r.at), kind: r.kind, account_id: r.account_id, detail: r.detail }));
  }

  /** Every snapshot of the targets published in the range, grouped by target, oldest first. */
  async snapshotsOf(fromAt: number, toAt: number): Promise<Map<string, SnapshotCells[]>> {
    const rows = await this.#tuples(
      `SELECT s.target_id, s.milestone, s.taken_at, s.state, s.likes, s.reposts, s.replies, s.quotes, s.source
       FROM targets t JOIN metric_snapshots s ON s.target_id = t.id
       WHERE t.status = 'published' AND t.published_at >= $1 AND t.published_at < $2
       ORDER BY s.target_id COLLATE "C", s.taken_at, s.id`,
      [at(fromAt), at(toAt)],
    );
    const out = new Map<string, SnapshotCells[]>();
    for (const r of rows) {
      const id = r[0] as string;
      const list = out.get(id) ?? [];
      if (list.length === 0) out.set(id, list);
      list.push({
        milestone: r[1] as string,
        takenAt: msOf(r[2] as Date),
        state: r[3] as 'counted' | 'deleted',
        likes: r[4] as number | null,
        reposts: r[5] as number | null,
        replies: r[6] as number | null,
        quotes: r[7] as number | null,
        source: r[8] as string,
      });
    }
    return out;
  }

  /** A post's text and labels, for its own analytics page; null when there is no such post. */
  async postHeader(postId: string): Promise<{ text: string; labels: string[] } | null> {
    const { rows } = await this.q.query<{ text: string; labels: unknown }>('SELECT text, labels FROM posts WHERE id = $1', [postId]);
    const r = rows[0];
    return r ? { text: r.text, labels: labelsOf(r.labels) } : null;
  }

  /** The post's published targets, in the order they were added. */
  async publishedTargetsOf(postId: string): Promise<PublishedTargetOfPost[]> {
    const { rows } = await this.q.query<{
      id: string;
      account_id: string;
      remote_url: string | null;
      published_at: Date;
      intended_at: Date | null;
    }>(
      `SELECT id, account_id, remote_url, published_at, intended_at FROM targets
       WHERE post_id = $1 AND status = 'published' AND published_at IS NOT NULL ORDER BY position`,
      [postId],
    );
    return rows.map((t) => ({
      id: t.id,
      accountId: t.account_id,
      remoteUrl: t.remote_url,
      publishedAt: msOf(t.published_at),
      intendedAt: ms(t.intended_at),
    }));
  }

  /** The latest trends the panel saw for an account in [from, at]. */
  async trendsSeen(accountId: string, when: number, from: number): Promise<{ items: TrendItem[]; fetchedAt: number } | null> {
    const { rows } = await this.q.query<{ items: unknown; fetched_at: Date }>(
      `SELECT items, fetched_at FROM signal_history
       WHERE account_id = $1 AND kind = 'trends' AND fetched_at <= $2 AND fetched_at >= $3
       ORDER BY fetched_at DESC LIMIT 1`,
      [accountId, at(when), at(from)],
    );
    const r = rows[0];
    return r ? { items: checkStored(TrendItemsSchema, r.items, 'saved_trends', accountId), fetchedAt: msOf(r.fetched_at) } : null;
  }

  /** Watchlist alerts raised about a post. */
  async alertsOf(postId: string): Promise<{ term: string; severity: string; at: number }[]> {
    const { rows } = await this.q.query<{ term: string; severity: string; created_at: Date }>(
      'SELECT term, severity, created_at FROM conversation_alerts WHERE post_id = $1 ORDER BY created_at, position',
      [postId],
    );
    return rows.map((a) => ({ term: a.term, severity: a.severity, at: msOf(a.created_at) }));
  }

  /** The pre-flight checks of a target, oldest first. */
  async preflightOf(targetId: string): Promise<PublishContext['preflight']> {
    const { rows } = await this.q.query<{
      result: 'clear' | 'held' | 'skipped';
      reason: string;
      decision: 'send' | 'hold' | 'edit' | null;
      checked_at: Date;
    }>('SELECT result, reason, decision, checked_at FROM preflight_checks WHERE target_id = $1 ORDER BY checked_at, due_at', [targetId]);
    return rows.map((p) => ({ result: p.result, reason: p.reason, decision: p.decision, checkedAt: msOf(p.checked_at) }));
  }

  /** The last crisis pause (of everything or of the account) that began at or before `at`. */
  async pauseBefore(accountId: string, when: number): Promise<{ at: number; detail: string | null } | null> {
    const { rows } = await this.q.query<{ at: Date; detail: string | null }>(
      `SELECT at, detail FROM events WHERE kind IN ('publishing paused', 'account paused') AND (account_id IS NULL OR account_id = $1)
       AND at <= $2 ORDER BY at DESC, id DESC LIMIT 1`,
      [accountId, at(when)],
    );
    const r = rows[0];
    return r ? { at: msOf(r.at), detail: r.detail } : null;
  }

  /** When publishing (or the account) was first resumed at or after `at`. */
  async resumedAfter(accountId: string, when: number): Promise<number | null> {
    const { rows } = await this.q.query<{ at: Date }>(
      `SELECT at FROM events WHERE kind IN ('publishing resumed', 'account resumed') AND (account_id IS NULL OR account_id = $1)
       AND at >= $2 ORDER BY at, id LIMIT 1`,
      [accountId, at(when)],
    );
    return rows[0] ? msOf(rows[0].at) : null;
  }

  /** Replies to a target, oldest first, with their engagements summed. */
  async repliesOf(
    targetId: string,
  ): Promise<{ author: string; text: string; url: string | null; createdAt: number; engagements: number }[]> {
    const { rows } = await this.q.query<{ author: string; text: string; url: string | null; created_at: Date; e: number }>(
      `SELECT author, text, url, created_at, coalesce(likes, 0) + coalesce(reposts, 0) + coalesce(replies, 0) AS e
       FROM audience_posts WHERE target_id = $1 ORDER BY created_at, position`,
      [targetId],
    );
    return rows.map((r) => ({ author: r.author, text: r.text, url: r.url, createdAt: msOf(r.created_at), engagements: r.e }));
  }

  async labels(): Promise<string[]> {
    const { rows } = await this.q.query<{ labels: unknown }>(`SELECT DISTINCT labels FROM posts WHERE labels <> '[]'::jsonb`);
    const all = new Set<string>();
    for (const r of rows) for (const l of labelsOf(r.labels)) all.add(l);
    return [...all].sort((a, b) => a.localeCompare(b));
  }
}
