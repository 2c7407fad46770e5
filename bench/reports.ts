// Analytics and reports on 10,000 published posts with 4 snapshots each: view data, a 90-day PDF, a year of CSV.
// Usage: node bench/run.mjs bench/reports.ts

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/core/db/database';
import { MetricsRepo } from '../main/core/metrics/metricsRepo';
import { buildAnalyticsView } from '../main/core/reports/analytics';
import { AnalyticsRepo } from '../main/core/reports/analyticsRepo';
import { buildReport, type ExportDeps } from '../main/core/reports/exportReport';
import { AccountsRepo } from '../main/core/repos/accounts';
import { promised } from '../main/core/stores/promised';
import { seedAnalyticsHistory } from '../main/testing/analyticsHistory';

const NOW = Date.UTC(2026, 11, 1, 12);
const POSTS = Number(process.env.KAIROS_BENCH_POSTS ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-reports-'));

function day(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

// Wall time, plus this process's CPU time, since the machine is shared and wall time includes waiting for a core.
let cpuMs = 0;
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = fn();
  const used = process.cpuUsage(c);
  cpuMs = (used.user + used.system) / 1000;
  return [v, performance.now() - t];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const c = process.cpuUsage();
  const v = await fn();
  const used = process.cpuUsage(c);
  cpuMs = (used.user + used.system) / 1000;
  return [v, performance.now() - t];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

try {
  const db = await openDatabase(join(dir, 'kairos.sqlite'), { now: NOW });
  const [, seedMs] = time(() => seedAnalyticsHistory(db, { now: NOW, days: 365, posts: POSTS }));
  const snapshots = (db.prepare('SELECT count(*) AS n FROM metric_snapshots').get() as { n: number }).n;
  const analytics = promised(new AnalyticsRepo(db));
  const deps: ExportDeps = {
    repo: analytics,
    analytics,
    metrics: promised(new MetricsRepo(db)),
    accounts: new AccountsRepo(db).list(),
    observances: () => [],
    observancesOn: () => [],
  };
  const q = (days: number) => ({ from: day(NOW - (days - 1) * 86_400_000), to: day(NOW), timeZone: 'Europe/Rome' });

  console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
  console.log(
    `Load average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  console.log(`Seeded ${POSTS.toLocaleString('en')} posts (${snapshots.toLocaleString('en')} snapshots) in ${seedMs.toFixed(0)} ms`);
  for (const days of [7, 28, 90, 365]) {
    await buildAnalyticsView(deps, q(days));
    const cpu: number[] = [];
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) {
      runs.push((await timeAsync(() => buildAnalyticsView(deps, q(days))))[1]);
      cpu.push(cpuMs);
    }
    console.log(
      `analytics.view data, ${days} days: median ${median(runs).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU (max ${Math.max(...runs).toFixed(1)} ms wall)`,
    );
  }
  for (const [label, days, format] of [
    ['PDF, 90 days', 90, 'pdf'],
    ['CSV, a year', 365, 'csv'],
  ] as const) {
    const runs: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const [r, ms] = await timeAsync(() => buildReport(deps, q(days), format, 'en', NOW));
      runs.push(ms);
      cpu.push(cpuMs);
      bytes = r.bytes.length;
    }
    console.log(`${label}: median ${median(runs).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (${(bytes / 1024).toFixed(0)} KiB)`);
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
