// Evergreen queues per label and the copies they scheduled, on PostgreSQL: all of the evergreen feature's SQL.

import type pg from 'pg';
import type { EvergreenCopy, EvergreenQueue } from '../../../core/evergreen/evergreenRepo';
import type { EvergreenStore } from '../../../core/stores/types';
import { at, msOf, type Queryable } from './pgDb';

interface QueueRow {
  label: string;
  min_interval_days: number;
  stop_date: string | null;
  time_zone: string;
  active: boolean;
}

const toQueue = (r: QueueRow): EvergreenQueue => ({
  label: r.label,
  minIntervalDays: r.min_interval_days,
  stopDate: r.stop_date,
  timeZone: r.time_zone,
  active: r.active,
});

const QUEUE_COLUMNS = 'label, min_interval_days, stop_date, time_zone, active';

export type EvergreenCopyRecord = { copyPostId: string; sourcePostId: string; label: string; slotAt: number; variant: number };

/** Records a copy; on a client it joins that transaction (Stores.saveEvergreenCopy writes the post beside it). */
export async function recordCopy(q: Queryable, c: EvergreenCopyRecord, now: number): Promise<void> {
  await q.query(
    'INSERT INTO evergreen_reposts (copy_post_id, source_post_id, label, slot_at, variant, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [c.copyPostId, c.sourcePostId, c.label, at(c.slotAt), c.variant, at(now)],
  );
}

export class PgEvergreenStore implements EvergreenStore {
  constructor(private readonly q: Queryable) {}

  within(c: pg.PoolClient): PgEvergreenStore {
    return new PgEvergreenStore(c);
  }

  async queues(): Promise<EvergreenQueue[]> {
    const { rows } = await this.q.query<QueueRow>(`SELECT ${QUEUE_COLUMNS} FROM evergreen_queues ORDER BY label COLLATE "C"`);
    return rows.map(toQueue);
  }

  async queue(label: string): Promise<EvergreenQueue | null> {
    const { rows } = await this.q.query<QueueRow>(`SELECT ${QUEUE_COLUMNS} FROM evergreen_queues WHERE label = $1`, [label]);
    return rows[0] ? toQueue(rows[0]) : null;
  }

  async setQueue(q: EvergreenQueue, now: number): Promise<void> {
    await this.q.query(
      `INSERT INTO evergreen_queues (label, min_interval_days, stop_date, time_zone, active, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (label) DO UPDATE SET min_interval_days = excluded.min_interval_days, stop_date = excluded.stop_date,
         time_zone = excluded.time_zone, active = excluded.active, updated_at = excluded.updated_at`,
      [q.label, q.minIntervalDays, q.stopDate, q.timeZone, q.active, at(now)],
    );
  }

  async removeQueue(label: string): Promise<boolean> {
    return ((await this.q.query('DELETE FROM evergreen_queues WHERE label = $1', [label])).rowCount ?? 0) > 0;
  }

  /** Evergreen posts carrying the label that are not themselves copies, oldest first by creation. */
  async sourcesOf(label: string): Promise<string[]> {
    // SQLite's json_extract(options, '$.evergreen') = 1 holds for true and for 1.
    const { rows } = await this.q.query<{ id: string }>(
      `SELECT p.id FROM posts p
       WHERE p.options -> 'evergreen' IN ('true'::jsonb, '1'::jsonb)
         AND p.labels ? $1
         AND NOT EXISTS (SELECT 1 FROM evergreen_reposts r WHERE r.copy_post_id = p.id)
       ORDER BY p.created_at, p.id COLLATE "C"`,
      [label],
    );
    return rows.map((r) => r.id);
  }

  async copiesOf(sourcePostId: string): Promise<EvergreenCopy[]> {
    const { rows } = await this.q.query<{ copy_post_id: string; source_post_id: string; slot_at: Date; variant: number; status: string }>(
      `SELECT r.copy_post_id, r.source_post_id, r.slot_at, r.variant, p.status FROM evergreen_reposts r
       JOIN posts p ON p.id = r.copy_post_id WHERE r.source_post_id = $1 ORDER BY r.slot_at, r.created_at, r.copy_post_id COLLATE "C"`,
      [sourcePostId],
    );
    return rows.map((r) => ({
      copyPostId: r.copy_post_id,
      sourcePostId: r.source_post_id,
      slotAt: msOf(r.slot_at),
      variant: r.variant,
      status: r.status,
    }));
  }

  async recordCopy(c: EvergreenCopyRecord, now: number): Promise<void> {
    await recordCopy(this.q, c, now);
  }
}
