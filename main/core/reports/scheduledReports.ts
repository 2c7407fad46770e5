// Weekly and monthly reports written to a folder the user picked: which period is due, and writing it once.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ReportFormat, ReportSchedule } from '../../../shared/analytics';
import { type Problem, wordsFor } from '../../../shared/contract';
import type { Db } from '../db/database';
import { parseStored, readStoredNote, StringListSchema } from '../stores/stored';
import { addDays } from './zoneClock';

interface ScheduleRow {
  id: string;
  cadence: 'weekly' | 'monthly';
  folder: string;
  format: ReportFormat;
  account_ids: string;
  labels: string;
  last_period_end: string | null;
  last_written_at: number | null;
  last_error: string | null;
  last_error_note: string | null;
}

/** The problems a report's last error may be (migration 0013): a write that failed, or an earlier version's text. */
export const ReportErrorSchema = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('report_not_written'),
    params: z.object({ cadence: z.enum(['weekly', 'monthly']), folder: z.string(), detail: z.string() }).strict(),
  }),
  z.object({ code: z.literal('earlier_note'), params: z.object({ text: z.string() }).strict() }),
]) satisfies z.ZodType<Problem>;

const toSchedule = (r: ScheduleRow): ReportSchedule => ({
  id: r.id,
  cadence: r.cadence,
  folder: r.folder,
  format: r.format,
  accountIds: parseStored(StringListSchema, r.account_ids, 'report_accounts', r.id),
  labels: parseStored(StringListSchema, r.labels, 'report_labels', r.id),
  lastPeriodEnd: r.last_period_end,
  lastWrittenAt: r.last_written_at,
  lastError: r.last_error,
  lastErrorProblem: r.last_error === null ? null : readStoredNote(ReportErrorSchema, r.last_error_note, r.last_error),
});

export class ReportSchedulesRepo {
  constructor(private readonly db: Db) {}

  list(): ReportSchedule[] {
    return this.db.prepare<[], ScheduleRow>('SELECT * FROM report_schedules ORDER BY created_at, id').all().map(toSchedule);
  }

  add(s: Omit<ReportSchedule, 'lastPeriodEnd' | 'lastWrittenAt' | 'lastError' | 'lastErrorProblem'>, now: number): ReportSchedule {
    this.db
      .prepare('INSERT INTO report_schedules (id, cadence, folder, format, account_ids, labels, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.cadence, s.folder, s.format, JSON.stringify(s.accountIds), JSON.stringify(s.labels), now);
    return this.list().find((x) => x.id === s.id) as ReportSchedule;
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM report_schedules WHERE id = ?').run(id).changes > 0;
  }

  written(id: string, periodEnd: string, now: number): void {
    this.db
      .prepare(
        'UPDATE report_schedules SET last_period_end = ?, last_written_at = ?, last_error = NULL, last_error_note = NULL WHERE id = ?',
      )
      .run(periodEnd, now, id);
  }

  /** An error known only as text: kept as an earlier version's note. */
  failed(id: string, error: string): void {
    this.db.prepare('UPDATE report_schedules SET last_error = ?, last_error_note = NULL WHERE id = ?').run(error, id);
  }

  /** The last run failed: the catalog's problem, and its English beside it. */
  failedBecause(id: string, problem: Problem): void {
    const note = JSON.stringify(ReportErrorSchema.parse(problem));
    this.db.prepare('UPDATE report_schedules SET last_error = ?, last_error_note = ? WHERE id = ?').run(wordsFor(problem), note, id);
  }
}

/**
 * The last complete period before `today` (YYYY-MM-DD in the user's zone): for weekly, Monday to Sunday of the
 * week before; for monthly, the whole previous month.
 */
export function lastCompletePeriod(cadence: 'weekly' | 'monthly', today: string): { from: string; to: string } {
  if (cadence === 'monthly') {
    const [y, m] = today.split('-').map(Number) as [number, number];
    const first = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 10);
    const last = addDays(`${today.slice(0, 7)}-01`, -1);
    return { from: first, to: last };
  }
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const thisMonday = addDays(today, -weekday);
  return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
}

/** Writes next to the final name first, so a folder watcher never sees half a report. */
export function writeReportFile(folder: string, fileName: string, bytes: Buffer): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, fileName);
  const partial = `${path}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
  return path;
}
