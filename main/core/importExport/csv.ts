// RFC 4180 CSV: decoding a file's bytes (BOM, UTF-16, refusing what is not UTF-8), parsing and writing.

import { strictUtf8 as decodeUtf8 } from '../parse';
export interface DecodedText {
  readonly text: string;
  /** What was found and handled, in words ("UTF-8 with a byte-order mark"). */
  readonly encoding: string;
}

/** Why a file cannot be read as CSV at all: said to the user as is. */
export class CsvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFileError';
  }
}

const SAVE_AS_UTF8 = 'Save it again as "CSV UTF-8" (Excel: File → Save As → CSV UTF-8; Google Sheets: File → Download → CSV).';

/** The file's text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read; anything else is refused, never guessed. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new CsvFileError('The file is empty. Pick the CSV file that holds your posts.');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: strictUtf8(bytes.subarray(3)), encoding: 'UTF-8 with a byte-order mark' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16 LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16 BE' };
  const probe = bytes.subarray(0, 4096);
  if (probe.includes(0)) {
    throw new CsvFileError(
      `This does not look like a text CSV file (it has NUL bytes: a spreadsheet, an archive or UTF-16 without a byte-order mark). ${SAVE_AS_UTF8}`,
    );
  }
  return { text: strictUtf8(bytes), encoding: 'UTF-8' };
}

function strictUtf8(bytes: Uint8Array): string {
  const text = decodeUtf8(bytes);
  if (text !== null) return text;
  const at = firstInvalidUtf8(bytes);
  const line = at === null ? null : lineAt(bytes, at);
  throw new CsvFileError(
    `The file is not UTF-8${line ? ` (the first unreadable character is on line ${line})` : ''}: it was probably saved as Windows-1252 or Latin-1, and accented letters would come out wrong. Nothing was imported. ${SAVE_AS_UTF8}`,
  );
}

function firstInvalidUtf8(bytes: Uint8Array): number | null {
  const d = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails; a prefix may end inside a character, so allow 3 bytes of slack.
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1;
    try {
      d.decode(bytes.subarray(0, mid), { stream: true });
      d.decode();
      lo = mid;
    } catch (e) {
      // A fatal TextDecoder reports malformed input with a TypeError: the bad byte is in this prefix.
      if (!(e instanceof TypeError)) throw e;
      hi = mid;
    }
  }
  return lo;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export type Delimiter = ',' | ';' | '\t';

/** The separator of the header line: the one of , ; and tab that occurs most outside quotes (comma when none does). */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.entries(counts) as [Delimiter, number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}

export interface CsvRecord {
  /** The line of the file the record starts on (1-based), for messages. */
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Parses RFC 4180 records: quoted fields may hold separators, quotes ("") and line breaks; CRLF, LF or CR end a
 * record. Blank lines are skipped. A quote left open, or text after a closing quote, is a CsvFileError with its line.
 */
export function parseCsv(text: string, delimiter: Delimiter): CsvRecord[] {
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let fieldStarted = false;
  const n = text.length;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '"' && !fieldStarted) {
      // A quoted field: read to the closing quote.
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= n) {
          throw new CsvFileError(
            `A quoted field that starts on line ${openedOn} is never closed, so the rest of the file would run into it. Check the quotes on that line; nothing was imported.`,
          );
        }
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      fieldStarted = true;
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new CsvFileError(
          `Line ${line}: there is text right after a closing quote. A field in quotes must end at the quote; write a quote inside it as two quotes (""). Nothing was imported.`,
        );
      }
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return out;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell safe to open in Excel, LibreOffice or Google Sheets: text that a spreadsheet would run as a formula
 * gets a leading apostrophe, which spreadsheets show as text and do not display.
 */
export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quoteField(value: string, delimiter: Delimiter): string {
  if (value === '' || (!/["\r\n]/.test(value) && !value.includes(delimiter))) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/** CSV text (CRLF line ends, as RFC 4180 says) from rows of cells; every cell made spreadsheet-safe first. */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: Delimiter = ','): string {
  return `${rows.map((r) => r.map((v) => quoteField(spreadsheetSafe(v), delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

/** A UTF-8 byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const UTF8_BOM = '\uFEFF';
