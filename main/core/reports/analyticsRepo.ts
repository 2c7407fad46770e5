// SQL the analytics view and reports read: published targets with their latest numbers, audience posts, followers, moments.

import type { PlatformId } from '../../../shared/domain';
import type { Db } from '../db/database';
import { parseJson } from '../parse';

export interface PublishedRow {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  readonly platform: PlatformId;
  readonly text: string;
  readonly labels: readonly string[];
  readonly url: string | null;
  readonly publishedAt: number;
  readonly intendedAt: number | null;
  /** The latest counted snapshot, or null before the first one. */
  readonly likes: number | null;
  readonly reposts: number | null;
  readonly replies: number | null;
  readonly quotes: number | null;
  readonly lastReadAt: number | null;
  readonly deleted: boolean;
}

/** What the view needs of each published target in a period, as a tuple (thousands of them, so no objects). */
export type PeriodRow = readonly [
  targetId: string,
  postId: string,
  accountId: string,
  publishedAt: number,
  likes: number | null,
  reposts: number | null,
  replies: number | null,
  quotes: number | null,
  lastReadAt: number | null,
  deleted: number | null,
];

/** Accounts and labels to keep (null: all), as the SQL filters take them. */
export interface TargetFilter {
  readonly accountIds: readonly string[] | null;
  readonly labels: readonly string[] | null;
}

export interface PeriodTotals {
  readonly posts: number;
  readonly engagements: number;
  readonly replies: number;
}

export interface PostDetails {
  readonly text: string;
  readonly labels: readonly string[];
  readonly url: string | null;
}

export interface AudienceRow {
  readonly accountId: string;
  readonly platform: PlatformId;
  readonly kind: 'reply' | 'mention';
  readonly targetId: string | null;
  readonly postId: string | null;
  readonly author: string;
  readonly text: string;
  readonly url: string | null;
  readonly createdAt: number;
  readonly engagements: number;
}

export interface SnapshotCells {
  readonly milestone: string;
  readonly takenAt: number;
  readonly state: 'counted' | 'deleted';
  readonly likes: number | null;
  readonly reposts: number | null;
  readonly replies: number | null;
  readonly quotes: number | null;
  readonly source: string;
}

type SnapshotRaw = [string, string, number, 'counted' | 'deleted', number | null, number | null, number | null, number | null, string];

type Raw = [
  string,
  string,
  string,
  string,
  string,
  string,
  string | null,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number,
];

const parseLabels = (s: string): string[] => {
  // Labels are written as a JSON array; anything else shows as no labels.
  const v = parseJson(s);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

// Published targets in [from, to) of the accounts and labels asked for; the filters are JSON arrays or NULL for all.
const IN_RANGE = `t.status = 'published' AND t.published_at >= @from AND t.published_at < @to
  AND (@accounts IS NULL OR t.account_id IN (SELECT value FROM json_each(@accounts)))
  AND (@labels IS NULL OR EXISTS (SELECT 1 FROM posts p, json_each(p.labels) j
    WHERE p.id = t.post_id AND json_valid(p.labels) AND j.type = 'text' AND j.value IN (SELECT value FROM json_each(@labels))))`;

const ENGAGEMENTS = 'coalesce(l.likes, 0) + coalesce(l.reposts, 0) + coalesce(l.replies, 0) + coalesce(l.quotes, 0)';

const filterParams = (fromAt: number, toAt: number, f: TargetFilter) => ({
  from: fromAt,
  to: toAt,
  accounts: f.accountIds ? JSON.stringify(f.accountIds) : null,
  labels: f.labels ? JSON.stringify(f.labels) : null,
});

export class AnalyticsRepo {
  readonly #published;
  readonly #periodRows;
  readonly #totals;
  readonly #medians;
  readonly #details;
  readonly #platforms;
  readonly #audience;
  readonly #followers;
  readonly #firstFollowers;
  readonly #moments;
  readonly #labels;
  readonly #snapshots;

  constructor(db: Db) {
    // The view's reads: narrow tuples for the period, sums for the period before, medians computed by SQLite,
    // and the text of the few posts it shows. Each one index range over targets by publishing time.
    this.#periodRows = db
      .prepare(
        `SELECT t.id, t.post_id, t.account_id, t.published_at, l.likes, l.reposts, l.replies, l.quotes, l.taken_at, l.deleted
         FROM targets t INDEXED BY targets_by_published LEFT JOIN metric_latest l ON l.target_id = t.id
         WHERE ${IN_RANGE} ORDER BY t.published_at`,
      )
      .raw(true);
    this.#totals = db
      .prepare(
        `SELECT count(*), coalesce(sum(${ENGAGEMENTS}), 0), coalesce(sum(coalesce(l.replies, 0)), 0)
         FROM targets t INDEXED BY targets_by_published LEFT JOIN metric_latest l ON l.target_id = t.id WHERE ${IN_RANGE}`,
      )
      .raw(true);
    // The median of each account's engagements on its targets read at least once (the middle one, or the mean of the two).
    this.#medians = db
      .prepare(
        `WITH e AS (SELECT t.account_id AS a, ${ENGAGEMENTS} AS v
           FROM targets t INDEXED BY targets_by_published JOIN metric_latest l ON l.target_id = t.id
           WHERE ${IN_RANGE} AND l.taken_at IS NOT NULL),
         r AS (SELECT a, v, row_number() OVER (PARTITION BY a ORDER BY v) AS k, count(*) OVER (PARTITION BY a) AS n FROM e)
         SELECT a, avg(v) FROM r WHERE k IN ((n + 1) / 2, n / 2 + 1) GROUP BY a`,
      )
      .raw(true);
    this.#details = db.prepare<[string], { text: string; labels: string; remote_url: string | null }>(
      'SELECT p.text, p.labels, t.remote_url FROM targets t JOIN posts p ON p.id = t.post_id WHERE t.id = ?',
    );
    this.#platforms = db.prepare('SELECT id, platform FROM accounts').raw(true);
    // Raw rows: the view reads thousands of them and object rows cost more than the arithmetic.
    this.#published = db
      .prepare<[number, number]>(
        `SELECT t.id, t.post_id, t.account_id, a.platform, p.text, p.labels, t.remote_url, t.published_at, t.intended_at,
           l.likes, l.reposts, l.replies, l.quotes, l.taken_at, coalesce(l.deleted, 0)
         FROM targets t INDEXED BY targets_by_published
         JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id
         LEFT JOIN metric_latest l ON l.target_id = t.id
         WHERE t.status = 'published' AND t.published_at >= ? AND t.published_at < ?
         ORDER BY t.published_at`,
      )
      .raw(true);
    this.#audience = db.prepare<
      [number, number],
      {
        account_id: string;
        platform: PlatformId;
        kind: 'reply' | 'mention';
        target_id: string | null;
        post_id: string | null;
        author: string;
        text: string;
        url: string | null;
        created_at: number;
        engagements: number;
      }
    >(
      `SELECT ap.account_id, a.platform, ap.kind, ap.target_id, t.post_id, ap.author, ap.text, ap.url, ap.created_at,
         coalesce(ap.likes, 0) + coalesce(ap.reposts, 0) + coalesce(ap.replies, 0) AS engagements
       FROM audience_posts ap JOIN accounts a ON a.id = ap.account_id LEFT JOIN targets t ON t.id = ap.target_id
       WHERE ap.created_at >= ? AND ap.created_at < ? ORDER BY ap.created_at`,
    );
    this.#followers = db.prepare<[string, string], { followers: number }>(
      'SELECT followers FROM follower_counts WHERE account_id = ? AND day <= ? ORDER BY day DESC LIMIT 1',
    );
    this.#firstFollowers = db.prepare<[string, string], { followers: number }>(
      'SELECT followers FROM follower_counts WHERE account_id = ? AND day >= ? ORDER BY day LIMIT 1',
    );
    this.#moments = db.prepare<[number, number], { at: number; kind: string; account_id: string | null; detail: string | null }>(
      `SELECT at, kind, account_id, detail FROM events
       WHERE kind IN ('publishing paused', 'publishing resumed', 'account paused', 'account resumed', 'pause changed') AND at >= ? AND at < ?
       ORDER BY at, id`,
    );
    this.#snapshots = db
      .prepare<[number, number]>(
        `SELECT s.target_id, s.milestone, s.taken_at, s.state, s.likes, s.reposts, s.replies, s.quotes, s.source
         FROM targets t INDEXED BY targets_by_published JOIN metric_snapshots s ON s.target_id = t.id
         WHERE t.status = 'published' AND t.published_at >= ? AND t.published_at < ? ORDER BY s.target_id, s.taken_at, s.id`,
      )
      .raw(true);
    this.#labels = db.prepare<[], { labels: string }>(`SELECT DISTINCT labels FROM posts WHERE labels <> '[]'`);
  }

  published(fromAt: number, toAt: number): PublishedRow[] {
    return (this.#published.all(fromAt, toAt) as Raw[]).map((r) => ({
      targetId: r[0],
      postId: r[1],
      accountId: r[2],
      platform: r[3] as PlatformId,
      text: r[4],
      labels: r[5] === '[]' ? [] : parseLabels(r[5]),
      url: r[6],
      publishedAt: r[7],
      intendedAt: r[8],
      likes: r[9],
      reposts: r[10],
      replies: r[11],
      quotes: r[12],
      lastReadAt: r[13],
      deleted: r[14] === 1,
    }));
  }

  /** Published targets in [fromAt, toAt) with their latest numbers, oldest first, as tuples. */
  periodRows(fromAt: number, toAt: number, filter: TargetFilter): PeriodRow[] {
    return this.#periodRows.all(filterParams(fromAt, toAt, filter)) as PeriodRow[];
  }

  /** How many targets were published in [fromAt, toAt), their engagements and replies, counted by SQLite. */
  totals(fromAt: number, toAt: number, filter: TargetFilter): PeriodTotals {
    const [posts, engagements, replies] = this.#totals.get(filterParams(fromAt, toAt, filter)) as [number, number, number];
    return { posts, engagements, replies };
  }

  /** Each account's median engagements over its targets published in [fromAt, toAt) and read at least once. */
  medians(fromAt: number, toAt: number, accountIds: readonly string[] | null): Map<string, number> {
    const rows = this.#medians.all(filterParams(fromAt, toAt, { accountIds, labels: null })) as [string, number][];
    return new Map(rows);
  }

  /** The text, labels and link of one target's post, for the few posts the view shows. */
  details(targetId: string): PostDetails {
    const r = this.#details.get(targetId);
    return { text: r?.text ?? '', labels: r ? (r.labels === '[]' ? [] : parseLabels(r.labels)) : [], url: r?.remote_url ?? null };
  }

  /** Every account's network, accounts removed from the list included while their rows remain. */
  platforms(): Map<string, PlatformId> {
    return new Map(this.#platforms.all() as [string, PlatformId][]);
  }

  audience(fromAt: number, toAt: number): AudienceRow[] {
    return this.#audience.all(fromAt, toAt).map((r) => ({
      accountId: r.account_id,
      platform: r.platform,
      kind: r.kind,
      targetId: r.target_id,
      postId: r.post_id,
      author: r.author,
      text: r.text,
      url: r.url,
      createdAt: r.created_at,
      engagements: r.engagements,
    }));
  }

  /** The account's follower count on the last reading on or before `day` (UTC), or null. */
  followersOn(accountId: string, day: string): number | null {
    return this.#followers.get(accountId, day)?.followers ?? null;
  }

  /** The first reading on or after `day`, for an account followed only since then. */
  firstFollowersFrom(accountId: string, day: string): number | null {
    return this.#firstFollowers.get(accountId, day)?.followers ?? null;
  }

  moments(fromAt: number, toAt: number) {
    return this.#moments.all(fromAt, toAt);
  }

  /** Every snapshot of the targets published in the range, grouped by target, oldest first. */
  snapshotsOf(fromAt: number, toAt: number): Map<string, SnapshotCells[]> {
    const out = new Map<string, SnapshotCells[]>();
    for (const r of this.#snapshots.all(fromAt, toAt) as SnapshotRaw[]) {
      const list = out.get(r[0]) ?? [];
      if (list.length === 0) out.set(r[0], list);
      list.push({ milestone: r[1], takenAt: r[2], state: r[3], likes: r[4], reposts: r[5], replies: r[6], quotes: r[7], source: r[8] });
    }
    return out;
  }

  labels(): string[] {
    const all = new Set<string>();
    for (const r of this.#labels.all()) for (const l of parseLabels(r.labels)) all.add(l);
    return [...all].sort((a, b) => a.localeCompare(b));
  }
}
