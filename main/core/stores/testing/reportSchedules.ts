// Scheduled reports on any database: added in order, a written period clears the last error, a failure is kept
// as the catalog's problem beside its English.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problem, wordsFor } from '../../../../shared/contract';
import type { ReportSchedulesStore } from '../types';
import { T0 } from './featureSeed';

export interface ReportSchedulesOpened {
  readonly reportSchedules: ReportSchedulesStore;
  close(): Promise<void>;
}

const weekly = {
  id: 'rep_b',
  cadence: 'weekly' as const,
  folder: '/srv/reports',
  format: 'pdf' as const,
  accountIds: ['acc_1', 'acc_2'],
  labels: ['launch'],
};
const fresh = { lastPeriodEnd: null, lastWrittenAt: null, lastError: null, lastErrorProblem: null };

export function reportSchedulesContract(engine: string, open: () => Promise<ReportSchedulesOpened>): void {
  describe(`report schedules store (${engine})`, () => {
    let o: ReportSchedulesOpened;
    beforeEach(async () => {
      o = await open();
    });
    afterEach(async () => {
      await o.close();
    });

    it('adds schedules and lists them in the order they were added, ties by id', async () => {
      expect(await o.reportSchedules.add(weekly, T0)).toEqual({ ...weekly, ...fresh });
      const monthly = { id: 'rep_c', cadence: 'monthly' as const, folder: '/m', format: 'json' as const, accountIds: [], labels: [] };
      const same = { ...monthly, id: 'rep_a', format: 'csv' as const };
      await o.reportSchedules.add(monthly, T0 + 1000);
      await o.reportSchedules.add(same, T0 + 1000);
      expect((await o.reportSchedules.list()).map((s) => s.id)).toEqual(['rep_b', 'rep_a', 'rep_c']);
      expect(await o.reportSchedules.remove('rep_a')).toBe(true);
      expect(await o.reportSchedules.remove('rep_a')).toBe(false);
      expect((await o.reportSchedules.list()).map((s) => s.id)).toEqual(['rep_b', 'rep_c']);
    });

    it('keeps the last run: a failure with its problem, cleared by the next period written', async () => {
      await o.reportSchedules.add(weekly, T0);
      await o.reportSchedules.failed('rep_b', 'Disk full');
      expect(await o.reportSchedules.list()).toEqual([
        { ...weekly, ...fresh, lastError: 'Disk full', lastErrorProblem: problem('earlier_note', { text: 'Disk full' }) },
      ]);

      const why = problem('report_not_written', { cadence: 'weekly', folder: '/srv/reports', detail: 'EACCES' });
      await o.reportSchedules.failedBecause('rep_b', why);
      expect(await o.reportSchedules.list()).toEqual([{ ...weekly, ...fresh, lastError: wordsFor(why), lastErrorProblem: why }]);

      await o.reportSchedules.written('rep_b', '2026-03-01', T0 + 60_000);
      expect(await o.reportSchedules.list()).toEqual([{ ...weekly, ...fresh, lastPeriodEnd: '2026-03-01', lastWrittenAt: T0 + 60_000 }]);

      // An earlier version's note is one a report may have; a problem of another kind is refused, and nothing changes.
      await o.reportSchedules.failedBecause('rep_b', problem('earlier_note', { text: 'x' }));
      await expect(o.reportSchedules.failedBecause('rep_b', problem('folder_path', {}))).rejects.toThrow();
      expect((await o.reportSchedules.list())[0]).toMatchObject({
        lastError: 'x',
        lastErrorProblem: problem('earlier_note', { text: 'x' }),
      });
      // Unknown schedules change nothing.
      await o.reportSchedules.written('rep_x', '2026-03-08', T0);
      await o.reportSchedules.failed('rep_x', 'nope');
      expect((await o.reportSchedules.list()).map((s) => s.id)).toEqual(['rep_b']);
    });
  });
}
