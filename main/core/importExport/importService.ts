// CSV import: decode, detect the format, read every row with its problems, then save all rows in one transaction or none.

import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import type { ImportPreview, ImportRequestSchema, ImportResult } from '../../../shared/contract/importExport';
import { MEDIA_MAX_BYTES } from '../../../shared/contract/media';
import type { Problem } from '../../../shared/contract/problems';
import type { PostOptions } from '../../../shared/domain';
import { detectFormat, FORMAT_NAMES, type ImportField, normaliseHeader } from '../../../shared/importExport/fields';
import type { BackendContext } from '../context';
import { fail, problem } from '../errors';
import { checkTargetsWith } from '../handlers/posts';
import { newId, newIdempotencyKey } from '../ids';
import type { NewPost } from '../repos/posts';
import { CsvFileError, decodeCsvBytes, detectDelimiter, parseCsv } from './csv';
import { type ImportAccount, type ImportCandidate, interpretRow, previewOf, type RowEnv } from './importRows';
import { inferDateOrder, RowTimeResolver } from './importTimes';

export type ImportRequest = z.output<typeof ImportRequestSchema>;

const MEDIA_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.mp4', '.webm', '.mov']);
export const MAX_IMPORT_ROWS = 20_000;

function checkMediaPath(baseDir: string | undefined, shell: BackendContext['shell']) {
  return (given: string): { path: string } | { problem: Problem } => {
    // A page never makes the backend read a file it names (the shells' allowlist rule); the command line may.
    if (shell !== 'cli') {
      return { problem: problem('import_media_not_read_here', { path: given }) };
    }
    if (!isAbsolute(given) && baseDir === undefined) {
      return { problem: problem('import_media_relative', { path: given }) };
    }
    const path = isAbsolute(given) ? given : join(baseDir as string, given);
    if (!existsSync(path)) return { problem: problem('import_media_missing', { path }) };
    const st = statSync(path);
    if (!st.isFile()) return { problem: problem('import_media_folder', { path }) };
    if (!MEDIA_EXTENSIONS.has(extname(path).toLowerCase())) {
      return { problem: problem('import_media_kind', { path }) };
    }
    if (st.size > MEDIA_MAX_BYTES) return { problem: problem('import_media_too_large', { path, maxMb: MEDIA_MAX_BYTES / 1024 / 1024 }) };
    return { path };
  };
}

interface Analysis {
  readonly preview: ImportPreview;
  readonly candidates: readonly ImportCandidate[];
}

async function analyse(ctx: BackendContext, req: ImportRequest): Promise<Analysis> {
  let decoded: ReturnType<typeof decodeCsvBytes>;
  let records: ReturnType<typeof parseCsv>;
  let delimiter: ReturnType<typeof detectDelimiter>;
  try {
    decoded = decodeCsvBytes(Buffer.from(req.contentBase64, 'base64'));
    delimiter = detectDelimiter(decoded.text);
    records = parseCsv(decoded.text, delimiter);
  } catch (e) {
    if (e instanceof CsvFileError) throw fail('csv_unreadable', { fileName: req.fileName, detail: e.message }, 'file');
    throw e;
  }
  const header = records[0];
  if (!header) throw fail('csv_no_header', { fileName: req.fileName }, 'file');
  const headers = header.fields.map((h) => h.replace(/^\uFEFF/, '').trim());
  const seen = new Set<string>();
  for (const h of headers) {
    if (h === '') continue;
    if (seen.has(normaliseHeader(h))) throw fail('csv_duplicate_column', { fileName: req.fileName, column: h }, 'file');
    seen.add(normaliseHeader(h));
  }
  const rows = records.slice(1);
  if (rows.length === 0) throw fail('csv_no_rows', { fileName: req.fileName }, 'file');
  if (rows.length > MAX_IMPORT_ROWS)
    throw fail('csv_too_many_rows', { fileName: req.fileName, rows: rows.length, max: MAX_IMPORT_ROWS }, 'file');

  const detected = detectFormat(headers);
  const mapping: Record<string, ImportField> = req.mapping ? { ...detected.mapping, ...req.mapping } : detected.mapping;
  const needsMapping = detected.format === 'custom' && !req.mapping;
  const dateColumns = headers.filter((h) => ['date', 'dateTime'].includes(mapping[h] ?? 'ignore'));
  const inferred = inferDateOrder(rows.flatMap((r) => dateColumns.map((h) => r.fields[headers.indexOf(h)] ?? '')));
  const dateOrder = req.dateOrder ?? (inferred === 'conflict' ? null : inferred);

  // Thousands of rows name the same few accounts: read them once.
  const all = await ctx.accounts.list();
  const accounts: ImportAccount[] = all.map((a) => ({ id: a.id, name: a.name, handle: a.handle, platform: a.platform }));
  for (const id of req.defaultAccountIds ?? []) {
    if (!accounts.some((a) => a.id === id)) throw fail('unknown_import_account', { id }, 'defaultAccountIds');
  }
  const stored = new Map(all.map((a) => [a.id, a]));
  const takesReplies = (accountId: string) => {
    const a = stored.get(accountId);
    return a ? ctx.platforms.get(a.platform)?.repliesToOwnPosts === true : false;
  };
  const env: RowEnv = {
    accounts,
    defaultAccountIds: req.defaultAccountIds ?? [],
    timeZone: req.timeZone ?? ctx.setting('timeZone'),
    dateOrder,
    now: ctx.clock.now(),
    extraLabels: req.labels ?? [],
    checkContent: (c) =>
      checkTargetsWith(ctx, (id) => stored.get(id) ?? null, [], {
        text: c.text,
        parts: c.parts,
        accountIds: c.accountIds,
        overrides: c.overrides,
        options: {},
      }).flatMap((t) => t.issues),
    checkMedia: checkMediaPath(req.baseDir, ctx.shell),
    takesReplies,
    times: new RowTimeResolver(),
  };
  const candidates =
    needsMapping && !Object.values(mapping).includes('text') ? [] : rows.map((r) => interpretRow(r, headers, mapping, env));
  const previews = candidates.map((c) => previewOf(c, env));
  const withErrors = previews.filter((p) => p.problems.some((x) => x.level === 'error')).length;
  const withWarnings = previews.filter((p) => p.problems.some((x) => x.level === 'warning')).length;
  return {
    candidates,
    preview: {
      fileName: req.fileName,
      format: detected.format,
      formatName: FORMAT_NAMES[detected.format],
      encoding: decoded.encoding,
      delimiter,
      headers,
      mapping,
      needsMapping,
      needsDateOrder: dateOrder === null && previews.some((p) => p.problems.some((x) => x.problem.code === 'import_date_ambiguous')),
      dateOrder,
      rowsWithoutAccount: candidates.filter((c) => c.accountIds.length === 0).length,
      rows: previews,
      counts: { rows: previews.length, ready: previews.length - withErrors, withErrors, withWarnings },
    },
  };
}

export async function previewImport(ctx: BackendContext, req: ImportRequest): Promise<ImportPreview> {
  return (await analyse(ctx, req)).preview;
}

/** Saves every row, in one transaction, only when no row has an error; otherwise nothing is saved. */
export async function commitImport(ctx: BackendContext, req: ImportRequest): Promise<ImportResult> {
  const { preview, candidates } = await analyse(ctx, req);
  if (preview.needsMapping) throw fail('import_confirm_mapping', {}, 'mapping');
  if (!preview.mapping || !Object.values(preview.mapping).includes('text')) throw fail('import_map_text', {}, 'mapping');
  const bad = preview.rows.filter((r) => r.problems.some((p) => p.level === 'error'));
  if (bad.length > 0) {
    const first = bad[0];
    const problem = first?.problems.find((p) => p.level === 'error');
    throw fail(
      'import_rows_bad',
      { bad: bad.length, rows: preview.rows.length, line: first?.line ?? null, detail: problem?.message ?? 'undefined' },
      'file',
    );
  }
  const now = ctx.clock.now();
  const posts: NewPost[] = [];
  // Media files first (a file no post takes is collected like any unused one), then every post in one transaction.
  for (const c of candidates) {
    const media: NewPost['media'][number][] = [];
    for (const m of c.mediaPaths) media.push({ id: (await ctx.mediaStore.addFile(m.path, now)).id, alt: m.alt, partIndex: 0, focus: null });
    const options: PostOptions = {
      ...(c.evergreen ? { evergreen: true } : {}),
      ...(c.firstComment ? { firstComment: c.firstComment } : {}),
    };
    posts.push({
      id: newId('post', now),
      text: c.text,
      timeZone: c.timeZone,
      scheduledAt: c.at,
      labels: c.labels,
      options,
      parts: c.parts,
      media,
      draft: c.at === null,
      targets: c.accountIds.map((accountId) => ({
        id: newId('tgt', now),
        accountId,
        textOverride: c.overrides[accountId] ?? null,
        idempotencyKey: newIdempotencyKey(),
      })),
      now,
    });
  }
  await ctx.posts.createMany(posts, ctx.actor);
  const postIds = posts.map((p) => p.id);
  const scheduled = posts.filter((p) => !p.draft).length;
  ctx.emit({ type: 'posts.changed', postIds });
  ctx.scheduler.wake();
  return { imported: postIds.length, scheduled, drafts: postIds.length - scheduled, postIds };
}
