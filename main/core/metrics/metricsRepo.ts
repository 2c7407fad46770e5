// SQL of the numbers kept over time: snapshots per target, followers per day, audience posts and signal history.

import { z } from 'zod';
import { SignalPostSchema } from '../../../shared/signals';
import type { Db } from '../db/database';
import type { AccountNumbers, AudienceReply, PostSnapshot } from '../platforms/types';
import { parseStored } from '../stores/stored';
import { FOLLOW_FOR_MS, type Milestone } from './milestones';

const SignalPostsSchema = z.array(SignalPostSchema);

/** A published target whose numbers are followed. */
export interface FollowedTarget {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  readonly platform: string;
  readonly remoteId: string;
  readonly publishedAt: number;
  /** Milestones already taken. */
  readonly taken: ReadonlySet<string>;
  readonly deleted: boolean;
}

export interface StoredSnapshot {
  readonly targetId: string;
  readonly milestone: Milestone;
  readonly takenAt: number;
  readonly state: 'counted' | 'deleted';
  readonly likes: number | null;
  readonly reposts: number | null;
  readonly replies: number | null;
  readonly quotes: number | null;
  readonly source: string;
}

export interface StoredAudiencePost {
  readonly accountId: string;
  readonly remoteId: string;
  readonly kind: 'reply' | 'mention';
  readonly targetId: string | null;
  readonly author: string;
  readonly text: string;
  readonly url: string | null;
  readonly language: string | null;
  readonly createdAt: number;
  readonly likes: number | null;
  readonly reposts: number | null;
  readonly replies: number | null;
}

interface SnapshotRow {
  target_id: string;
  milestone: Milestone;
  taken_at: number;
  state: 'counted' | 'deleted';
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  source: string;
}

const snapshotOf = (r: SnapshotRow): StoredSnapshot => ({
  targetId: r.target_id,
  milestone: r.milestone,
  takenAt: r.taken_at,
  state: r.state,
  likes: r.likes,
  reposts: r.reposts,
  replies: r.replies,
  quotes: r.quotes,
  source: r.source,
});

export const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

export class MetricsRepo {
  readonly #followed;
  readonly #one;
  readonly #insertSnapshot;
  readonly #upsertFollowers;
  readonly #followersOn;
  readonly #upsertAudience;
  readonly #appendSignal;
  readonly #snapshotsOf;

  constructor(private readonly db: Db) {
    const followedSql = `SELECT t.id, t.post_id, t.account_id, a.platform, t.remote_id, t.published_at,
        (SELECT group_concat(s.milestone) FROM metric_snapshots s WHERE s.target_id = t.id) AS taken,
        EXISTS (SELECT 1 FROM metric_snapshots s WHERE s.target_id = t.id AND s.state = 'deleted') AS deleted
      FROM targets t JOIN accounts a ON a.id = t.account_id
      WHERE t.status = 'published' AND t.remote_id IS NOT NULL AND t.published_at IS NOT NULL`;
    this.#followed = db.prepare<[number], FollowedRow>(`${followedSql} AND t.published_at >= ? ORDER BY t.published_at`);
    this.#one = db.prepare<[string], FollowedRow>(`${followedSql} AND t.id = ?`);
    this.#insertSnapshot = db.prepare(
      `INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, quotes, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.#upsertFollowers = db.prepare(
      `INSERT INTO follower_counts (account_id, day, followers, following, taken_at, source) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id, day) DO UPDATE SET followers = excluded.followers, following = excluded.following,
         taken_at = excluded.taken_at, source = excluded.source`,
    );
    this.#followersOn = db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM follower_counts WHERE account_id = ? AND day = ?',
    );
    this.#upsertAudience = db.prepare(
      `INSERT INTO audience_posts (account_id, remote_id, kind, target_id, author, text, url, language, created_at, likes, reposts, replies, fetched_at)
       VALUES (@accountId, @remoteId, @kind, @targetId, @author, @text, @url, @language, @createdAt, @likes, @reposts, @replies, @fetchedAt)
       ON CONFLICT (account_id, remote_id) DO UPDATE SET target_id = coalesce(excluded.target_id, target_id),
         kind = CASE WHEN excluded.target_id IS NOT NULL THEN 'reply' ELSE kind END, text = excluded.text,
         likes = coalesce(excluded.likes, likes), reposts = coalesce(excluded.reposts, reposts),
         replies = coalesce(excluded.replies, replies), fetched_at = excluded.fetched_at`,
    );
    this.#appendSignal = db.prepare(
      'INSERT INTO signal_history (account_id, kind, term, items, fetched_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.#snapshotsOf = db.prepare<[string], SnapshotRow>('SELECT * FROM metric_snapshots WHERE target_id = ? ORDER BY taken_at, id');
  }

  /** Published targets still followed at `now` (published within the follow window). */
  followed(now: number): FollowedTarget[] {
    return this.#followed.all(now - FOLLOW_FOR_MS).map(followedOf);
  }

  target(targetId: string): FollowedTarget | null {
    const r = this.#one.get(targetId);
    return r ? followedOf(r) : null;
  }

  saveSnapshots(items: readonly { snapshot: PostSnapshot; milestone: Milestone }[], source: string, now: number): void {
    this.db.transaction(() => {
      for (const { snapshot: s, milestone } of items) {
        if (s.state === 'deleted') this.#insertSnapshot.run(s.targetId, milestone, now, 'deleted', null, null, null, null, source);
        else this.#insertSnapshot.run(s.targetId, milestone, now, 'counted', s.likes, s.reposts, s.replies, s.quotes, source);
      }
    })();
  }

  snapshotsOf(targetId: string): StoredSnapshot[] {
    return this.#snapshotsOf.all(targetId).map(snapshotOf);
  }

  hasFollowersOn(accountId: string, at: number): boolean {
    return (this.#followersOn.get(accountId, utcDay(at))?.n ?? 0) > 0;
  }

  saveFollowers(accountId: string, numbers: AccountNumbers, source: string, now: number): void {
    this.#upsertFollowers.run(accountId, utcDay(now), numbers.followers, numbers.following, now, source);
  }

  saveAudience(accountId: string, kind: 'reply' | 'mention', targetId: string | null, posts: readonly AudienceReply[], now: number): void {
    this.db.transaction(() => {
      for (const p of posts) {
        this.#upsertAudience.run({
          accountId,
          remoteId: p.remoteId,
          kind,
          targetId,
          author: p.author,
          text: p.text,
          url: p.url,
          language: p.language,
          createdAt: p.createdAt,
          likes: p.likes,
          reposts: p.reposts,
          replies: p.replies,
          fetchedAt: now,
        });
      }
    })();
  }

  /** Copies the panel's cached answers into the history; the same answer twice is kept once. */
  keepSignals(): number {
    const rows = this.db
      .prepare<[], { account_id: string; kind: string; term: string; items: string; fetched_at: number }>(
        'SELECT account_id, kind, term, items, fetched_at FROM signal_cache',
      )
      .all();
    let added = 0;
    this.db.transaction(() => {
      for (const r of rows) {
        const fresh = this.#appendSignal.run(r.account_id, r.kind, r.term, r.items, r.fetched_at).changes;
        added += fresh;
        if (fresh === 0 || r.kind !== 'mentions') continue;
        // Mentions the panel read are what the audience said too; keep them past the cache's next refresh.
        const mentions = parseStored(SignalPostsSchema, r.items, 'saved_mentions', r.account_id);
        this.saveAudience(
          r.account_id,
          'mention',
          null,
          mentions.map((m) => ({
            remoteId: m.id,
            author: m.author,
            text: m.text,
            url: m.url,
            language: null,
            createdAt: m.createdAt,
            likes: null,
            reposts: null,
            replies: null,
          })),
          r.fetched_at,
        );
      }
    })();
    return added;
  }

  /** The ids of a post's published targets (to read fresh numbers for that post only). */
  publishedTargetIds(postId: string): string[] {
    return this.db
      .prepare<[string], { id: string }>("SELECT id FROM targets WHERE post_id = ? AND status = 'published'")
      .all(postId)
      .map((t) => t.id);
  }
}

interface FollowedRow {
  id: string;
  post_id: string;
  account_id: string;
  platform: string;
  remote_id: string;
  published_at: number;
  taken: string | null;
  deleted: number;
}

function followedOf(r: FollowedRow): FollowedTarget {
  return {
    targetId: r.id,
    postId: r.post_id,
    accountId: r.account_id,
    platform: r.platform,
    remoteId: r.remote_id,
    publishedAt: r.published_at,
    taken: new Set(r.taken ? r.taken.split(',') : []),
    deleted: r.deleted === 1,
  };
}
