// How the desktop app lays out a report for printing (paper, margins, footer, light colours), without Electron, so it is unit-tested.

import type { ReportLocale } from '../../shared/analytics';

export type PaperSize = 'A4' | 'Letter';

/** Regions whose paper is US Letter (CLDR's measurement data); everywhere else prints on A4. */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PR', 'PH', 'CL', 'CO', 'VE', 'CR', 'GT', 'NI', 'PA', 'SV', 'BZ']);

/** The paper of a region: `app.getLocaleCountryCode()` ("US"), else a locale tag's region ("en-US", "it_IT"). */
export function paperSizeFor(region: string, localeTag = ''): PaperSize {
  const code = region.trim() || (/[-_]([A-Za-z]{2})(?:[-_.@]|$)/.exec(localeTag)?.[1] ?? '');
  return LETTER_REGIONS.has(code.toUpperCase()) ? 'Letter' : 'A4';
}

/** Page margins in inches; the bottom one leaves room for the footer. */
export const PRINT_MARGINS_INCHES = { top: 0.55, bottom: 0.7, left: 0.55, right: 0.55 } as const;

/** Chromium fills `title`, `pageNumber` and `totalPages`; a template needs its own font size or it prints at zero. */
export function printFooterTemplate(locale: ReportLocale): string {
  const [page, of] = locale === 'it' ? ['Pagina', 'di'] : ['Page', 'of'];
  return `<div style="font:8px system-ui,sans-serif;color:#5b6470;width:100%;margin:0 0.55in;display:flex;justify-content:space-between"><span class="title"></span><span>${page} <span class="pageNumber"></span> ${of} <span class="totalPages"></span></span></div>`;
}

/** An empty header: Chromium's default one prints the date and the title at the top of every page. */
export const PRINT_HEADER_TEMPLATE = '<span></span>';

// Paper is light whatever the desktop theme: the dark palette is switched off, and cards, charts and list items keep together.
const PRINT_CSS =
  '<style>@media print{:root{color-scheme:light}body{max-width:none;margin:0;padding:0}' +
  '*{-webkit-print-color-adjust:exact;print-color-adjust:exact}h2,h3{break-after:avoid}.cards,.card,figure,tr,li{break-inside:avoid}}</style>';

/** The html format's file, printed light on paper with page-friendly breaks. */
export function printableReportHtml(html: string): string {
  if (!html.includes('</head>')) throw new Error('The report has no <head> to print with.');
  return html.replace('@media (prefers-color-scheme:dark)', '@media not all').replace('</head>', `${PRINT_CSS}</head>`);
}

// Chromium refuses to load a URL longer than 2 MiB; a report's HTML is a few tens of KB (one bar per day, bounded lists).
const MAX_URL_CHARS = 2 * 1024 * 1024;

/** The HTML as the only thing the print window may load: a data: URL, never a file or the network. */
export function reportDataUrl(html: string): string {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > MAX_URL_CHARS) throw new Error('The report is too large to print (over 1.5 MB of HTML). Choose a shorter period.');
  return url;
}

/** Every request the print window makes is refused except the report's own data: URL (no fonts, images or links are fetched). */
export function isPrintRequestAllowed(url: string): boolean {
  return url.startsWith('data:');
}

/** Printing a report takes well under a second; past this the window is destroyed and the export fails with a reason. */
export const PRINT_TIMEOUT_MS = 30_000;
