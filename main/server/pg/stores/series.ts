// Recurring series on PostgreSQL: the rule and the content every occurrence copies, and the occurrence posts made
// from them. The port of main/core/repos/recurrence.ts.

import type pg from 'pg';
import { z } from 'zod';
import { RecurrenceRuleSchema } from '../../../../shared/contract/engine';
import { PostOptionsSchema } from '../../../../shared/contract/posts';
import type { TargetStatus } from '../../../../shared/domain';
import type { RecurrenceSpec } from '../../../../shared/time/recurrence';
import type { Actor } from '../../../core/repos/events';
import type { OccurrencePost, SeriesTemplate, StoredSeries } from '../../../core/repos/recurrence';
import { checkStored } from '../../../core/stores/stored';
import type { SeriesStore } from '../../../core/stores/types';
import { appendEvent, at, ms, msOf, type Queryable, tx } from './pgDb';
import { PgTransitionsStore } from './transitions';

/** The stored shape of a template, as SQLite checks it. */
const SeriesTemplateSchema: z.ZodType<SeriesTemplate> = z.object({
  text: z.string(),
  accountIds: z.array(z.string()),
  overrides: z.record(z.string(), z.string()),
  labels: z.array(z.string()),
  options: PostOptionsSchema,
  parts: z.array(z.string()),
});

interface SeriesRow {
  id: string;
  rule: unknown;
  wall_time: string;
  time_zone: string;
  start_date: string;
  end_date: string | null;
  template: unknown;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

// Dates as text: node-postgres would turn a date into a local-midnight Date.
const COLUMNS =
  'id, rule, wall_time, time_zone, start_date::text AS start_date, end_date::text AS end_date, template, active, created_at, updated_at';

const toSeries = (r: SeriesRow): StoredSeries => ({
  id: r.id,
  spec: {
    rule: checkStored(RecurrenceRuleSchema, r.rule, 'recurring_rule', r.id),
    time: r.wall_time,
    timeZone: r.time_zone,
    startDate: r.start_date,
    endDate: r.end_date,
  },
  template: checkStored(SeriesTemplateSchema, r.template, 'recurring_content', r.id),
  active: r.active,
  createdAt: msOf(r.created_at),
  updatedAt: msOf(r.updated_at),
});

export class PgSeriesStore implements SeriesStore {
  constructor(
    private readonly q: Queryable,
    private readonly transitions: PgTransitionsStore = new PgTransitionsStore(q),
  ) {}

  /** The same store inside the caller's transaction. */
  within(c: pg.PoolClient): PgSeriesStore {
    return new PgSeriesStore(c, this.transitions.within(c));
  }

  async create(s: { id: string; spec: RecurrenceSpec; template: SeriesTemplate; now: number }, actor: Actor): Promise<StoredSeries> {
    await tx(this.q, async (c) => {
      await c.query(
        `INSERT INTO recurring_series (id, rule, wall_time, time_zone, start_date, end_date, template, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $8)`,
        [
          s.id,
          JSON.stringify(s.spec.rule),
          s.spec.time,
          s.spec.timeZone,
          s.spec.startDate,
          s.spec.endDate ?? null,
          JSON.stringify(s.template),
          at(s.now),
        ],
      );
      await appendEvent(c, { at: s.now, actor, kind: 'recurring series created', detail: s.id });
    });
    return (await this.get(s.id)) as StoredSeries;
  }

  async update(
    id: string,
    s: { spec: RecurrenceSpec; template: SeriesTemplate; active: boolean; now: number },
    actor: Actor,
  ): Promise<StoredSeries> {
    await tx(this.q, async (c) => {
      await c.query(
        `UPDATE recurring_series SET rule = $1, wall_time = $2, time_zone = $3, start_date = $4, end_date = $5, template = $6, active = $7,
           updated_at = $8 WHERE id = $9`,
        [
          JSON.stringify(s.spec.rule),
          s.spec.time,
          s.spec.timeZone,
          s.spec.startDate,
          s.spec.endDate ?? null,
          JSON.stringify(s.template),
          s.active,
          at(s.now),
          id,
        ],
      );
      await appendEvent(c, { at: s.now, actor, kind: s.active ? 'recurring series changed' : 'recurring series stopped', detail: id });
    });
    return (await this.get(id)) as StoredSeries;
  }

  async get(id: string): Promise<StoredSeries | null> {
    const r = (await this.q.query<SeriesRow>(`SELECT ${COLUMNS} FROM recurring_series WHERE id = $1`, [id])).rows[0];
    return r ? toSeries(r) : null;
  }

  async list(): Promise<StoredSeries[]> {
    return (await this.q.query<SeriesRow>(`SELECT ${COLUMNS} FROM recurring_series ORDER BY created_at, id`)).rows.map(toSeries);
  }

  async active(): Promise<StoredSeries[]> {
    return (await this.q.query<SeriesRow>(`SELECT ${COLUMNS} FROM recurring_series WHERE active ORDER BY created_at, id`)).rows.map(
      toSeries,
    );
  }

  /** The series' occurrence posts, newest first. */
  async occurrences(seriesId: string): Promise<OccurrencePost[]> {
    const r = await this.q.query<{ id: string; occurrence_at: Date | null; statuses: TargetStatus[] }>(
      `SELECT p.id, p.occurrence_at, array(SELECT t.status FROM targets t WHERE t.post_id = p.id ORDER BY t.position) AS statuses
       FROM posts p WHERE p.series_id = $1 ORDER BY p.occurrence_at DESC, p.id DESC LIMIT 50`,
      [seriesId],
    );
    return r.rows.map((x) => ({ postId: x.id, occurrenceAt: ms(x.occurrence_at) as number, statuses: x.statuses }));
  }

  /** Occurrences of active series that came due more than the grace window ago and have not started. */
  async lateOccurrences(now: number, graceMs: number): Promise<{ postId: string; seriesId: string; occurrenceAt: number }[]> {
    const r = await this.q.query<{ post_id: string; series_id: string; occurrence_at: Date }>(
      `SELECT DISTINCT p.id AS post_id, p.series_id, p.occurrence_at FROM posts p
       JOIN recurring_series s ON s.id = p.series_id AND s.active
       JOIN targets t ON t.post_id = p.id
       WHERE t.status IN ('scheduled', 'retrying') AND NOT t.force_publish AND t.handoff_id IS NULL AND t.due_at < $1
         AND NOT EXISTS (SELECT 1 FROM targets x WHERE x.post_id = p.id AND x.status NOT IN ('scheduled', 'retrying', 'cancelled'))
       ORDER BY p.occurrence_at, p.id`,
      [at(now - graceMs)],
    );
    return r.rows.map((x) => ({ postId: x.post_id, seriesId: x.series_id, occurrenceAt: msOf(x.occurrence_at) }));
  }

  /** Moves a late occurrence to the series' next one instead of firing it late (or several at once). */
  reanchor(postId: string, occurrence: number, now: number, detail: string): Promise<void> {
    return tx(this.q, async (c) => {
      // The targets move first, then the post's own time: targets before their post, as every transition locks them.
      await this.transitions.within(c).reanchor(postId, occurrence, now, detail);
      await c.query('UPDATE posts SET scheduled_at = $1, occurrence_at = $1, updated_at = $2 WHERE id = $3', [
        at(occurrence),
        at(now),
        postId,
      ]);
    });
  }
}
