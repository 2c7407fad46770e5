// Evergreen queues per label and the copies they scheduled: all of the evergreen feature's SQL.

import type { Db } from '../db/database';

export interface EvergreenQueue {
  readonly label: string;
  readonly minIntervalDays: number;
  readonly stopDate: string | null;
  readonly timeZone: string;
  readonly active: boolean;
}

export interface EvergreenCopy {
  readonly copyPostId: string;
  readonly sourcePostId: string;
  readonly slotAt: number;
  readonly variant: number;
  /** The copy's own status, so a cancelled copy neither counts as "out" nor blocks the queue. */
  readonly status: string;
}

interface QueueRow {
  label: string;
  min_interval_days: number;
  stop_date: string | null;
  time_zone: string;
  active: number;
}

const toQueue = (r: QueueRow): EvergreenQueue => ({
  label: r.label,
  minIntervalDays: r.min_interval_days,
  stopDate: r.stop_date,
  timeZone: r.time_zone,
  active: r.active === 1,
});

export class EvergreenRepo {
  constructor(private readonly db: Db) {}

  queues(): EvergreenQueue[] {
    return this.db.prepare<[], QueueRow>('SELECT * FROM evergreen_queues ORDER BY label').all().map(toQueue);
  }

  queue(label: string): EvergreenQueue | null {
    const r = this.db.prepare<[string], QueueRow>('SELECT * FROM evergreen_queues WHERE label = ?').get(label);
    return r ? toQueue(r) : null;
  }

  setQueue(q: EvergreenQueue, now: number): void {
    this.db
      .prepare(
        `INSERT INTO evergreen_queues (label, min_interval_days, stop_date, time_zone, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (label) DO UPDATE SET min_interval_days = excluded.min_interval_days, stop_date = excluded.stop_date,
           time_zone = excluded.time_zone, active = excluded.active, updated_at = excluded.updated_at`,
      )
      .run(q.label, q.minIntervalDays, q.stopDate, q.timeZone, q.active ? 1 : 0, now, now);
  }

  removeQueue(label: string): boolean {
    return this.db.prepare('DELETE FROM evergreen_queues WHERE label = ?').run(label).changes > 0;
  }

  /** Evergreen posts carrying the label that are not themselves copies, oldest first by creation. */
  sourcesOf(label: string): string[] {
    return this.db
      .prepare<[string], { id: string }>(
        `SELECT p.id FROM posts p
         WHERE json_extract(p.options, '$.evergreen') = 1
           AND EXISTS (SELECT 1 FROM json_each(p.labels) l WHERE l.value = ?)
           AND NOT EXISTS (SELECT 1 FROM evergreen_reposts r WHERE r.copy_post_id = p.id)
         ORDER BY p.created_at, p.id`,
      )
      .all(label)
      .map((r) => r.id);
  }

  copiesOf(sourcePostId: string): EvergreenCopy[] {
    return this.db
      .prepare<[string], { copy_post_id: string; source_post_id: string; slot_at: number; variant: number; status: string }>(
        `SELECT r.copy_post_id, r.source_post_id, r.slot_at, r.variant, p.status FROM evergreen_reposts r
         JOIN posts p ON p.id = r.copy_post_id WHERE r.source_post_id = ? ORDER BY r.slot_at`,
      )
      .all(sourcePostId)
      .map((r) => ({
        copyPostId: r.copy_post_id,
        sourcePostId: r.source_post_id,
        slotAt: r.slot_at,
        variant: r.variant,
        status: r.status,
      }));
  }

  recordCopy(c: { copyPostId: string; sourcePostId: string; label: string; slotAt: number; variant: number }, now: number): void {
    this.db
      .prepare(
        'INSERT INTO evergreen_reposts (copy_post_id, source_post_id, label, slot_at, variant, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(c.copyPostId, c.sourcePostId, c.label, c.slotAt, c.variant, now);
  }
}
