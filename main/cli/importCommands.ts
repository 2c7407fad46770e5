// kairos import / export / feed / evergreen: the same contract the app's import screen, export buttons and queues use.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { ImportPreview, ImportRowPreview } from '../../shared/contract/importExport';
import { IMPORT_FIELDS, type ImportField } from '../../shared/importExport/fields';
import type { Backend } from '../core/backend';
import { fail } from '../core/errors';
import { all, allowOnly, one, type ParsedArgs, requireOne, UsageError } from './args';
import { humanTime } from './format';

export interface ImportCommandIO {
  out(line: string): void;
  err(line: string): void;
}

type DayStart = (date: string, timeZone: string, flag: string) => number;

async function accountIds(b: Backend, refs: readonly string[]): Promise<string[]> {
  const accounts = await b.call('accounts.list', {});
  return refs.map((ref) => {
    const hit = accounts.filter((a) => a.id === ref || a.name.toLowerCase() === ref.toLowerCase());
    if (hit.length !== 1) {
      throw new UsageError(
        hit.length ? `More than one account is called "${ref}"; use its id.` : `Unknown account "${ref}". See "kairos accounts list".`,
      );
    }
    return (hit[0] as { id: string }).id;
  });
}

/** --map "Header=field" pairs for files whose columns Kairos does not know. */
function mappingOf(args: ParsedArgs): Record<string, ImportField> | undefined {
  const pairs = all(args, 'map');
  if (pairs.length === 0) return undefined;
  const out: Record<string, ImportField> = {};
  for (const p of pairs) {
    const at = p.lastIndexOf('=');
    const field = p.slice(at + 1).trim() as ImportField;
    if (at <= 0 || !IMPORT_FIELDS.includes(field)) {
      throw new UsageError(`--map "${p}" must be "Column name=field", with field one of: ${IMPORT_FIELDS.join(', ')}.`);
    }
    out[p.slice(0, at).trim()] = field;
  }
  return out;
}

function rowLine(r: ImportRowPreview): string[] {
  const when = r.at === null ? 'draft' : `${r.wallDate} ${r.wallTime} ${r.timeZone}`;
  const head = `  line ${r.line}  ${when}  ${r.accounts.join(', ') || '(no account)'}  "${r.excerpt.replace(/\s+/g, ' ').slice(0, 50)}"`;
  return [head, ...r.problems.map((p) => `    ${p.level === 'error' ? 'ERROR' : 'note'}: ${p.message}`)];
}

function previewLines(p: ImportPreview): string[] {
  const sep = p.delimiter === '\t' ? 'tab' : p.delimiter;
  return [
    `${p.fileName}: ${p.formatName} (${p.encoding}, "${sep}" separated), ${p.counts.rows} rows: ${p.counts.ready} ready, ${p.counts.withErrors} with problems, ${p.counts.withWarnings} with notes.`,
    ...(p.needsMapping
      ? [
          `Kairos does not know these columns: ${p.headers.join(', ')}. Say which is which with --map "Column=field" (fields: ${IMPORT_FIELDS.join(', ')}).`,
        ]
      : []),
    ...(p.needsDateOrder ? ['Dates like 05/07/2026 could be either order: add --date-order dmy or --date-order mdy.'] : []),
    ...(p.rowsWithoutAccount ? [`${p.rowsWithoutAccount} rows name no account: add --to ACCOUNT to post them somewhere.`] : []),
    ...p.rows.filter((r) => r.problems.length > 0).flatMap(rowLine),
  ];
}

/** kairos import FILE [--dry-run] [--to ACCOUNT...] [--date-order dmy|mdy] [--tz Z] [--map "Column=field"]... [--label L] */
export async function commandImport(b: Backend, file: string | undefined, args: ParsedArgs, io: ImportCommandIO): Promise<number> {
  allowOnly(args, ['dry-run', 'to', 'date-order', 'tz', 'map', 'label']);
  if (!file) throw new UsageError('Name the CSV file: kairos import FILE [--dry-run].');
  const path = resolve(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw fail('file_unreadable', { name: path, why: (e as { code?: string }).code === 'ENOENT' ? 'missing' : (e as Error).message });
  }
  const order = one(args, 'date-order');
  if (order !== undefined && order !== 'dmy' && order !== 'mdy')
    throw new UsageError('--date-order must be dmy (day/month) or mdy (month/day).');
  const mapping = mappingOf(args);
  const tz = one(args, 'tz');
  const labels = all(args, 'label');
  const req = {
    fileName: basename(path),
    contentBase64: bytes.toString('base64'),
    baseDir: dirname(path),
    defaultAccountIds: await accountIds(b, all(args, 'to')),
    ...(mapping ? { mapping } : {}),
    ...(order ? { dateOrder: order as 'dmy' | 'mdy' } : {}),
    ...(tz ? { timeZone: tz } : {}),
    ...(labels.length ? { labels: [...labels] } : {}),
  };
  const preview = await b.call('import.preview', req);
  if (args.options.has('dry-run')) {
    io.out(args.json ? JSON.stringify(preview, null, 2) : [...previewLines(preview), 'Dry run: nothing was saved.'].join('\n'));
    return preview.counts.withErrors > 0 || preview.needsMapping ? 1 : 0;
  }
  if (preview.counts.withErrors > 0 || preview.needsMapping) {
    io.err([...previewLines(preview), 'Nothing was imported. Fix the rows above (or check with --dry-run) and import again.'].join('\n'));
    return 1;
  }
  const r = await b.call('import.commit', req);
  io.out(
    args.json
      ? JSON.stringify(r, null, 2)
      : `Imported ${r.imported} posts from ${preview.fileName}: ${r.scheduled} scheduled, ${r.drafts} drafts.`,
  );
  return 0;
}

/** kairos export --format csv|json|ics [--observances] --out FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz Z] */
export async function commandExport(b: Backend, args: ParsedArgs, io: ImportCommandIO, dayStart: DayStart): Promise<void> {
  allowOnly(args, ['format', 'out', 'from', 'to', 'tz', 'observances']);
  const format = requireOne(args, 'format', 'csv, json or ics');
  if (format !== 'csv' && format !== 'json' && format !== 'ics') throw new UsageError('--format must be csv, json or ics.');
  const out = resolve(requireOne(args, 'out', 'the file to write'));
  const tz = one(args, 'tz') ?? (await b.call('settings.get', {})).timeZone;
  const from = one(args, 'from');
  const to = one(args, 'to');
  const range = { ...(from ? { from: dayStart(from, tz, 'from') } : {}), ...(to ? { to: dayStart(to, tz, 'to') + 86_400_000 } : {}) };
  const file =
    format === 'ics'
      ? await b.call('export.ics', { kind: args.options.has('observances') ? 'observances' : 'schedule', ...range })
      : await b.call('export.posts', { format, ...range });
  try {
    writeFileSync(out, file.content);
  } catch (e) {
    throw fail('file_write_failed', { path: out, detail: (e as Error).message });
  }
  io.out(
    args.json
      ? JSON.stringify({ file: out, count: file.count })
      : `Wrote ${file.count} ${format === 'ics' ? 'events' : 'posts'} to ${out}.`,
  );
}

/** kairos feed list | feed create schedule|observances | feed revoke ID */
export async function commandFeed(
  b: Backend,
  sub: string | undefined,
  rest: readonly string[],
  args: ParsedArgs,
  io: ImportCommandIO,
): Promise<void> {
  allowOnly(args, []);
  if (sub === 'list' || sub === undefined) {
    const feeds = await b.call('feeds.list', {});
    io.out(
      args.json
        ? JSON.stringify(feeds, null, 2)
        : feeds
            .map((f) => `${f.id}  ${f.kind}  created ${new Date(f.createdAt).toISOString()}${f.revokedAt ? '  revoked' : ''}`)
            .join('\n') || 'No calendar feeds.',
    );
    return;
  }
  if (sub === 'create') {
    const kind = rest[0];
    if (kind !== 'schedule' && kind !== 'observances') throw new UsageError('kairos feed create schedule|observances');
    const f = await b.call('feeds.create', { kind });
    io.out(
      args.json
        ? JSON.stringify(f, null, 2)
        : `Created ${f.feed.id}. While "kairos serve" runs, calendars can subscribe to:\n  http://127.0.0.1:PORT${f.path}\nThis is the only time the address is shown; revoke it with "kairos feed revoke ${f.feed.id}".`,
    );
    return;
  }
  if (sub === 'revoke') {
    const id = rest[0];
    if (!id) throw new UsageError('kairos feed revoke ID');
    const f = await b.call('feeds.revoke', { id });
    io.out(args.json ? JSON.stringify(f) : `Revoked ${f.id}; its address no longer works.`);
    return;
  }
  throw new UsageError(`Unknown feed command "${sub}". Use list, create or revoke.`);
}

/** kairos evergreen list | evergreen set LABEL --every DAYS [--until YYYY-MM-DD] [--off] */
export async function commandEvergreen(
  b: Backend,
  sub: string | undefined,
  rest: readonly string[],
  args: ParsedArgs,
  io: ImportCommandIO,
): Promise<void> {
  if (sub === 'list' || sub === undefined) {
    allowOnly(args, []);
    const queues = await b.call('evergreen.queues.list', {});
    if (args.json) return io.out(JSON.stringify(queues, null, 2));
    const lines = queues.flatMap((q) => [
      `${q.label}: every ${q.minIntervalDays} days at most${q.stopDate ? `, until ${q.stopDate}` : ''}${q.active ? '' : ' (paused)'}`,
      ...q.posts.map(
        (p) =>
          `  ${p.postId}  "${p.excerpt.slice(0, 40)}"  ${p.upcoming ? `next ${humanTime(p.upcoming.at, q.timeZone)}` : 'no repeat queued'}${p.warnings.map((w) => `\n    note: ${w}`).join('')}`,
      ),
    ]);
    io.out(lines.join('\n') || 'No evergreen queues. Add one with: kairos evergreen set LABEL --every DAYS');
    return;
  }
  if (sub === 'set') {
    allowOnly(args, ['every', 'until', 'off']);
    const label = rest[0];
    if (!label) throw new UsageError('kairos evergreen set LABEL --every DAYS [--until YYYY-MM-DD] [--off]');
    const every = Number(requireOne(args, 'every', 'the fewest days between two re-posts of the same post'));
    if (!Number.isInteger(every) || every < 1) throw new UsageError('--every must be a whole number of days, 1 or more.');
    const q = await b.call('evergreen.queues.set', {
      label,
      minIntervalDays: every,
      stopDate: one(args, 'until') ?? null,
      active: !args.options.has('off'),
    });
    io.out(
      args.json
        ? JSON.stringify(q, null, 2)
        : `Evergreen queue "${q.label}": ${q.posts.length} evergreen posts, each at most every ${q.minIntervalDays} days.`,
    );
    return;
  }
  throw new UsageError(`Unknown evergreen command "${sub}". Use list or set.`);
}
