// Mastodon returns statuses as HTML; Kairos compares and shows them as plain text.

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1]?.toLowerCase() === 'x' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

/** Paragraphs become blank lines, <br> a newline, links their full text (the hidden spans included). */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text).trim();
}

/**
 * The form in which a status is compared with what Kairos sent: mentions by their local part (the
 * server shows @user for @user@host), whitespace collapsed.
 */
export function comparableText(text: string): string {
  return text
    .replace(/(^|[^\p{L}\p{N}_/])@([\p{L}\p{N}_]+)@[\p{L}\p{N}.:-]+/gu, '$1@$2')
    .replace(/\s+/gu, ' ')
    .trim();
}
