// Numbers kept over time on PostgreSQL: snapshots per target (metric_latest kept by a trigger, as on the desktop),
// followers per UTC day, audience posts and the signal history. The SQL of main/core/metrics/metricsRepo.ts.

import type pg from 'pg';
import { z } from 'zod';
import { SignalPostSchema } from '../../../../shared/signals';
import { type FollowedTarget, type StoredSnapshot, utcDay } from '../../../core/metrics/metricsRepo';
import { FOLLOW_FOR_MS, type Milestone } from '../../../core/metrics/milestones';
import type { AccountNumbers, AudienceReply, PostSnapshot } from '../../../core/platforms/types';
import { checkStored } from '../../../core/stores/stored';
import type { MetricsStore } from '../../../core/stores/types';
import { at, msOf, type Queryable, tx } from './pgDb';

const SignalPostsSchema = z.array(SignalPostSchema);

interface FollowedRow {
  id: string;
  post_id: string;
  account_id: string;
  platform: string;
  remote_id: string;
  published_at: Date;
  taken: string[] | null;
  deleted: boolean;
}

interface SnapshotRow {
  target_id: string;
  milestone: Milestone;
  taken_at: Date;
  state: 'counted' | 'deleted';
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  source: string;
}

const FOLLOWED = `SELECT t.id, t.post_id, t.account_id, a.platform, t.remote_id, t.published_at,
    (SELECT array_agg(s.milestone) FROM metric_snapshots s WHERE s.target_id = t.id) AS taken,
    EXISTS (SELECT 1 FROM metric_snapshots s WHERE s.target_id = t.id AND s.state = 'deleted') AS deleted
  FROM targets t JOIN accounts a ON a.id = t.account_id
  WHERE t.status = 'published' AND t.remote_id IS NOT NULL AND t.published_at IS NOT NULL`;

const INSERT_SNAPSHOT = `INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, quotes, source)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`;

const UPSERT_AUDIENCE = `INSERT INTO audience_posts
    (account_id, remote_id, kind, target_id, author, text, url, language, created_at, likes, reposts, replies, fetched_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (account_id, remote_id) DO UPDATE SET target_id = coalesce(excluded.target_id, audience_posts.target_id),
    kind = CASE WHEN excluded.target_id IS NOT NULL THEN 'reply' ELSE audience_posts.kind END, text = excluded.text,
    likes = coalesce(excluded.likes, audience_posts.likes), reposts = coalesce(excluded.reposts, audience_posts.reposts),
    replies = coalesce(excluded.replies, audience_posts.replies), fetched_at = excluded.fetched_at`;

function followedOf(r: FollowedRow): FollowedTarget {
  return {
    targetId: r.id,
    postId: r.post_id,
    accountId: r.account_id,
    platform: r.platform,
    remoteId: r.remote_id,
    publishedAt: msOf(r.published_at),
    taken: new Set(r.taken ?? []),
    deleted: r.deleted,
  };
}

async function upsertAudience(
  c: Queryable,
  accountId: string,
  kind: 'reply' | 'mention',
  targetId: string | null,
  posts: readonly AudienceReply[],
  now: number,
): Promise<void> {
  for (const p of posts) {
    await c.query(UPSERT_AUDIENCE, [
      accountId,
      p.remoteId,
      kind,
      targetId,
      p.author,
      p.text,
      p.url,
      p.language,
      at(p.createdAt),
      p.likes,
      p.reposts,
      p.replies,
      at(now),
    ]);
  }
}

export class PgMetricsStore implements MetricsStore {
  constructor(private readonly q: Queryable) {}

  /** The same store over a client inside a transaction: every call joins it. */
  within(c: pg.PoolClient): PgMetricsStore {
    return new PgMetricsStore(c);
  }

  async followed(now: number): Promise<FollowedTarget[]> {
    const { rows } = await this.q.query<FollowedRow>(`${FOLLOWED} AND t.published_at >= $1 ORDER BY t.published_at, t.position`, [
      at(now - FOLLOW_FOR_MS),
    ]);
    return rows.map(followedOf);
  }

  async target(targetId: string): Promise<FollowedTarget | null> {
    const { rows } = await this.q.query<FollowedRow>(`${FOLLOWED} AND t.id = $1`, [targetId]);
    return rows[0] ? followedOf(rows[0]) : null;
  }

  async saveSnapshots(items: readonly { snapshot: PostSnapshot; milestone: Milestone }[], source: string, now: number): Promise<void> {
    await tx(this.q, async (c) => {
      for (const { snapshot: s, milestone } of items) {
        if (s.state === 'deleted')
          await c.query(INSERT_SNAPSHOT, [s.targetId, milestone, at(now), 'deleted', null, null, null, null, source]);
        else await c.query(INSERT_SNAPSHOT, [s.targetId, milestone, at(now), 'counted', s.likes, s.reposts, s.replies, s.quotes, source]);
      }
    });
  }

  async snapshotsOf(targetId: string): Promise<StoredSnapshot[]> {
    const { rows } = await this.q.query<SnapshotRow>(
      `SELECT target_id, milestone, taken_at, state, likes, reposts, replies, quotes, source
       FROM metric_snapshots WHERE target_id = $1 ORDER BY taken_at, id`,
      [targetId],
    );
    return rows.map((r) => ({
      targetId: r.target_id,
      milestone: r.milestone,
      takenAt: msOf(r.taken_at),
      state: r.state,
      likes: r.likes,
      reposts: r.reposts,
      replies: r.replies,
      quotes: r.quotes,
      source: r.source,
    }));
  }

  async hasFollowersOn(accountId: string, when: number): Promise<boolean> {
    const { rows } = await this.q.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM follower_counts WHERE account_id = $1 AND day = $2::date',
      [accountId, utcDay(when)],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  async saveFollowers(accountId: string, numbers: AccountNumbers, source: string, now: number): Promise<void> {
    await this.q.query(
      `INSERT INTO follower_counts (account_id, day, followers, following, taken_at, source) VALUES ($1, $2::date, $3, $4, $5, $6)
       ON CONFLICT (account_id, day) DO UPDATE SET followers = excluded.followers, following = excluded.following,
         taken_at = excluded.taken_at, source = excluded.source`,
      [accountId, utcDay(now), numbers.followers, numbers.following, at(now), source],
    );
  }

  async saveAudience(
    accountId: string,
    kind: 'reply' | 'mention',
    targetId: string | null,
    posts: readonly AudienceReply[],
    now: number,
  ): Promise<void> {
    await tx(this.q, (c) => upsertAudience(c, accountId, kind, targetId, posts, now));
  }

  /** Copies the panel's cached answers into the history; the same answer twice is kept once. */
  async keepSignals(): Promise<number> {
    return tx(this.q, async (c) => {
      // Only the rows this call added come back: an answer already kept adds nothing, its mentions included.
      const { rows } = await c.query<{ account_id: string; kind: string; items: unknown; fetched_at: Date }>(
        `INSERT INTO signal_history (account_id, kind, term, items, fetched_at)
           SELECT account_id, kind, term, items::jsonb, fetched_at FROM signal_cache
         ON CONFLICT DO NOTHING RETURNING account_id, kind, items, fetched_at`,
      );
      for (const r of rows) {
        if (r.kind !== 'mentions') continue;
        // Mentions the panel read are what the audience said too; keep them past the cache's next refresh.
        const mentions = checkStored(SignalPostsSchema, r.items, 'saved_mentions', r.account_id);
        await upsertAudience(
          c,
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
          msOf(r.fetched_at),
        );
      }
      return rows.length;
    });
  }

  /** The ids of a post's published targets (to read fresh numbers for that post only). */
  async publishedTargetIds(postId: string): Promise<string[]> {
    const { rows } = await this.q.query<{ id: string }>(
      `SELECT id FROM targets WHERE post_id = $1 AND status = 'published' ORDER BY position`,
      [postId],
    );
    return rows.map((t) => t.id);
  }
}
