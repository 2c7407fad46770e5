// Posts as CSV (spreadsheet-safe, UTF-8 BOM for Excel) or JSON: text, per-network versions, times, status, links, metrics.

import type { AccountView, PostView } from '../../../shared/domain';
import { wallTimeOf } from '../../../shared/time/wallTime';
import type { Db } from '../db/database';
import { UTF8_BOM, writeCsv } from './csv';

export interface TargetMetrics {
  readonly likes: number;
  readonly reposts: number;
  readonly replies: number;
  readonly quotes: number | null;
  readonly fetchedAt: number;
}

/** The numbers fetched for published targets, where a network gave them: the latest snapshot (reports), else Mastodon's. */
export class ExportMetricsRepo {
  constructor(private readonly db: Db) {}

  of(targetIds: readonly string[]): Map<string, TargetMetrics> {
    const out = new Map<string, TargetMetrics>();
    type Row = { likes: number | null; reposts: number | null; replies: number | null; quotes: number | null; at: number | null };
    const latest = this.db.prepare<[string], Row>(
      'SELECT likes, reposts, replies, quotes, taken_at AS at FROM metric_latest WHERE target_id = ? AND deleted = 0',
    );
    const mastodon = this.db.prepare<[string], Row>(
      'SELECT likes, reposts, replies, quotes, fetched_at AS at FROM mastodon_metrics WHERE target_id = ?',
    );
    for (const id of targetIds) {
      const r = latest.get(id) ?? mastodon.get(id);
      if (r && r.likes !== null) {
        out.set(id, { likes: r.likes, reposts: r.reposts ?? 0, replies: r.replies ?? 0, quotes: r.quotes, fetchedAt: r.at ?? 0 });
      }
    }
    return out;
  }
}

export interface ExportedTarget {
  readonly account: string;
  readonly accountId: string;
  readonly network: string;
  readonly status: string;
  /** This network's own wording, when it differs from the post's text. */
  readonly version: string | null;
  readonly link: string | null;
  readonly publishedAt: string | null;
  readonly metrics: TargetMetrics | null;
}

export interface ExportedPost {
  readonly id: string;
  readonly status: string;
  readonly text: string;
  readonly thread: readonly string[];
  readonly scheduledUtc: string | null;
  readonly wallDate: string | null;
  readonly wallTime: string | null;
  readonly timeZone: string;
  readonly labels: readonly string[];
  readonly evergreen: boolean;
  readonly firstComment: { readonly text: string; readonly delayMinutes: number } | null;
  readonly media: readonly { readonly fileName: string; readonly alt: string }[];
  readonly targets: readonly ExportedTarget[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function exportedPosts(
  posts: readonly PostView[],
  accounts: readonly AccountView[],
  metrics: ReadonlyMap<string, TargetMetrics>,
): ExportedPost[] {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return posts.map((p) => {
    const wall = p.scheduledAt === null ? null : wallTimeOf(p.scheduledAt, p.timeZone);
    return {
      id: p.id,
      status: p.status,
      text: p.text,
      thread: p.parts,
      scheduledUtc: p.scheduledAt === null ? null : new Date(p.scheduledAt).toISOString(),
      wallDate: wall?.date ?? null,
      wallTime: wall?.time ?? null,
      timeZone: p.timeZone,
      labels: p.labels,
      evergreen: p.options.evergreen === true,
      firstComment: p.options.firstComment ?? null,
      media: p.media.map((m) => ({ fileName: m.fileName, alt: m.alt })),
      targets: p.targets.map((t) => {
        const a = byId.get(t.accountId);
        return {
          account: a?.name ?? t.accountId,
          accountId: t.accountId,
          network: a?.platform ?? 'unknown',
          status: t.status,
          version: t.textOverride,
          link: t.remoteUrl,
          publishedAt: t.publishedAt === null ? null : new Date(t.publishedAt).toISOString(),
          metrics: metrics.get(t.id) ?? null,
        };
      }),
      createdAt: new Date(p.createdAt).toISOString(),
      updatedAt: new Date(p.updatedAt).toISOString(),
    };
  });
}

export const EXPORT_CSV_HEADERS = [
  'post_id',
  'status',
  'scheduled_utc',
  'date',
  'time',
  'time_zone',
  'accounts',
  'networks',
  'text',
  'thread',
  'versions',
  'labels',
  'evergreen',
  'first_comment',
  'first_comment_delay_minutes',
  'links',
  'likes',
  'reposts',
  'replies',
] as const;

/** Thread parts in one cell, one after another, split by a line holding only "---". */
export const THREAD_SEPARATOR = '\n---\n';

const sum = (xs: readonly (number | null | undefined)[]) => {
  const known = xs.filter((x): x is number => typeof x === 'number');
  return known.length ? String(known.reduce((a, b) => a + b, 0)) : '';
};

/** One row per post; per-network versions as JSON ({ "account name": "text" }); metrics summed over networks. */
export function postsToCsv(posts: readonly ExportedPost[]): string {
  const rows: string[][] = [[...EXPORT_CSV_HEADERS]];
  for (const p of posts) {
    const versions: Record<string, string> = {};
    for (const t of p.targets) if (t.version !== null) versions[t.account] = t.version;
    rows.push([
      p.id,
      p.status,
      p.scheduledUtc ?? '',
      p.wallDate ?? '',
      p.wallTime ?? '',
      p.timeZone,
      p.targets.map((t) => t.account).join('; '),
      [...new Set(p.targets.map((t) => t.network))].join('; '),
      p.text,
      p.thread.join(THREAD_SEPARATOR),
      Object.keys(versions).length ? JSON.stringify(versions) : '',
      p.labels.join('; '),
      p.evergreen ? 'yes' : '',
      p.firstComment?.text ?? '',
      p.firstComment ? String(p.firstComment.delayMinutes) : '',
      p.targets
        .map((t) => t.link)
        .filter((l): l is string => l !== null)
        .join(' '),
      sum(p.targets.map((t) => t.metrics?.likes)),
      sum(p.targets.map((t) => t.metrics?.reposts)),
      sum(p.targets.map((t) => t.metrics?.replies)),
    ]);
  }
  return UTF8_BOM + writeCsv(rows);
}

export function postsToJson(posts: readonly ExportedPost[], exportedAt: number): string {
  return `${JSON.stringify({ format: 'kairos-posts', version: 1, exportedAt: new Date(exportedAt).toISOString(), posts }, null, 2)}\n`;
}
