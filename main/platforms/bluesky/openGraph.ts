// Reads a page's OpenGraph title, description and image from its HTML head with a streaming HTML parser.

import { Parser } from 'htmlparser2';
import { parseUrl } from '../../core/parse';

export interface PageCard {
  readonly title: string;
  readonly description: string;
  /** Absolute http(s) URL of the card image, or null. */
  readonly imageUrl: string | null;
}

/** Past this much of a page the head is over or the page is hostile; the rest is not read. */
export const MAX_HTML_CHARS = 1_000_000;
const FEED_CHUNK = 64 * 1024;
/** Enough for any real title; bounds memory when a <title> never closes. */
const MAX_TITLE_CHARS = 4_000;
/** Elements whose contents never hold card tags (script and style are raw text to the parser already). */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg']);

function clean(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = [...flat].slice(0, max - 1).join('');
  return `${cut.trimEnd()}…`;
}

function absoluteHttpUrl(raw: string, base: string): string | null {
  const url = parseUrl(raw.trim(), base);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.toString() : null;
}

interface HeadTags {
  readonly metas: ReadonlyMap<string, string>;
  readonly title: string | null;
}

/**
 * Walks the page until the head ends (</head> or <body>) and collects its meta tags and title. The parser is
 * one linear pass and decodes entities as browsers do (a code point outside Unicode becomes U+FFFD).
 */
function readHead(html: string): HeadTags {
  const metas = new Map<string, string>();
  let title: string | null = null;
  let inTitle = false;
  let skipped = 0;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (done) return;
        if (name === 'body') {
          done = true;
          return;
        }
        if (SKIPPED.has(name)) skipped++;
        if (skipped > 0) return;
        if (name === 'title' && title === null) {
          inTitle = true;
          title = '';
        } else if (name === 'meta') {
          const key = (attribs.property ?? attribs.name ?? '').toLowerCase().trim();
          const content = attribs.content;
          if (key && content !== undefined && !metas.has(key)) metas.set(key, content);
        }
      },
      ontext(text) {
        if (!done && inTitle && title !== null && title.length < MAX_TITLE_CHARS) title += text.slice(0, MAX_TITLE_CHARS - title.length);
      },
      onclosetag(name) {
        if (done) return;
        if (name === 'head') done = true;
        else if (SKIPPED.has(name) && skipped > 0) skipped--;
        else if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  const end = Math.min(html.length, MAX_HTML_CHARS);
  for (let at = 0; at < end && !done; at += FEED_CHUNK) parser.write(html.slice(at, Math.min(end, at + FEED_CHUNK)));
  if (!done) parser.end();
  return { metas, title };
}

/**
 * Extracts the card from the page's <head>. OpenGraph first (og:title, og:description, og:image), then the
 * Twitter card tags, then <title> and the description meta tag. Comments and scripts are ignored.
 */
export function parseOpenGraph(html: string, pageUrl: string): PageCard {
  const { metas, title: titleTag } = readHead(html);
  const title = metas.get('og:title') ?? metas.get('twitter:title') ?? titleTag ?? '';
  const description = metas.get('og:description') ?? metas.get('twitter:description') ?? metas.get('description') ?? '';
  const image =
    metas.get('og:image:secure_url') ?? metas.get('og:image') ?? metas.get('og:image:url') ?? metas.get('twitter:image') ?? null;
  return {
    title: clean(title, 300),
    description: clean(description, 1000),
    imageUrl: image ? absoluteHttpUrl(image, pageUrl) : null,
  };
}
