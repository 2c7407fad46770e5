// Builds a report file in any format from a query: the one path the app's Export button, the CLI and schedules share.

import type { PublishContext, ReportFile, ReportFormat, ReportLocale } from '../../../shared/analytics';
import { type AnalyticsDeps, type AnalyticsQuery, buildAnalyticsView } from './analytics';
import { reportCsv } from './csv';
import { reportHtml } from './htmlReport';
import { printReportPdf, type ReportPdfRenderer } from './pdfRenderer';
import { reportPdf } from './pdfReport';
import { buildPostAnalytics, type PostAnalyticsDeps } from './postAnalytics';
import { reportModel } from './reportModel';
import { periodOf } from './zoneClock';

export interface ExportDeps extends AnalyticsDeps, PostAnalyticsDeps {}

const MIME: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};

export function reportFileName(q: Pick<AnalyticsQuery, 'from' | 'to'>, format: ReportFormat): string {
  return `kairos-report-${q.from}_${q.to}.${format}`;
}

export async function buildReport(
  d: ExportDeps,
  q: AnalyticsQuery,
  format: ReportFormat,
  locale: ReportLocale,
  now: number,
  /** The shell's HTML-to-PDF printer (the desktop app's Chromium); pdfkit draws the PDF when there is none. */
  renderPdf?: ReportPdfRenderer,
): Promise<{ fileName: string; mime: string; bytes: Buffer }> {
  const fileName = reportFileName(q, format);
  if (format === 'csv') {
    const period = periodOf(q.from, q.to, q.timeZone);
    const ids = q.accountIds?.length ? new Set(q.accountIds) : null;
    const labels = q.labels?.length ? new Set(q.labels) : null;
    const rows = (await d.analytics.published(period.fromAt, period.toAt)).filter(
      (r) => (!ids || ids.has(r.accountId)) && (!labels || r.labels.some((l) => labels.has(l))),
    );
    const names = new Map(d.accounts.map((a) => [a.id, a.name]));
    const csv = reportCsv(rows, await d.analytics.snapshotsOf(period.fromAt, period.toAt), (id) => names.get(id) ?? id);
    return { fileName, mime: MIME.csv, bytes: Buffer.from(csv, 'utf8') };
  }
  const view = await buildAnalyticsView(d, q);
  if (format === 'json') return { fileName, mime: MIME.json, bytes: Buffer.from(`${JSON.stringify(view, null, 2)}\n`, 'utf8') };
  const contexts = new Map<string, PublishContext>();
  for (const p of [...view.top, ...view.bottom]) {
    const post = await buildPostAnalytics(d, p.postId, q.timeZone);
    const t = post.targets.find((x) => x.targetId === p.targetId);
    if (t) contexts.set(p.targetId, t.context);
  }
  const model = reportModel(view, locale, now, contexts);
  if (format === 'html') return { fileName, mime: MIME.html, bytes: Buffer.from(reportHtml(model), 'utf8') };
  if (renderPdf) return { fileName, mime: MIME.pdf, bytes: await printReportPdf(renderPdf, reportHtml(model), { locale }) };
  return { fileName, mime: MIME.pdf, bytes: await reportPdf(model) };
}

export function asReportFile(r: { fileName: string; mime: string; bytes: Buffer }): ReportFile {
  return { fileName: r.fileName, mime: r.mime, base64: r.bytes.toString('base64'), bytes: r.bytes.length };
}
