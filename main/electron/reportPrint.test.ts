// The desktop's PDF path without Electron: the backend hands reports.export's HTML to the injected printer, and the
// desktop's page settings printed by a real Chromium (the engine inside Electron) give a PDF whose page 1 has the numbers.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsView } from '../../shared/analytics';
import { type Backend, createBackend } from '../core/backend';
import { openDatabase } from '../core/db/database';
import type { ReportPdfRenderer } from '../core/reports/pdfRenderer';
import { FEATURES } from '../features';
import { seedAnalyticsHistory } from '../testing/analyticsHistory';
import {
  isPrintRequestAllowed,
  PRINT_HEADER_TEMPLATE,
  PRINT_MARGINS_INCHES,
  paperSizeFor,
  printableReportHtml,
  printFooterTemplate,
  reportDataUrl,
} from './reportPrintPage';

const DAY = 86_400_000;
const NOW = Date.now();
const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const QUERY = { from: day(NOW - 28 * DAY), to: day(NOW - DAY), timeZone: 'UTC' };
const inches = (n: number) => `${n}in`;

describe('paper, footer and print page', () => {
  it('prints on Letter in the Americas that use it and on A4 elsewhere, from the region or the locale tag', () => {
    expect(paperSizeFor('US')).toBe('Letter');
    expect(paperSizeFor('ca')).toBe('Letter');
    expect(paperSizeFor('IT')).toBe('A4');
    expect(paperSizeFor('GB')).toBe('A4');
    expect(paperSizeFor('', 'en-US')).toBe('Letter');
    expect(paperSizeFor('', 'it_IT.UTF-8')).toBe('A4');
    expect(paperSizeFor('', 'en')).toBe('A4');
  });

  it('switches the dark palette off for paper, refuses everything but the data: URL, and words the footer in the report language', () => {
    const html = '<html><head><style>@media (prefers-color-scheme:dark){:root{--bg:#000}}</style></head><body></body></html>';
    const printable = printableReportHtml(html);
    expect(printable).not.toContain('prefers-color-scheme:dark');
    expect(printable).toContain('@media print{:root{color-scheme:light}');
    expect(() => printableReportHtml('<p>no head</p>')).toThrow(/no <head>/);
    expect(isPrintRequestAllowed(reportDataUrl(html))).toBe(true);
    for (const url of ['https://example.com/x.png', 'file:///etc/passwd', 'app://kairos/index.html'])
      expect(isPrintRequestAllowed(url)).toBe(false);
    expect(() => reportDataUrl('x'.repeat(1_700_000))).toThrow(/too large to print/);
    expect(printFooterTemplate('it')).toContain('Pagina <span class="pageNumber"></span> di <span class="totalPages"></span>');
    expect(printFooterTemplate('en')).toContain('Page <span class="pageNumber"></span> of');
  });
});

describe('reports.export through an injected page printer', () => {
  let dir: string;
  let browser: Browser;
  let desktop: Backend;
  let view: AnalyticsView;
  const printed: { html: string; locale: string; requests: string[] }[] = [];

  // What reportPrinter.ts does with Electron, done with Playwright's Chromium: same HTML, paper, margins and footer, no scripts, no network.
  const chromiumPrinter =
    (paper: 'A4' | 'Letter'): ReportPdfRenderer =>
    async (html, options) => {
      const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      try {
        const page = await context.newPage();
        await page.goto(reportDataUrl(printableReportHtml(html)));
        printed.push({ html, locale: options.locale, requests });
        return await page.pdf({
          format: paper,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: PRINT_HEADER_TEMPLATE,
          footerTemplate: printFooterTemplate(options.locale),
          margin: {
            top: inches(PRINT_MARGINS_INCHES.top),
            bottom: inches(PRINT_MARGINS_INCHES.bottom),
            left: inches(PRINT_MARGINS_INCHES.left),
            right: inches(PRINT_MARGINS_INCHES.right),
          },
        });
      } finally {
        await context.close();
      }
    };

  const open = (renderReportPdf?: ReportPdfRenderer) =>
    createBackend({ dataDir: dir, features: FEATURES, shell: 'electron', systemTimeZone: 'UTC', renderReportPdf });

  const exportPdf = async (b: Backend, locale: 'en' | 'it', name: string) => {
    const file = await b.call('reports.export', { query: QUERY, format: 'pdf', locale });
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    return path;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-report-print-'));
    const db = await openDatabase(join(dir, 'kairos.sqlite'));
    seedAnalyticsHistory(db, { now: NOW, days: 120, posts: 360 });
    db.close();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    desktop = await open(chromiumPrinter('A4'));
    view = await desktop.call('analytics.view', QUERY);
  });

  afterAll(async () => {
    await desktop?.close();
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the html format’s report in Chromium: page 1 has the headline numbers, every page its number, A4, nothing fetched', async () => {
    for (const [locale, label, pageWord] of [
      ['en', 'Posts published', 'Page 1 of'],
      ['it', 'Post pubblicati', 'Pagina 1 di'],
    ] as const) {
      const pdf = await exportPdf(desktop, locale, `desktop-${locale}`);
      const html = (await desktop.call('reports.export', { query: QUERY, format: 'html', locale })).base64;
      const last = printed.at(-1);
      expect(last?.locale).toBe(locale);
      // The same HTML the html format writes (generated a moment apart, so compare without the "generated at" line).
      const strip = (s: string) => s.replace(/<p class="muted">[^<]*<\/p>\n<\/body>/, '');
      expect(strip(last?.html ?? '')).toBe(strip(Buffer.from(html, 'base64').toString('utf8')));
      expect(last?.requests).toEqual([]);

      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Producer:\s+Skia\/PDF/);
      expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(dir, `page-${locale}`)]);
      const png = [join(dir, `page-${locale}-1.png`), join(dir, `page-${locale}-01.png`)].find((p) => existsSync(p));
      expect(png, 'pdftoppm rendered page 1').toBeDefined();
      expect(
        readFileSync(png as string)
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');

      const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
      expect(page1).toContain(label);
      for (const card of view.headline.slice(0, 3)) expect(page1).toContain(new Intl.NumberFormat(locale).format(card.value));
      expect(page1).toContain(`${QUERY.from} – ${QUERY.to} (UTC)`);
      expect(page1).toContain(pageWord);
    }
  });

  it('prints on Letter when the printer says so, and pdfkit draws the PDF when no printer is injected', async () => {
    await desktop.close();
    desktop = await open(chromiumPrinter('Letter'));
    const letter = execFileSync('pdfinfo', [await exportPdf(desktop, 'en', 'letter')], { encoding: 'utf8' });
    expect(letter).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    await desktop.close();
    desktop = await open();
    const drawn = execFileSync('pdfinfo', [await exportPdf(desktop, 'en', 'pdfkit')], { encoding: 'utf8' });
    expect(drawn).toMatch(/Producer:\s+PDFKit/);
  });

  it('a printer that fails or returns no PDF gives a clear error, not a broken file', async () => {
    await desktop.close();
    desktop = await open(async () => {
      throw new Error('Printing took longer than 30 s.');
    });
    expect(await desktop.invoke('reports.export', { query: QUERY, format: 'pdf' })).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          'The PDF could not be printed: Printing took longer than 30 s. Nothing was saved. Try again, or export the report as HTML.',
        problem: { code: 'pdf_failed', params: { detail: 'Printing took longer than 30 s.' } },
      },
    });
    await desktop.close();
    desktop = await open(async () => new TextEncoder().encode('<html>not a pdf'));
    expect(await desktop.invoke('reports.export', { query: QUERY, format: 'pdf' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/returned no PDF/) },
    });
    // Other formats never go near the printer.
    expect(await desktop.invoke('reports.export', { query: QUERY, format: 'csv' })).toMatchObject({ ok: true });
  });
});
