// One CSV row → one candidate post with every problem found in it, before anything is saved.

import type { ImportProblem, ImportRowPreview } from '../../../shared/contract/importExport';
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
  }) => string[];
  /** A media path from the file: the full path when it is a readable file Kairos can attach, else the reason. */
  readonly checkMedia: (path: string) => { path: string } | { error: string };
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
  if (date === '') return { kind: 'error', message: `There is a time (${time}) but no date.` };
  // A date cell that holds a time too (Publer writes "2029-11-19 20:35").
  if (time === '' && /[ T]\d{1,2}[:h]\d{2}/.test(date)) return parseDateTime(date, order);
  const d = parseDate(date, order);
  if ('ambiguous' in d) return { kind: 'ambiguous', message: `"${date}" could be day/month or month/day; choose the date order.` };
  if ('error' in d) return { kind: 'error', message: d.error };
  if (time === '') return { kind: 'error', message: `There is a date (${date}) but no time; add one as HH:mm.` };
  const t = parseTime(time);
  if ('error' in t) return { kind: 'error', message: t.error };
  return { kind: 'wall', date: d.date, time: t.time };
}

export function interpretRow(
  record: CsvRecord,
  headers: readonly string[],
  mapping: Readonly<Record<string, ImportField>>,
  env: RowEnv,
): ImportCandidate {
  const problems: ImportProblem[] = [];
  const error = (field: ImportProblem['field'], message: string) => problems.push({ level: 'error', field, message });
  const warn = (field: ImportProblem['field'], message: string) => problems.push({ level: 'warning', field, message });

  if (record.fields.length > headers.length && record.fields.slice(headers.length).some((f) => f.trim() !== '')) {
    error(
      'row',
      `This row has ${record.fields.length} fields but the header has ${headers.length}: a separator inside text that is not in quotes? Put the text in double quotes.`,
    );
  }
  headers.forEach((h, i) => {
    const raw = record.fields[i] ?? '';
    if ((mapping[h] ?? 'ignore') !== 'ignore' && FORMULA.test(raw)) {
      error(
        mapping[h] as ImportField,
        `Column "${h}" starts with "${raw.trim().slice(0, 12)}…", which a spreadsheet runs as a formula; Kairos does not import formulas. If the text really starts that way, put an apostrophe (') before it.`,
      );
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
      const yours =
        env.accounts
          .map((x) => x.name)
          .sort((x, y) => x.localeCompare(y))
          .join(', ') || 'none connected yet';
      error('accounts', `Unknown account "${name}". Connect it in Accounts or use one of yours (${yours}).`);
    }
  }
  if (named.length === 0) accountIds.push(...env.defaultAccountIds);

  // Per-network versions: {"account name": "text"}.
  const overrides: Record<string, string> = {};
  const versions = cells.get('versions')?.trim() ?? '';
  if (versions !== '') {
    const parsed = parseJsonObject(versions);
    if (!parsed) error('versions', 'The versions column is not JSON like {"Brand": "text for Brand"}.');
    else {
      for (const [name, v] of Object.entries(parsed)) {
        const a = matchAccount(name, env.accounts);
        if (!a) error('versions', `The version for "${name}" names no account of yours.`);
        else if (typeof v !== 'string') error('versions', `The version for "${name}" is not text.`);
        else if (!accountIds.includes(a.id))
          warn('versions', `The version for "${name}" is left out: the row does not post to that account.`);
        else overrides[a.id] = v;
      }
    }
  }

  const timeZone = cells.get('timeZone')?.trim() || env.timeZone;
  if (!isValidTimeZone(timeZone)) error('timeZone', `"${timeZone}" is not a known time zone (use a name like Europe/Rome).`);

  let at: number | null = null;
  let wall: { date: string; time: string } | null = null;
  const when = whenOf(cells, env.dateOrder);
  if (when.kind === 'error') error('date', when.message);
  else if (when.kind === 'ambiguous') error('date', when.message);
  else if (when.kind === 'none') warn('date', 'No date: it comes in as a draft.');
  else if (isValidTimeZone(timeZone)) {
    const r = env.times.resolve(when, timeZone);
    if ('error' in r) error('date', r.error);
    else {
      at = r.at;
      wall = { date: r.date, time: r.time };
      if (r.note) warn('time', r.note);
      if (r.at < env.now - PAST_TOLERANCE_MS) {
        error('date', `${r.date} ${r.time} (${timeZone}) is in the past. Change the date, or clear it to import the row as a draft.`);
      }
    }
  }

  const labels = [...new Set([...split(cells.get('labels') ?? '', /\s*[,;|\n]\s*/), ...env.extraLabels])];
  for (const l of labels) if (l.length > 60) error('labels', `The label "${l.slice(0, 20)}…" is longer than 60 characters.`);
  if (labels.length > 20) error('labels', 'A post can have at most 20 labels.');

  // Media: files on this computer. Links are not fetched: say so rather than drop them quietly.
  const mediaCell = cells.get('media') ?? '';
  const mediaItems = /^\s*https?:\/\//i.test(mediaCell) ? split(mediaCell, /\s*[,;|\n]\s*/) : split(mediaCell);
  const alts = split(cells.get('altText') ?? '', /\s*(?:\|\||[;|\n])\s*/);
  const mediaPaths: { path: string; alt: string }[] = [];
  mediaItems.forEach((item, i) => {
    if (/^https?:\/\//i.test(item)) {
      warn(
        'media',
        `${item} is a web link; Kairos attaches files from this computer, so this one is left out. Download it and attach it in the composer.`,
      );
      return;
    }
    const checked = env.checkMedia(item);
    if ('error' in checked) error('media', checked.error);
    else mediaPaths.push({ path: checked.path, alt: alts[i] ?? '' });
  });

  if (text.trim() === '' && mediaPaths.length === 0) error('text', 'This row has no text.');

  let firstComment: ImportCandidate['firstComment'] = null;
  const commentText = cells.get('firstComment')?.trim() ?? '';
  if (commentText !== '') {
    const delayCell = cells.get('firstCommentDelay')?.trim() ?? '';
    const delay = delayCell === '' ? DEFAULT_FIRST_COMMENT_DELAY : Number(delayCell);
    if (!Number.isInteger(delay) || delay < 0 || delay > 7 * 24 * 60) {
      error('firstCommentDelay', `"${delayCell}" is not a number of minutes between 0 and 10080.`);
    } else firstComment = { text: commentText, delayMinutes: delay };
    const without = accountIds.filter((id) => !env.takesReplies(id));
    for (const id of without) {
      const a = env.accounts.find((x) => x.id === id);
      warn('firstComment', `${a?.name ?? id} cannot take a reply from its own account; the first comment is posted only where it can be.`);
    }
  }

  if (at !== null && accountIds.length === 0 && named.length === 0) {
    error('accounts', 'This row names no account. Pick accounts for rows without one, or add an accounts column.');
  }
  if (accountIds.length > 0) {
    for (const p of env.checkContent({ text, parts, accountIds, overrides })) error('text', p);
    if (firstComment) {
      for (const p of env.checkContent({
        text: firstComment.text,
        parts: [],
        accountIds: accountIds.filter(env.takesReplies),
        overrides: {},
      })) {
        error('firstComment', `First comment: ${p}`);
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
