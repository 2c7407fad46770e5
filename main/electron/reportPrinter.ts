// Prints the report's HTML to PDF in a hidden, sandboxed window with Chromium (webContents.printToPDF), offline, then destroys it.

import { app, BrowserWindow, type Session, session } from 'electron';
import type { ReportPdfOptions, ReportPdfRenderer } from '../core/reports/pdfRenderer';
import {
  isPrintRequestAllowed,
  PRINT_HEADER_TEMPLATE,
  PRINT_MARGINS_INCHES,
  PRINT_TIMEOUT_MS,
  paperSizeFor,
  printableReportHtml,
  printFooterTemplate,
  reportDataUrl,
} from './reportPrintPage';
import { denyAllPermissions, LOCKED_WEB_PREFERENCES } from './window';

// An in-memory partition of its own: no cookies, cache or storage shared with the app's window, nothing written to disk.
const PRINT_PARTITION = 'kairos-report-print';

let printSession: Session | null = null;

function offlineSession(): Session {
  if (printSession) return printSession;
  const s = session.fromPartition(PRINT_PARTITION, { cache: false });
  denyAllPermissions(s);
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isPrintRequestAllowed(details.url) }));
  printSession = s;
  return s;
}

async function printInWindow(window: BrowserWindow, html: string, options: ReportPdfOptions): Promise<Uint8Array> {
  const contents = window.webContents;
  // The report has links; a click or a meta refresh must not take the window anywhere.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  await window.loadURL(reportDataUrl(printableReportHtml(html)));
  return contents.printToPDF({
    pageSize: paperSizeFor(app.getLocaleCountryCode(), app.getSystemLocale()),
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: PRINT_HEADER_TEMPLATE,
    footerTemplate: printFooterTemplate(options.locale),
    margins: { ...PRINT_MARGINS_INCHES },
  });
}

/** The desktop app's `renderReportPdf`: one hidden window per export, destroyed when it is done, fails or times out. */
export const printReportWithChromium: ReportPdfRenderer = async (html, options) => {
  const window = new BrowserWindow({
    show: false,
    width: 816,
    height: 1056,
    webPreferences: {
      session: offlineSession(),
      ...LOCKED_WEB_PREFERENCES,
      // The report is HTML and SVG with no scripts, so the page runs none at all.
      javascript: false,
      spellcheck: false,
      backgroundThrottling: false,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Printing took longer than ${PRINT_TIMEOUT_MS / 1000} s.`)), PRINT_TIMEOUT_MS);
  });
  const gone = new Promise<never>((_resolve, reject) => {
    window.webContents.once('render-process-gone', (_event, details) => reject(new Error(`The print page stopped (${details.reason}).`)));
  });
  try {
    return await Promise.race([printInWindow(window, html, options), timeout, gone]);
  } finally {
    clearTimeout(timer);
    if (!window.isDestroyed()) window.destroy();
  }
};
