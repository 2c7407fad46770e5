// Scheduled reports: which period is due, writing it once to the chosen folder with an event, and a folder that cannot be written.

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BackendEvent, wordsFor } from '../../../shared/contract';
import { FEATURES } from '../../features';
import { FakeClock } from '../../testing/fakeClock';
import { type Backend, createBackend } from '../backend';
import { lastCompletePeriod } from './scheduledReports';

describe('scheduled reports', () => {
  const dirs: string[] = [];
  let backend: Backend | null = null;
  afterEach(async () => {
    await backend?.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('picks the last complete week (Monday to Sunday) and the last complete month', () => {
    expect(lastCompletePeriod('weekly', '2026-12-03')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(lastCompletePeriod('weekly', '2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(lastCompletePeriod('weekly', '2026-11-29')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(lastCompletePeriod('monthly', '2026-03-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(lastCompletePeriod('monthly', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('writes the due report once, says so with an event, and records a folder it cannot write to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-sched-'));
    dirs.push(dir);
    const clock = new FakeClock(Date.UTC(2026, 11, 3, 9));
    backend = await createBackend({
      dataDir: join(dir, 'data'),
      features: FEATURES,
      clock,
      shell: 'cli',
      systemTimeZone: 'Europe/Rome',
    });
    const events: BackendEvent[] = [];
    backend.subscribe((e) => {
      if (e.type === 'report.written') events.push(e);
    });
    const folder = join(dir, 'Reports');
    const written = new Promise<void>((resolve) => backend?.subscribe((e) => e.type === 'report.written' && resolve()));
    const s = await backend.call('reports.schedules.add', { cadence: 'weekly', folder, format: 'csv' });
    await written;
    expect(readdirSync(folder)).toEqual(['kairos-report-2026-11-23_2026-11-29.csv']);
    expect(events).toEqual([
      {
        type: 'report.written',
        cadence: 'weekly',
        path: join(folder, 'kairos-report-2026-11-23_2026-11-29.csv'),
        error: null,
        errorProblem: null,
      },
    ]);
    expect((await backend.call('reports.schedules.list', {}))[0]).toMatchObject({ id: s.id, lastPeriodEnd: '2026-11-29', lastError: null });

    const refused = await backend.invoke('reports.schedules.add', { cadence: 'monthly', folder: 'Reports', format: 'pdf' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'folder' } });

    // A folder inside a regular file cannot be made, whoever runs the test.
    const locked = join(dir, 'not-a-folder');
    writeFileSync(locked, 'x');
    const failed = new Promise<BackendEvent>((resolve) =>
      backend?.subscribe((e) => e.type === 'report.written' && e.error !== null && resolve(e)),
    );
    await backend.call('reports.schedules.add', { cadence: 'monthly', folder: join(locked, 'inner'), format: 'html' });
    expect(await failed).toMatchObject({
      cadence: 'monthly',
      path: null,
      error: expect.stringMatching(/could not be written to .*inner: ENOTDIR/),
      errorProblem: {
        code: 'report_not_written',
        params: { cadence: 'monthly', folder: join(locked, 'inner'), detail: expect.stringContaining('ENOTDIR') },
      },
    });
    expect(existsSync(join(locked, 'inner'))).toBe(false);
    const list = await backend.call('reports.schedules.list', {});
    expect(list.find((x) => x.cadence === 'monthly')).toMatchObject({
      cadence: 'monthly',
      lastPeriodEnd: null,
      lastError: expect.stringContaining('ENOTDIR'),
      lastErrorProblem: { code: 'report_not_written', params: { cadence: 'monthly', folder: join(locked, 'inner') } },
    });
    // The English beside the problem is the catalog's words for it.
    const monthly = list.find((x) => x.cadence === 'monthly');
    expect(monthly?.lastErrorProblem && wordsFor(monthly.lastErrorProblem)).toBe(monthly?.lastError);
    expect(readdirSync(folder)).toHaveLength(1);
  });
});
