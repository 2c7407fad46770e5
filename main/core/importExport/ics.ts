// iCalendar (RFC 5545) text for the schedule and observance feeds: escaping, 75-octet folding, UTC times, CRLF.

export interface CalendarEvent {
  /** Stable across exports, so calendar apps update an event instead of adding a second one. */
  readonly uid: string;
  readonly summary: string;
  readonly description?: string;
  readonly url?: string | null;
  readonly categories?: readonly string[];
  readonly lastModified?: number;
  /** A timed event: UTC ms. */
  readonly start?: number;
  readonly end?: number;
  /** An all-day event: YYYY-MM-DD, and the last day (inclusive) when it spans several. */
  readonly date?: string;
  readonly untilDate?: string | null;
  readonly status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

export interface CalendarInput {
  readonly name: string;
  readonly description?: string;
  /** DTSTAMP of every event: when this copy of the calendar was made. */
  readonly stamp: number;
  readonly events: readonly CalendarEvent[];
}

/** TEXT values: backslash, semicolon, comma and line breaks are escaped (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * A content line folded so that no physical line is longer than 75 octets (continuations start with one space),
 * never splitting a UTF-8 character (RFC 5545 §3.1).
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      // A continuation line's leading space counts toward its 75 octets.
      limit = 74;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 20261203T085200Z */
export function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

const dateValue = (date: string) => date.replaceAll('-', '');

function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function eventLines(e: CalendarEvent, stamp: number): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(stamp)}`];
  if (e.date) {
    lines.push(`DTSTART;VALUE=DATE:${dateValue(e.date)}`, `DTEND;VALUE=DATE:${dateValue(dayAfter(e.untilDate ?? e.date))}`);
    lines.push('TRANSP:TRANSPARENT');
  } else if (e.start !== undefined) {
    lines.push(`DTSTART:${utcStamp(e.start)}`, `DTEND:${utcStamp(e.end ?? e.start + 15 * 60_000)}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.status) lines.push(`STATUS:${e.status}`);
  if (e.lastModified !== undefined) lines.push(`LAST-MODIFIED:${utcStamp(e.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** A whole VCALENDAR, CRLF line ends, every line folded. */
export function buildCalendar(input: CalendarInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kairos//Schedule feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    ...(input.description ? [`X-WR-CALDESC:${escapeText(input.description)}`] : []),
    // Calendar apps poll a subscribed feed; ask for at most hourly.
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...input.events.flatMap((e) => eventLines(e, input.stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
