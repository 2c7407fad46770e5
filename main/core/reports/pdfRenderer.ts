// The seam through which a shell prints the report's HTML to PDF with a real browser engine instead of pdfkit.

import type { ReportLocale } from '../../../shared/analytics';
import { fail } from '../errors';

export interface ReportPdfOptions {
  /** The report's language, for the page footer's words. */
  readonly locale: ReportLocale;
}

/** Prints a self-contained HTML report to PDF bytes; the desktop shell's is Electron's `webContents.printToPDF`. */
export type ReportPdfRenderer = (html: string, options: ReportPdfOptions) => Promise<Uint8Array>;

/** Runs the shell's renderer and checks it gave back a PDF, so a failure says what happened instead of writing a broken file. */
export async function printReportPdf(render: ReportPdfRenderer, html: string, options: ReportPdfOptions): Promise<Buffer> {
  let bytes: Uint8Array;
  try {
    bytes = await render(html, options);
  } catch (e) {
    throw fail('pdf_failed', { detail: (e as Error).message });
  }
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw fail('pdf_empty', {});
  return pdf;
}
