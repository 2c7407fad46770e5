// One CSV row → one candidate post with every problem found in it, before anything is saved.

import type { ImportProblem, ImportRowPreview } from '../../../shared/contract/importExport';
import { type Issue, type Problem, problem, wordsFor } from '../../../shared/contract/problems';
import { SUMMARY_EXCERPT_CHARS } from '../../../shared/domain';
import type { DateOrder, ImportField } from '../../../shared/importExport/fields';
import { isValidTimeZone } from '../../../shared/time/wallTime';
import { parseJsonObject } from '../parse';
import type { CsvRecord } from './csv';
import { type ParsedWhen, parseDate, parseDateTime, parseTime, type RowTimeResolver } from './importTimes';

/** An account a row may name by id, name, handle (with or without @) or, when it has only one, by network. */
export interface ImportAccount {
  readonly id: string;
  readonly name: string;
  readonly handle: string;
  readonly platform: string;
}

export interface RowEnv {
  readonly accounts: readonly ImportAccount[];
  readonly defaultAccountIds: readonly string[];
  readonly timeZone: string;
  readonly dateOrder: DateOrder | null;
  readonly now: number;
  readonly extraLabels: readonly string[];
  /** Per-network problems of the content (length per part, media, options), each in words with the account. */
  readonly checkContent: (c: {
    text: string;
    parts: readonly string[];
    accountIds: readonly string[];
    overrides: Readonly<Record<string, string>>;
  }) => Issue[];
  /** A media path from the file: the full path when it is a readable file Kairos can attach, else the reason. */
  readonly checkMedia: (path: string) => { path: string } | { problem: Problem };
  /** Whether the account's network takes a reply from the account under its own post. */
  readonly takesReplies: (accountId: string) => boolean;
  readonly times: RowTimeResolver;
}

export interface ImportCandidate {
  readonly line: number;
  readonly text: string;
  readonly parts: readonly string[];
  readonly accountIds: readonly string[];
  readonly overrides: Readonly<Record<string, string>>;
  readonly labels: readonly string[];
  readonly timeZone: string;
  readonly at: number | null;
  readonly wallDate: string | null;
  readonly wallTime: string | null;
  readonly mediaPaths: readonly { readonly path: string; readonly alt: string }[];
  readonly firstComment: { readonly text: string; readonly delayMinutes: number } | null;
  readonly evergreen: boolean;
  readonly problems: readonly ImportProblem[];
}

/** A cell a spreadsheet would run as a formula (=cmd|…, =HYPERLINK(…), +SUM(…), @A1…). */
const FORMULA = /^[\t\r\n ]*(=|[+\-@]\s*[A-Za-z_][\w.]*\s*[(|!])/;
/** Spreadsheets' own "this is text" mark, which our export writes too: dropped on the way in. */
const TEXT_MARK = /^'(?=[=+\-@\t\r])/;

const PAST_TOLERANCE_MS = 60_000;
const DEFAULT_FIRST_COMMENT_DELAY = 5;
const THREAD_SPLIT = /\r?\n---\r?\n/;
const LIST_SPLIT = /\s*[;|\n]\s*/;

const split = (v: string, by: RegExp = LIST_SPLIT) =>
  v
    .split(by)
    .map((x) => x.trim())
    .filter((x) => x !== '');

function cellsByField(headers: readonly string[], mapping: Readonly<Record<string, ImportField>>, fields: readonly string[]) {
  const out = new Map<ImportField, string>();
  headers.forEach((h, i) => {
    const f = mapping[h] ?? 'ignore';
    if (f === 'ignore') return;
    const value = (fields[i] ?? '').replace(TEXT_MARK, '');
    const prev = out.get(f);
    // Two columns on the same field: text and lists join, the rest keep the first non-empty one.
    if (prev === undefined || prev === '') out.set(f, value);
    else if (value !== '' && (f === 'text' || f === 'labels' || f === 'media' || f === 'accounts'))
      out.set(f, `${prev}${f === 'text' ? '\n' : ';'}${value}`);
  });
  return out;
}

function matchAccount(name: string, accounts: readonly ImportAccount[]): ImportAccount | null {
  const n = name.trim().toLowerCase().replace(/^@/, '');
  const exact = accounts.find((a) => a.id === name.trim() || a.name.toLowerCase() === n || a.handle.toLowerCase().replace(/^@/, '') === n);
  if (exact) return exact;
  const ofNetwork = accounts.filter((a) => a.platform === n);
  return ofNetwork.length === 1 ? (ofNetwork[0] as ImportAccount) : null;
}

const TRUE = new Set(['yes', 'y', 'true', '1', 'x', 'evergreen', 'si', 'sì']);

function whenOf(cells: Map<ImportField, string>, order: DateOrder | null): ParsedWhen {
  const dateTime = cells.get('dateTime')?.trim() ?? '';
  if (dateTime !== '') return parseDateTime(dateTime, order);
  const date = cells.get('date')?.trim() ?? '';
  const time = cells.get('time')?.trim() ?? '';
  if (date === '' && time === '') return { kind: 'none' };
  if (date === '') return { kind: 'error', problem: problem('import_time_without_date', { time }) };
  // A date cell that holds a time too (Publer writes "2029-11-19 20:35").
  if (time === '' && /[ T]\d{1,2}[:h]\d{2}/.test(date)) return parseDateTime(date, order);
  const d = parseDate(date, order);
  if ('ambiguous' in d) return { kind: 'ambiguous', problem: problem('import_date_ambiguous', { value: date }) };
  if ('problem' in d) return { kind: 'error', problem: d.problem };
  if (time === '') return { kind: 'error', problem: problem('import_date_needs_time', { date }) };
  const t = parseTime(time);
  if ('problem' in t) return { kind: 'error', problem: t.problem };
  return { kind: 'wall', date: d.date, time: t.time };
}

export function interpretRow(
  record: CsvRecord,
  headers: readonly string[],
  mapping: Readonly<Record<string, ImportField>>,
  env: RowEnv,
): ImportCandidate {
  const problems: ImportProblem[] = [];
  const say = (level: ImportProblem['level'], field: ImportProblem['field'], p: Problem) =>
    problems.push({ level, field, message: wordsFor(p), problem: p });
  const error = (field: ImportProblem['field'], p: Problem) => say('error', field, p);
  const warn = (field: ImportProblem['field'], p: Problem) => say('warning', field, p);

  if (record.fields.length > headers.length && record.fields.slice(headers.length).some((f) => f.trim() !== '')) {
    error('row', problem('import_row_fields', { fields: record.fields.length, header: headers.length }));
  }
  headers.forEach((h, i) => {
    const raw = record.fields[i] ?? '';
    if ((mapping[h] ?? 'ignore') !== 'ignore' && FORMULA.test(raw)) {
      error(mapping[h] as ImportField, problem('import_formula', { column: h, start: raw.trim().slice(0, 12) }));
    }
  });

  const cells = cellsByField(headers, mapping, record.fields);
  const link = cells.get('link')?.trim() ?? '';
  let text = cells.get('text') ?? '';
  const parts = split(cells.get('thread') ?? '', THREAD_SPLIT);
  const threadInText = text.split(THREAD_SPLIT);
  if (threadInText.length > 1 && parts.length === 0) {
    text = threadInText[0] as string;
    parts.push(...threadInText.slice(1));
  }
  if (link !== '' && !text.includes(link)) text = text === '' ? link : `${text}\n${link}`;

  // Accounts: named in the row, else the ones chosen for rows without any.
  const accountIds: string[] = [];
  const named = split(cells.get('accounts') ?? '', /\s*[,;|\n]\s*/);
  for (const name of named) {
    const a = matchAccount(name, env.accounts);
    if (a) {
      if (!accountIds.includes(a.id)) accountIds.push(a.id);
    } else {
      const yours = env.accounts.map((x) => x.name).sort((x, y) => x.localeCompare(y));
      error('accounts', problem('import_unknown_account', { name, yours }));
    }
  }
  if (named.length === 0) accountIds.push(...env.defaultAccountIds);

  // Per-network versions: {"account name": "text"}.
  const overrides: Record<string, string> = {};
  const versions = cells.get('versions')?.trim() ?? '';
  if (versions !== '') {
    const parsed = parseJsonObject(versions);
    if (!parsed) error('versions', problem('import_versions_not_json', {}));
    else {
      for (const [name, v] of Object.entries(parsed)) {
        const a = matchAccount(name, env.accounts);
        if (!a) error('versions', problem('import_version_no_account', { name }));
        else if (typeof v !== 'string') error('versions', problem('import_version_not_text', { name }));
        else if (!accountIds.includes(a.id)) warn('versions', problem('import_version_left_out', { name }));
        else overrides[a.id] = v;
      }
    }
  }

  const timeZone = cells.get('timeZone')?.trim() || env.timeZone;
  if (!isValidTimeZone(timeZone)) error('timeZone', problem('time_zone_unknown', { timeZone }));

  let at: number | null = null;
  let wall: { date: string; time: string } | null = null;
  const when = whenOf(cells, env.dateOrder);
  if (when.kind === 'error') error('date', when.problem);
  else if (when.kind === 'ambiguous') error('date', when.problem);
  else if (when.kind === 'none') warn('date', problem('import_no_date', {}));
  else if (isValidTimeZone(timeZone)) {
    const r = env.times.resolve(when, timeZone);
    if ('problem' in r) error('date', r.problem);
    else {
      at = r.at;
      wall = { date: r.date, time: r.time };
      if (r.note) warn('time', r.note);
      if (r.at < env.now - PAST_TOLERANCE_MS) {
        error('date', problem('import_time_past', { date: r.date, time: r.time, timeZone }));
      }
    }
  }

  const labels = [...new Set([...split(cells.get('labels') ?? '', /\s*[,;|\n]\s*/), ...env.extraLabels])];
  for (const l of labels) if (l.length > 60) error('labels', problem('import_label_long', { start: l.slice(0, 20) }));
  if (labels.length > 20) error('labels', problem('import_too_many_labels', {}));

  // Media: files on this computer. Links are not fetched: say so rather than drop them quietly.
  const mediaCell = cells.get('media') ?? '';
  const mediaItems = /^\s*https?:\/\//i.test(mediaCell) ? split(mediaCell, /\s*[,;|\n]\s*/) : split(mediaCell);
  const alts = split(cells.get('altText') ?? '', /\s*(?:\|\||[;|\n])\s*/);
  const mediaPaths: { path: string; alt: string }[] = [];
  mediaItems.forEach((item, i) => {
    if (/^https?:\/\//i.test(item)) {
      warn('media', problem('import_media_link', { url: item }));
      return;
    }
    const checked = env.checkMedia(item);
    if ('problem' in checked) error('media', checked.problem);
    else mediaPaths.push({ path: checked.path, alt: alts[i] ?? '' });
  });

  if (text.trim() === '' && mediaPaths.length === 0) error('text', problem('import_no_text', {}));

  let firstComment: ImportCandidate['firstComment'] = null;
  const commentText = cells.get('firstComment')?.trim() ?? '';
  if (commentText !== '') {
    const delayCell = cells.get('firstCommentDelay')?.trim() ?? '';
    const delay = delayCell === '' ? DEFAULT_FIRST_COMMENT_DELAY : Number(delayCell);
    if (!Number.isInteger(delay) || delay < 0 || delay > 7 * 24 * 60) {
      error('firstCommentDelay', problem('import_comment_delay', { value: delayCell }));
    } else firstComment = { text: commentText, delayMinutes: delay };
    const without = accountIds.filter((id) => !env.takesReplies(id));
    for (const id of without) {
      const a = env.accounts.find((x) => x.id === id);
      warn('firstComment', problem('import_no_replies', { account: a?.name ?? id }));
    }
  }

  if (at !== null && accountIds.length === 0 && named.length === 0) {
    error('accounts', problem('import_no_account', {}));
  }
  if (accountIds.length > 0) {
    for (const i of env.checkContent({ text, parts, accountIds, overrides })) error('text', problem('post_does_not_fit', { issue: i }));
    if (firstComment) {
      for (const p of env.checkContent({
        text: firstComment.text,
        parts: [],
        accountIds: accountIds.filter(env.takesReplies),
        overrides: {},
      })) {
        error('firstComment', problem('import_first_comment', { issue: p }));
      }
    }
  }

  return {
    line: record.line,
    text,
    parts,
    accountIds,
    overrides,
    labels,
    timeZone,
    at,
    wallDate: wall?.date ?? null,
    wallTime: wall?.time ?? null,
    mediaPaths,
    firstComment,
    evergreen: TRUE.has((cells.get('evergreen') ?? '').trim().toLowerCase()),
    problems,
  };
}

export function previewOf(c: ImportCandidate, env: Pick<RowEnv, 'accounts'>): ImportRowPreview {
  return {
    line: c.line,
    excerpt: Array.from(c.text.slice(0, SUMMARY_EXCERPT_CHARS * 2))
      .slice(0, SUMMARY_EXCERPT_CHARS)
      .join(''),
    accounts: c.accountIds.map((id) => env.accounts.find((a) => a.id === id)?.name ?? id),
    at: c.at,
    wallDate: c.wallDate,
    wallTime: c.wallTime,
    timeZone: c.timeZone,
    labels: c.labels,
    mediaCount: c.mediaPaths.length,
    parts: c.parts.length + 1,
    firstComment: c.firstComment !== null,
    evergreen: c.evergreen,
    problems: c.problems,
  };
}
