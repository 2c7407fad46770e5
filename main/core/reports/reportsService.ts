// The analytics feature wired to the backend: the metrics collector, the view, exports and scheduled reports.

import type { ObservanceMark, ReportLocale } from '../../../shared/analytics';
import { problem, wordsFor } from '../../../shared/contract';
import type { BackendContext } from '../context';
import { observancesBetween, observancesOn } from '../conversation/observances';
import { newId } from '../ids';
import { MetricsCollector } from '../metrics/collector';
import type { AnalyticsQuery } from './analytics';
import { buildReport, type ExportDeps } from './exportReport';
import { lastCompletePeriod, writeReportFile } from './scheduledReports';
import { ZoneClock } from './zoneClock';

const SCHEDULE_TICK_MS = 60 * 60_000;

export type ReportsService = ReturnType<typeof createReportsService>;

/** The user's language for reports: the app's setting, else the system's when it is Italian. */
export function reportLocaleOf(setting: string): ReportLocale {
  if (setting === 'it' || setting === 'en') return setting;
  return Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().startsWith('it') ? 'it' : 'en';
}

export function createReportsService(ctx: BackendContext) {
  const { metrics, analytics, conversationSettings: conversation, reportSchedules: schedules } = ctx.stores;
  const isLeader = () => ctx.stores.isOpen() && ctx.scheduler.running;
  const collector = new MetricsCollector({
    ...ctx,
    repo: metrics,
    isLeader,
    onCollected: (postIds) => ctx.emit({ type: 'metrics.updated', postIds }),
  });

  const marks = (list: readonly { date: string; name: string; kind: string }[]): ObservanceMark[] =>
    list.map((o) => ({ date: o.date, name: o.name, kind: o.kind }));
  const deps = async (): Promise<ExportDeps> => {
    const settings = await conversation.get();
    const userDays = await conversation.userDays();
    return {
      repo: analytics,
      analytics,
      metrics,
      accounts: await ctx.accounts.list(),
      observances: (from, to) => marks(observancesBetween(from, to, settings.countries, userDays)),
      observancesOn: (date) => marks(observancesOn(date, settings.countries, userDays)),
    };
  };
  const queryOf = (q: Omit<AnalyticsQuery, 'timeZone'> & { timeZone?: string | undefined }): AnalyticsQuery => ({
    ...q,
    timeZone: q.timeZone ?? ctx.setting('timeZone'),
  });

  let scheduleTimer: { cancel(): void } | null = null;
  let stopped = false;
  async function writeDueReports(): Promise<number> {
    const zone = ctx.setting('timeZone');
    const today = new ZoneClock(zone).day(ctx.clock.now());
    let written = 0;
    for (const s of await schedules.list()) {
      const period = lastCompletePeriod(s.cadence, today);
      if (s.lastPeriodEnd !== null && s.lastPeriodEnd >= period.to) continue;
      try {
        const report = await buildReport(
          await deps(),
          { ...period, timeZone: zone, accountIds: s.accountIds, labels: s.labels },
          s.format,
          reportLocaleOf(ctx.setting('locale')),
          ctx.clock.now(),
          ctx.renderReportPdf,
        );
        const path = writeReportFile(s.folder, report.fileName, report.bytes);
        await schedules.written(s.id, period.to, ctx.clock.now());
        written++;
        ctx.emit({ type: 'report.written', cadence: s.cadence, path, error: null, errorProblem: null });
      } catch (e) {
        const errorProblem = problem('report_not_written', { cadence: s.cadence, folder: s.folder, detail: (e as Error).message });
        await schedules.failedBecause(s.id, errorProblem);
        ctx.emit({ type: 'report.written', cadence: s.cadence, path: null, error: wordsFor(errorProblem), errorProblem });
      }
    }
    return written;
  }
  const armSchedules = (ms: number) => {
    scheduleTimer?.cancel();
    scheduleTimer = ctx.clock.setTimer(ms, () => {
      void (async () => {
        if (stopped) return;
        if (isLeader()) await writeDueReports().catch(() => 0);
        if (!stopped) armSchedules(SCHEDULE_TICK_MS);
      })();
    });
  };

  ctx.lifecycle.onEvent((e) => {
    if (e.type === 'conversation.updated' && ctx.stores.isOpen())
      metrics.keepSignals().catch(() => {
        // History is a copy of the cache: the next update copies what this one could not (as before, when the
        // event listener's failure was contained by emit).
      });
    if (e.type === 'posts.changed' || (e.type === 'connectivity' && e.online)) collector.poke();
  });
  ctx.lifecycle.onClose(() => {
    stopped = true;
    collector.stop();
    scheduleTimer?.cancel();
  });
  collector.start();
  armSchedules(0);

  return {
    metrics,
    analytics,
    collector,
    schedules,
    deps,
    queryOf,
    writeDueReports,
    newScheduleId: () => newId('rps', ctx.clock.now()),
  };
}
