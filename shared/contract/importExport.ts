// Channels for bringing a plan in (CSV import) and taking it out (CSV/JSON export, .ics files and feed URLs).

import { z } from 'zod';
import { IMPORT_FIELDS, type ImportField, type ImportFormat } from '../importExport/fields';
import { Id } from './common';
import type { Problem } from './problems';

/** A CSV file's bytes travel as base64 so that the backend, not the browser, decides what its encoding is. */
const MAX_FILE_BASE64 = 70 * 1024 * 1024;

export const ImportRequestSchema = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().min(1, 'The file is empty.').max(MAX_FILE_BASE64, 'The file is larger than 50 MB; split it.'),
  /** Header → field, from the mapping screen; when absent the detected format's mapping is used. */
  mapping: z.record(z.string(), z.enum(IMPORT_FIELDS)).optional(),
  /** How slashed dates read (Sprout Social lets each account choose); asked when the file does not tell. */
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  /** Accounts for rows that name none (Sprout Social and Publer files never do). */
  defaultAccountIds: z.array(Id).max(50).optional(),
  /** The zone of wall times in rows without their own; the app's zone by default. */
  timeZone: z.string().min(1).max(100).optional(),
  /** Folder that relative media paths are read from (the CLI passes the CSV's folder). */
  baseDir: z.string().max(4096).optional(),
  /** Labels added to every imported post. */
  labels: z.array(z.string().min(1).max(60)).max(5).optional(),
});

const Range = z.object({ from: z.number().int().optional(), to: z.number().int().optional() });

export const importExportRequests = {
  'import.preview': ImportRequestSchema,
  'import.commit': ImportRequestSchema,
  'export.posts': Range.extend({ format: z.enum(['csv', 'json']) }),
  /** An .ics file of the schedule (posts with a time), or of the observance days. */
  'export.ics': Range.extend({ kind: z.enum(['schedule', 'observances']).default('schedule') }),
  'feeds.list': z.object({}).optional(),
  /** A new read-only feed URL; its token is shown this once and only a hash of it is kept. */
  'feeds.create': z.object({ kind: z.enum(['schedule', 'observances']) }),
  'feeds.revoke': z.object({ id: Id }),
  /** What the browser shell serves at /feeds/<token>/<kind>.ics; refused for a revoked or unknown token. */
  'feeds.render': z.object({ token: z.string().min(1).max(200) }),
} as const;

export interface ImportProblem {
  readonly level: 'error' | 'warning';
  /** The field the problem is about, for highlighting. */
  readonly field: ImportField | 'row';
  readonly message: string;
  /** The same, from the catalog, for pages to word (the message is its English). */
  readonly problem: Problem;
}

export interface ImportRowPreview {
  /** The file line the row starts on. */
  readonly line: number;
  readonly excerpt: string;
  readonly accounts: readonly string[];
  /** UTC ms; null for a row that becomes a draft. */
  readonly at: number | null;
  readonly wallDate: string | null;
  readonly wallTime: string | null;
  readonly timeZone: string;
  readonly labels: readonly string[];
  readonly mediaCount: number;
  readonly parts: number;
  readonly firstComment: boolean;
  readonly evergreen: boolean;
  readonly problems: readonly ImportProblem[];
}

export interface ImportPreview {
  readonly fileName: string;
  readonly format: ImportFormat;
  readonly formatName: string;
  readonly encoding: string;
  readonly delimiter: ',' | ';' | '\t';
  readonly headers: readonly string[];
  readonly mapping: Readonly<Record<string, ImportField>>;
  /** True for a file of unknown columns until the user confirms a mapping. */
  readonly needsMapping: boolean;
  /** True when slashed dates could be read either way and no order was given. */
  readonly needsDateOrder: boolean;
  readonly dateOrder: 'dmy' | 'mdy' | null;
  /** Rows that name no account need defaultAccountIds. */
  readonly rowsWithoutAccount: number;
  readonly rows: readonly ImportRowPreview[];
  readonly counts: { readonly rows: number; readonly ready: number; readonly withErrors: number; readonly withWarnings: number };
}

export interface ImportResult {
  readonly imported: number;
  readonly scheduled: number;
  readonly drafts: number;
  readonly postIds: readonly string[];
}

export interface ExportFile {
  readonly fileName: string;
  readonly mime: string;
  readonly content: string;
  readonly count: number;
}

export interface FeedView {
  readonly id: string;
  readonly kind: 'schedule' | 'observances';
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export interface NewFeed {
  readonly feed: FeedView;
  /** Path on the browser-mode server, e.g. /feeds/<token>/schedule.ics; shown once. */
  readonly path: string;
  readonly token: string;
}

export interface ImportExportResponses {
  'import.preview': ImportPreview;
  'import.commit': ImportResult;
  'export.posts': ExportFile;
  'export.ics': ExportFile;
  'feeds.list': readonly FeedView[];
  'feeds.create': NewFeed;
  'feeds.revoke': FeedView;
  'feeds.render': { readonly kind: 'schedule' | 'observances'; readonly body: string };
}
