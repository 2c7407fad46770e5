// The report as CSV: one row per post per account with every snapshot, for Excel and LibreOffice (UTF-8 BOM, ISO dates).

import { METRIC_SOURCE_OF } from '../../../shared/analytics';
import type { PublishedRow, SnapshotCells } from './analyticsRepo';

const MILESTONES = ['1h', '24h', '7d', '30d', 'manual'] as const;
const COUNTERS = ['likes', 'reposts', 'replies', 'quotes'] as const;

/** Quotes a field when it holds a separator, a quote or a line break (RFC 4180); quotes inside are doubled. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // A leading = + - @ would be read as a formula by spreadsheets; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function reportCsv(
  rows: readonly PublishedRow[],
  snapshots: ReadonlyMap<string, readonly SnapshotCells[]>,
  accountName: (id: string) => string,
): string {
  const header = [
    'post_id',
    'target_id',
    'account',
    'network',
    'published_at',
    'labels',
    'text',
    'url',
    'deleted_on_network',
    'source',
    ...MILESTONES.flatMap((m) => [`${m}_taken_at`, ...COUNTERS.map((c) => `${m}_${c}`)]),
  ];
  const lines = [header.join(',')];
  for (const r of rows) {
    const snaps = snapshots.get(r.targetId) ?? [];
    const byMilestone = new Map<string, SnapshotCells>();
    // The last manual snapshot stands for "on demand"; planned ones are unique.
    for (const s of snaps) byMilestone.set(s.milestone, s);
    const cells: (string | number | null)[] = [
      r.postId,
      r.targetId,
      accountName(r.accountId),
      r.platform,
      iso(r.publishedAt),
      r.labels.join('; '),
      r.text,
      r.url,
      r.deleted ? 'yes' : 'no',
      snaps[0]?.source ?? (METRIC_SOURCE_OF[r.platform] === 'none' ? 'none' : null),
    ];
    for (const m of MILESTONES) {
      const s = byMilestone.get(m);
      cells.push(iso(s?.takenAt ?? null));
      for (const c of COUNTERS) cells.push(s ? (s.state === 'deleted' ? 'deleted' : s[c]) : null);
    }
    lines.push(cells.map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
