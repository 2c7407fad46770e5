// Stored favourites, boosts and replies of published Mastodon posts, with the time they were fetched.

import type { PostMetrics } from '../../../../shared/signals';
import type { Db } from '../../../core/db/database';
import type { PublishedRef, RemoteMetrics } from '../../../core/platforms/types';

interface MetricsRow {
  target_id: string;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number | null;
  fetched_at: number;
}

export interface PublishedTarget extends PublishedRef {
  readonly accountId: string;
  readonly postId: string;
}

export class MetricsRepo {
  constructor(private readonly db: Db) {}

  /** Published Mastodon targets, most recent first; `since` limits them to posts published after it. */
  published(filter: { postId?: string; since?: number }): PublishedTarget[] {
    const where = ["t.status = 'published'", "a.platform = 'mastodon'", 't.remote_id IS NOT NULL'];
    const args: (string | number)[] = [];
    if (filter.postId) {
      where.push('t.post_id = ?');
      args.push(filter.postId);
    }
    if (filter.since !== undefined) {
      where.push('t.published_at >= ?');
      args.push(filter.since);
    }
    return this.db
      .prepare<(string | number)[], { id: string; post_id: string; account_id: string; remote_id: string }>(
        `SELECT t.id, t.post_id, t.account_id, t.remote_id FROM targets t JOIN accounts a ON a.id = t.account_id
         WHERE ${where.join(' AND ')} ORDER BY t.published_at DESC LIMIT 200`,
      )
      .all(...args)
      .map((r) => ({ targetId: r.id, postId: r.post_id, accountId: r.account_id, remoteId: r.remote_id }));
  }

  save(metrics: readonly RemoteMetrics[], remoteIds: ReadonlyMap<string, string>, now: number): void {
    const upsert = this.db.prepare(
      `INSERT INTO mastodon_metrics (target_id, remote_id, likes, reposts, replies, quotes, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (target_id) DO UPDATE SET remote_id = excluded.remote_id, likes = excluded.likes, reposts = excluded.reposts,
         replies = excluded.replies, quotes = excluded.quotes, fetched_at = excluded.fetched_at`,
    );
    this.db.transaction(() => {
      for (const m of metrics) upsert.run(m.targetId, remoteIds.get(m.targetId) ?? '', m.likes, m.reposts, m.replies, m.quotes, now);
    })();
  }

  of(targetIds: readonly string[]): PostMetrics[] {
    if (targetIds.length === 0) return [];
    return this.db
      .prepare<string[], MetricsRow>(`SELECT * FROM mastodon_metrics WHERE target_id IN (${targetIds.map(() => '?').join(',')})`)
      .all(...targetIds)
      .map((r) => ({
        targetId: r.target_id,
        likes: r.likes,
        reposts: r.reposts,
        replies: r.replies,
        quotes: r.quotes,
        fetchedAt: r.fetched_at,
      }));
  }
}
