// The CSV reader and writer, and the iCalendar writer checked by parsing its output with ical.js.

import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { CsvFileError, decodeCsvBytes, detectDelimiter, parseCsv, spreadsheetSafe, writeCsv } from './csv';
import { buildCalendar, escapeText, foldLine } from './ics';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with and without a byte-order mark, and UTF-16 with one', () => {
    expect(decodeCsvBytes(bytes('\uFEFFtext\nCaffè')).text).toBe('text\nCaffè');
    expect(decodeCsvBytes(bytes('text\nCaffè'))).toEqual({ text: 'text\nCaffè', encoding: 'UTF-8' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\nCaffè', 'utf16le')]);
    expect(decodeCsvBytes(le)).toEqual({ text: 'a\tb\nCaffè', encoding: 'UTF-16 LE' });
  });

  it('refuses Windows-1252 text with the line of the first bad byte instead of guessing', () => {
    const latin1 = Buffer.from('text\nok\nCaff\xe8 latte\n', 'latin1');
    expect(() => decodeCsvBytes(latin1)).toThrow(CsvFileError);
    expect(() => decodeCsvBytes(latin1)).toThrow(/not UTF-8 \(the first unreadable character is on line 3\).*CSV UTF-8/);
  });

  it('refuses an empty or binary file', () => {
    expect(() => decodeCsvBytes(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeCsvBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toThrow(/NUL bytes/);
  });
});

describe('parseCsv', () => {
  it('reads quoted separators, doubled quotes and line breaks inside fields, CRLF or LF, skipping blank lines', () => {
    const text = 'date,text\r\n2026-12-24,"Hello, ""world""\r\nsecond line"\r\n\r\n2026-12-25,plain\n';
    expect(parseCsv(text, ',')).toEqual([
      { line: 1, fields: ['date', 'text'] },
      { line: 2, fields: ['2026-12-24', 'Hello, "world"\r\nsecond line'] },
      { line: 5, fields: ['2026-12-25', 'plain'] },
    ]);
  });

  it('finds ; and tab separators from the header', () => {
    expect(detectDelimiter('date;time;"a;b";text\n1,2,3,4')).toBe(';');
    expect(detectDelimiter('date\ttime\ttext')).toBe('\t');
    expect(detectDelimiter('text')).toBe(',');
    expect(parseCsv('a;b\n"x;y";z', ';')[1]?.fields).toEqual(['x;y', 'z']);
  });

  it('says which line a never-closed quote starts on', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', ',')).toThrow(/starts on line 2 is never closed/);
    expect(() => parseCsv('a,b\n"x"y,2\n', ',')).toThrow(/Line 2: there is text right after a closing quote/);
  });

  it('reads back whatever it writes (any text, any separator)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(',' as const, ';' as const, '\t' as const),
        (rows, d) => {
          // Cells that only spreadsheets would change (formula starts) are compared after the same change.
          const safe = rows.map((r) => r.map(spreadsheetSafe));
          const parsed = parseCsv(writeCsv(rows, d), d).map((r) => r.fields);
          const expected = safe.filter((r) => !(r.length === 1 && r[0] === ''));
          expect(parsed).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('spreadsheetSafe', () => {
  it('puts an apostrophe before what a spreadsheet would run as a formula', () => {
    expect(spreadsheetSafe("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(spreadsheetSafe('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(spreadsheetSafe('@brand hello')).toBe("'@brand hello");
    expect(spreadsheetSafe('Plain text')).toBe('Plain text');
  });
});

describe('iCalendar', () => {
  it('escapes , ; \\ and line breaks, and folds lines at 75 octets without splitting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'è'.repeat(80)}`;
    const folded = foldLine(long);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((l, i) => (i === 0 ? l : l.slice(1)))
        .join(''),
    ).toBe(long);
  });

  it('writes a calendar that ical.js reads back event for event', () => {
    const text = 'Launch day, finally; with a\\backslash\nand a second line 🎉'.repeat(3);
    const ics = buildCalendar({
      name: 'Kairos schedule',
      stamp: Date.UTC(2026, 11, 3, 8, 52),
      events: [
        { uid: 'post_1@kairos', summary: text, description: text, start: Date.UTC(2026, 11, 24, 9, 0), categories: ['Mastodon', 'launch'] },
        { uid: 'day@kairos', summary: 'Christmas', date: '2026-12-25' },
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    for (const l of ics.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    const cal = new ICAL.Component(ICAL.parse(ics));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    expect(events[0]?.uid).toBe('post_1@kairos');
    expect(events[0]?.summary).toBe(text);
    expect(events[0]?.description).toBe(text);
    expect(events[0]?.startDate.toJSDate().getTime()).toBe(Date.UTC(2026, 11, 24, 9, 0));
    expect(events[0]?.startDate.zone?.tzid).toBe('UTC');
    expect(cal.getAllSubcomponents('vevent')[0]?.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-12-03T08:52:00Z');
    expect(events[1]?.startDate.isDate).toBe(true);
    expect(events[1]?.startDate.toString()).toBe('2026-12-25');
    expect(events[1]?.endDate.toString()).toBe('2026-12-26');
  });
});
