// Mastodon returns statuses as HTML; Kairos compares and shows them as plain text, read with a streaming parser.

import { Parser } from 'htmlparser2';

/** A status is at most a few thousand characters of HTML; anything far past that is not read. */
const MAX_STATUS_HTML_CHARS = 1_000_000;
const FEED_CHUNK = 64 * 1024;

/**
 * Paragraphs become blank lines, <br> a newline, links their full text (the hidden spans included). Entities
 * are decoded as browsers do: a code point outside Unicode becomes U+FFFD instead of throwing.
 */
export function htmlToText(html: string): string {
  let out = '';
  let paragraphs = 0;
  let afterParagraph = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'br') out += '\n';
        else if (name === 'p') {
          if (paragraphs > 0) out += '\n\n';
          paragraphs++;
          afterParagraph = false;
        }
      },
      onclosetag(name, implied) {
        if (name === 'p' && !implied) afterParagraph = true;
      },
      ontext(text) {
        // Whitespace between one paragraph's end and the next is layout, not content.
        if (afterParagraph && text.trim() === '') return;
        afterParagraph = false;
        out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  const end = Math.min(html.length, MAX_STATUS_HTML_CHARS);
  for (let at = 0; at < end; at += FEED_CHUNK) parser.write(html.slice(at, Math.min(end, at + FEED_CHUNK)));
  parser.end();
  return out.trim();
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
