// Handlers of the analytics view, per-post numbers, fresh readings, report exports and report schedules.

import type { analyticsRequests } from '../../../shared/contract/analytics';
import type { BackendContext } from '../context';
import { fail, notFound } from '../errors';
import { buildAnalyticsView } from '../reports/analytics';
import { asReportFile, buildReport } from '../reports/exportReport';
import { buildPostAnalytics } from '../reports/postAnalytics';
import { createReportsService, reportLocaleOf } from '../reports/reportsService';
import type { HandlerMap } from './types';

export function analyticsHandlers(ctx: BackendContext): HandlerMap<keyof typeof analyticsRequests> {
  const service = createReportsService(ctx);
  return {
    'analytics.view': async (q) => buildAnalyticsView(await service.deps(), service.queryOf(q)),

    'analytics.post': async ({ postId, timeZone }) => buildPostAnalytics(await service.deps(), postId, timeZone ?? ctx.setting('timeZone')),

    'metrics.refresh': async ({ postId }) => {
      if (postId === undefined) return service.collector.collect();
      const targets = await service.metrics.publishedTargetIds(postId);
      if (targets.length === 0) throw notFound('published_post');
      return service.collector.collect({ targetIds: targets });
    },

    'reports.export': async ({ query, format, locale }) =>
      asReportFile(
        await buildReport(
          await service.deps(),
          service.queryOf(query),
          format,
          locale ?? reportLocaleOf(ctx.setting('locale')),
          ctx.clock.now(),
          ctx.renderReportPdf,
        ),
      ),

    'reports.schedules.list': () => service.schedules.list(),

    'reports.schedules.add': async (s) => {
      if (!/^([a-zA-Z]:[\\/]|\/|\\\\)/.test(s.folder)) throw fail('folder_path', {}, 'folder');
      const schedule = await service.schedules.add(
        {
          id: service.newScheduleId(),
          cadence: s.cadence,
          folder: s.folder,
          format: s.format,
          accountIds: s.accountIds ?? [],
          labels: s.labels ?? [],
        },
        ctx.clock.now(),
      );
      void service.writeDueReports();
      return schedule;
    },

    'reports.schedules.remove': async ({ id }) => {
      if (!(await service.schedules.remove(id))) throw notFound('report_schedule');
      return { id };
    },
  };
}
