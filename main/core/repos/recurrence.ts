// Recurring series: the rule and the content every occurrence copies, and the occurrence posts made from them.

import type { PostOptions, TargetStatus } from '../../../shared/domain';
import type { RecurrenceRule, RecurrenceSpec } from '../../../shared/time/recurrence';
import type { Db } from '../db/database';
import type { TargetTransitions } from '../publishing/store';
import type { Actor, EventLog } from './events';

/** What each occurrence is made of. */
export interface SeriesTemplate {
  readonly text: string;
  readonly accountIds: readonly string[];
  readonly overrides: Readonly<Record<string, string>>;
  readonly labels: readonly string[];
  readonly options: PostOptions;
  readonly parts: readonly string[];
}

export interface StoredSeries {
  readonly id: string;
  readonly spec: RecurrenceSpec;
  readonly template: SeriesTemplate;
  readonly active: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface OccurrencePost {
  readonly postId: string;
  readonly occurrenceAt: number;
  /** The statuses of its targets. */
  readonly statuses: readonly TargetStatus[];
}

interface SeriesRow {
  id: string;
  rule: string;
  wall_time: string;
  time_zone: string;
  start_date: string;
  end_date: string | null;
  template: string;
  active: number;
  created_at: number;
  updated_at: number;
}

const toSeries = (r: SeriesRow): StoredSeries => ({
  id: r.id,
  spec: {
    rule: JSON.parse(r.rule) as RecurrenceRule,
    time: r.wall_time,
    timeZone: r.time_zone,
    startDate: r.start_date,
    endDate: r.end_date,
  },
  template: JSON.parse(r.template) as SeriesTemplate,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SeriesRepo {
  readonly #s;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
    private readonly transitions: TargetTransitions,
  ) {
    this.#s = {
      insert: db.prepare(
        `INSERT INTO recurring_series (id, rule, wall_time, time_zone, start_date, end_date, template, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE recurring_series SET rule = ?, wall_time = ?, time_zone = ?, start_date = ?, end_date = ?, template = ?, active = ?,
           updated_at = ? WHERE id = ?`,
      ),
      get: db.prepare<[string], SeriesRow>('SELECT * FROM recurring_series WHERE id = ?'),
      list: db.prepare<[], SeriesRow>('SELECT * FROM recurring_series ORDER BY created_at, id'),
      active: db.prepare<[], SeriesRow>('SELECT * FROM recurring_series WHERE active = 1 ORDER BY created_at, id'),
      occurrences: db.prepare<[string], { id: string; occurrence_at: number; statuses: string | null }>(
        `SELECT p.id, p.occurrence_at, (SELECT group_concat(t.status) FROM targets t WHERE t.post_id = p.id) AS statuses
         FROM posts p WHERE p.series_id = ? ORDER BY p.occurrence_at DESC LIMIT 50`,
      ),
      late: db.prepare<[number], { post_id: string; series_id: string; occurrence_at: number }>(
        `SELECT DISTINCT p.id AS post_id, p.series_id, p.occurrence_at FROM posts p
         JOIN recurring_series s ON s.id = p.series_id AND s.active = 1
         JOIN targets t ON t.post_id = p.id
         WHERE t.status IN ('scheduled', 'retrying') AND t.force_publish = 0 AND t.handoff_id IS NULL AND t.due_at < ?
           AND NOT EXISTS (SELECT 1 FROM targets x WHERE x.post_id = p.id AND x.status NOT IN ('scheduled', 'retrying', 'cancelled'))`,
      ),
    };
  }

  create(s: { id: string; spec: RecurrenceSpec; template: SeriesTemplate; now: number }, actor: Actor): StoredSeries {
    this.#s.insert.run(
      s.id,
      JSON.stringify(s.spec.rule),
      s.spec.time,
      s.spec.timeZone,
      s.spec.startDate,
      s.spec.endDate ?? null,
      JSON.stringify(s.template),
      s.now,
      s.now,
    );
    this.events.append({ at: s.now, actor, kind: 'recurring series created', detail: s.id });
    return this.get(s.id) as StoredSeries;
  }

  update(id: string, s: { spec: RecurrenceSpec; template: SeriesTemplate; active: boolean; now: number }, actor: Actor): StoredSeries {
    this.#s.update.run(
      JSON.stringify(s.spec.rule),
      s.spec.time,
      s.spec.timeZone,
      s.spec.startDate,
      s.spec.endDate ?? null,
      JSON.stringify(s.template),
      s.active ? 1 : 0,
      s.now,
      id,
    );
    this.events.append({ at: s.now, actor, kind: s.active ? 'recurring series changed' : 'recurring series stopped', detail: id });
    return this.get(id) as StoredSeries;
  }

  get(id: string): StoredSeries | null {
    const r = this.#s.get.get(id);
    return r ? toSeries(r) : null;
  }

  list(): StoredSeries[] {
    return this.#s.list.all().map(toSeries);
  }

  active(): StoredSeries[] {
    return this.#s.active.all().map(toSeries);
  }

  /** The series' occurrence posts, newest first. */
  occurrences(seriesId: string): OccurrencePost[] {
    return this.#s.occurrences.all(seriesId).map((r) => ({
      postId: r.id,
      occurrenceAt: r.occurrence_at,
      statuses: (r.statuses ? r.statuses.split(',') : []) as TargetStatus[],
    }));
  }

  /** Occurrences of active series that came due more than the grace window ago and have not started. */
  lateOccurrences(now: number, graceMs: number): { postId: string; seriesId: string; occurrenceAt: number }[] {
    return this.#s.late.all(now - graceMs).map((r) => ({ postId: r.post_id, seriesId: r.series_id, occurrenceAt: r.occurrence_at }));
  }

  /** Moves a late occurrence to the series' next one instead of firing it late (or several at once). */
  reanchor(postId: string, occurrence: number, now: number, detail: string): void {
    this.db
      .transaction(() => {
        this.db
          .prepare('UPDATE posts SET scheduled_at = ?, occurrence_at = ?, updated_at = ? WHERE id = ?')
          .run(occurrence, occurrence, now, postId);
        this.transitions.reanchor(postId, occurrence, now, detail);
      })
      .immediate();
  }
}
