// The latest numbers of published targets for exports, on PostgreSQL: the reports' latest snapshot, else the
// Mastodon hand-off's. Both tables belong to other stores (metrics, the Mastodon extension); this only reads them.

import type { TargetMetrics } from '../../../core/importExport/exportPosts';
import type { ExportMetricsStore } from '../../../core/stores/types';
import { ms, type Queryable } from './pgDb';

interface Row {
  target_id: string;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  quotes: number | null;
  at: Date | null;
}

export class PgExportMetricsStore implements ExportMetricsStore {
  constructor(private readonly q: Queryable) {}

  async of(targetIds: readonly string[]): Promise<Map<string, TargetMetrics>> {
    const out = new Map<string, TargetMetrics>();
    if (targetIds.length === 0) return out;
    const ids = [...targetIds];
    const byTarget = async (sql: string) => new Map((await this.q.query<Row>(sql, [ids])).rows.map((r) => [r.target_id, r] as const));
    const latest = await byTarget(
      'SELECT target_id, likes, reposts, replies, quotes, taken_at AS at FROM metric_latest WHERE target_id = ANY ($1::text[]) AND NOT deleted',
    );
    const mastodon = await byTarget(
      'SELECT target_id, likes, reposts, replies, quotes, fetched_at AS at FROM mastodon_metrics WHERE target_id = ANY ($1::text[])',
    );
    for (const id of targetIds) {
      // A snapshot row without likes hides the hand-off's numbers, as on the desktop.
      const r = latest.get(id) ?? mastodon.get(id);
      if (r && r.likes !== null)
        out.set(id, { likes: r.likes, reposts: r.reposts ?? 0, replies: r.replies ?? 0, quotes: r.quotes, fetchedAt: ms(r.at) ?? 0 });
    }
    return out;
  }
}
