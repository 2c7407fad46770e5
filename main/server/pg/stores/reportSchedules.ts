// Scheduled reports on PostgreSQL, and what happened to their last run (the catalog's problem beside its English).

import type { ReportSchedule } from '../../../../shared/analytics';
import { type Problem, wordsFor } from '../../../../shared/contract';
import { ReportErrorSchema } from '../../../core/reports/scheduledReports';
import { checkStored, readStoredNote, StringListSchema } from '../../../core/stores/stored';
import type { ReportSchedulesStore } from '../../../core/stores/types';
import { at, ms, type Queryable } from './pgDb';

interface ScheduleRow {
  id: string;
  cadence: 'weekly' | 'monthly';
  folder: string;
  format: ReportSchedule['format'];
  account_ids: unknown;
  labels: unknown;
  last_period_end: string | null;
  last_written_at: Date | null;
  last_error: string | null;
  last_error_note: unknown;
}

const COLUMNS = 'id, cadence, folder, format, account_ids, labels, last_period_end, last_written_at, last_error, last_error_note';

const toSchedule = (r: ScheduleRow): ReportSchedule => ({
  id: r.id,
  cadence: r.cadence,
  folder: r.folder,
  format: r.format,
  accountIds: checkStored(StringListSchema, r.account_ids, 'report_accounts', r.id),
  labels: checkStored(StringListSchema, r.labels, 'report_labels', r.id),
  lastPeriodEnd: r.last_period_end,
  lastWrittenAt: ms(r.last_written_at),
  lastError: r.last_error,
  lastErrorProblem:
    r.last_error === null
      ? null
      : readStoredNote(ReportErrorSchema, r.last_error_note === null ? null : JSON.stringify(r.last_error_note), r.last_error),
});

export class PgReportSchedulesStore implements ReportSchedulesStore {
  constructor(private readonly q: Queryable) {}

  async list(): Promise<ReportSchedule[]> {
    const { rows } = await this.q.query<ScheduleRow>(`SELECT ${COLUMNS} FROM report_schedules ORDER BY created_at, id COLLATE "C"`);
    return rows.map(toSchedule);
  }

  async add(
    s: Omit<ReportSchedule, 'lastPeriodEnd' | 'lastWrittenAt' | 'lastError' | 'lastErrorProblem'>,
    now: number,
  ): Promise<ReportSchedule> {
    const { rows } = await this.q.query<ScheduleRow>(
      `INSERT INTO report_schedules (id, cadence, folder, format, account_ids, labels, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [s.id, s.cadence, s.folder, s.format, JSON.stringify(s.accountIds), JSON.stringify(s.labels), at(now)],
    );
    return toSchedule(rows[0] as ScheduleRow);
  }

  async remove(id: string): Promise<boolean> {
    return ((await this.q.query('DELETE FROM report_schedules WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async written(id: string, periodEnd: string, now: number): Promise<void> {
    await this.q.query(
      'UPDATE report_schedules SET last_period_end = $1, last_written_at = $2, last_error = NULL, last_error_note = NULL WHERE id = $3',
      [periodEnd, at(now), id],
    );
  }

  /** An error known only as text: kept as an earlier version's note. */
  async failed(id: string, error: string): Promise<void> {
    await this.q.query('UPDATE report_schedules SET last_error = $1, last_error_note = NULL WHERE id = $2', [error, id]);
  }

  /** The last run failed: the catalog's problem, and its English beside it. */
  async failedBecause(id: string, problem: Problem): Promise<void> {
    const note = JSON.stringify(ReportErrorSchema.parse(problem));
    await this.q.query('UPDATE report_schedules SET last_error = $1, last_error_note = $2 WHERE id = $3', [wordsFor(problem), note, id]);
  }
}
