// kairos report: the leadership brief for a period, written to a file (pdf, csv, html or json).

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPORT_FORMATS, REPORT_LOCALES, type ReportFormat, type ReportLocale } from '../../shared/analytics';
import type { Backend } from '../core/backend';
import { all, allowOnly, one, type ParsedArgs, requireOne, UsageError } from './args';

export interface ReportIO {
  out(line: string): void;
  err(line: string): void;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Values given as repeated options or comma-separated lists. */
function listOf(args: ParsedArgs, name: string): string[] {
  return all(args, name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export async function commandReport(b: Backend, args: ParsedArgs, io: ReportIO): Promise<void> {
  allowOnly(args, ['from', 'to', 'accounts', 'labels', 'format', 'out', 'tz', 'lang']);
  const from = requireOne(args, 'from', 'the first day, YYYY-MM-DD');
  const to = requireOne(args, 'to', 'the last day, YYYY-MM-DD');
  for (const [name, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!DAY_RE.test(v)) throw new UsageError(`--${name} "${v}" is not a date; write it as YYYY-MM-DD.`);
  }
  const format = (one(args, 'format') ?? 'pdf') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}.`);
  const lang = one(args, 'lang') as ReportLocale | undefined;
  if (lang !== undefined && !REPORT_LOCALES.includes(lang)) throw new UsageError(`--lang must be one of ${REPORT_LOCALES.join(', ')}.`);
  const out = requireOne(args, 'out', 'the file to write, e.g. --out report.pdf');

  const accounts = await b.call('accounts.list', {});
  const accountIds = listOf(args, 'accounts').map((ref) => {
    const hit = accounts.filter((a) => a.id === ref || a.name.toLowerCase() === ref.toLowerCase());
    if (hit.length === 1) return (hit[0] as { id: string }).id;
    throw new UsageError(
      hit.length ? `More than one account is called "${ref}"; use its id.` : `Unknown account "${ref}". See "kairos accounts list".`,
    );
  });
  const tz = one(args, 'tz');
  const file = await b.call('reports.export', {
    query: { from, to, ...(tz ? { timeZone: tz } : {}), accountIds, labels: listOf(args, 'labels') },
    format,
    ...(lang ? { locale: lang } : {}),
  });
  const path = resolve(out);
  try {
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
  } catch (e) {
    throw new UsageError(`Could not write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Pick another --out.`);
  }
  io.out(
    args.json
      ? JSON.stringify({ path, bytes: file.bytes, format })
      : `Wrote ${format.toUpperCase()} report for ${from} – ${to} to ${path} (${file.bytes} bytes).`,
  );
}

/** Long-running commands say when a scheduled report was written, or why it could not be. */
export function logScheduledReports(b: Backend, io: ReportIO): () => void {
  return b.subscribe((e) => {
    if (e.type !== 'report.written') return;
    if (e.path) io.out(`Wrote the ${e.cadence} report to ${e.path}`);
    else io.err(`kairos: ${e.error ?? `The ${e.cadence} report could not be written.`}`);
  });
}
