// The fields a CSV column can fill, and the known formats (Kairos, Sprout Social, Publer, Postiz) by their headers.

/** What a CSV column can be mapped to. `ignore` leaves the column out. */
export const IMPORT_FIELDS = [
  'text',
  'date',
  'time',
  'dateTime',
  'timeZone',
  'accounts',
  'labels',
  'media',
  'altText',
  'link',
  'thread',
  'firstComment',
  'firstCommentDelay',
  'evergreen',
  'versions',
  'ignore',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FORMATS = ['kairos', 'sprout', 'publer', 'postiz', 'custom'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  kairos: 'Kairos',
  sprout: 'Sprout Social bulk scheduling',
  publer: 'Publer bulk import',
  postiz: 'Postiz export',
  custom: 'Your own columns',
};

/** Day and month order of a date written with slashes (Sprout Social lets each account choose). */
export type DateOrder = 'dmy' | 'mdy';

/** Header name → field, per format. Names are compared case-insensitively after trimming. */
const KAIROS_COLUMNS: Readonly<Record<string, ImportField>> = {
  text: 'text',
  date: 'date',
  time: 'time',
  scheduled_utc: 'dateTime',
  time_zone: 'timeZone',
  accounts: 'accounts',
  labels: 'labels',
  media: 'media',
  alt_text: 'altText',
  link: 'link',
  thread: 'thread',
  first_comment: 'firstComment',
  first_comment_delay_minutes: 'firstCommentDelay',
  evergreen: 'evergreen',
  versions: 'versions',
};

/** Sprout Social: date (dd/mm/yyyy or mm/dd/yyyy), time_24hr, message_text; link and image_url are optional. */
const SPROUT_COLUMNS: Readonly<Record<string, ImportField>> = {
  date: 'date',
  time_24hr: 'time',
  message_text: 'text',
  link: 'link',
  image_url: 'media',
  tags: 'labels',
};

/** Publer's template: Date, Text (Message in the older one), Link(s), Media URL(s), Title, Labels, Alt text(s), Comment(s)… */
const PUBLER_COLUMNS: Readonly<Record<string, ImportField>> = {
  date: 'dateTime',
  text: 'text',
  message: 'text',
  'link(s)': 'link',
  link: 'link',
  'media url(s)': 'media',
  'media urls': 'media',
  labels: 'labels',
  'alt text(s)': 'altText',
  'comment(s)': 'firstComment',
};

/** Postiz posts: content, publishDate (ISO 8601, UTC), integration (the channel); image and group are optional. */
const POSTIZ_COLUMNS: Readonly<Record<string, ImportField>> = {
  content: 'text',
  publishdate: 'dateTime',
  publish_date: 'dateTime',
  integration: 'accounts',
  channel: 'accounts',
  image: 'media',
  tags: 'labels',
};

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

function mapWith(headers: readonly string[], table: Readonly<Record<string, ImportField>>): Record<string, ImportField> {
  const out: Record<string, ImportField> = {};
  for (const h of headers) out[h] = table[normaliseHeader(h)] ?? 'ignore';
  return out;
}

/** The format a header line belongs to, and how its columns map. Custom when none is recognised. */
export function detectFormat(headers: readonly string[]): { format: ImportFormat; mapping: Record<string, ImportField> } {
  const names = new Set(headers.map(normaliseHeader));
  if (names.has('message_text') && names.has('time_24hr')) return { format: 'sprout', mapping: mapWith(headers, SPROUT_COLUMNS) };
  if (names.has('content') && (names.has('publishdate') || names.has('publish_date'))) {
    return { format: 'postiz', mapping: mapWith(headers, POSTIZ_COLUMNS) };
  }
  if (
    names.has('date') &&
    (names.has('text') || names.has('message')) &&
    (names.has('link(s)') || names.has('media url(s)') || (names.has('labels') && names.has('comment(s)')))
  ) {
    return { format: 'publer', mapping: mapWith(headers, PUBLER_COLUMNS) };
  }
  if (names.has('text') && (names.has('accounts') || names.has('scheduled_utc') || names.has('time_zone'))) {
    return { format: 'kairos', mapping: mapWith(headers, KAIROS_COLUMNS) };
  }
  // A guess for the mapping screen to start from; the user confirms it.
  const guess: Record<string, ImportField> = {};
  for (const h of headers) {
    const n = normaliseHeader(h);
    guess[h] =
      KAIROS_COLUMNS[n] ??
      (/(text|message|content|caption|body|post)/.test(n)
        ? 'text'
        : /date/.test(n)
          ? 'date'
          : /time/.test(n)
            ? 'time'
            : /(account|profile|channel|network)/.test(n)
              ? 'accounts'
              : /(label|tag)/.test(n)
                ? 'labels'
                : /(image|media|photo|file)/.test(n)
                  ? 'media'
                  : 'ignore');
  }
  return { format: 'custom', mapping: guess };
}

/** The columns Kairos writes and reads back (docs/IMPORT_EXPORT.md). */
export const KAIROS_IMPORT_HEADERS = Object.keys(KAIROS_COLUMNS);
