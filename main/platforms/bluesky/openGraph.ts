// Reads a page's OpenGraph title, description and image from its HTML head, without a DOM.

export interface PageCard {
  readonly title: string;
  readonly description: string;
  /** Absolute http(s) URL of the card image, or null. */
  readonly imageUrl: string | null;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Attributes of one start tag's source, names lowercased; values unquoted and entity-decoded. */
function attributesOf(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  // Skip the tag name itself.
  const body = tag.replace(/^<\s*[a-z0-9]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(pattern)) {
    const name = (m[1] as string).toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function clean(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = [...flat].slice(0, max - 1).join('');
  return `${cut.trimEnd()}…`;
}

function absoluteHttpUrl(raw: string, base: string): string | null {
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Extracts the card from the page's <head>. OpenGraph first (og:title, og:description, og:image), then the
 * Twitter card tags, then <title> and the description meta tag. Comments and scripts are ignored.
 */
export function parseOpenGraph(html: string, pageUrl: string): PageCard {
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  const head = (headEnd >= 0 ? html.slice(0, headEnd) : html)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, '');
  const metas = new Map<string, string>();
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = attributesOf(m[0]);
    const key = (attrs.get('property') ?? attrs.get('name') ?? '').toLowerCase().trim();
    const content = attrs.get('content');
    if (key && content !== undefined && !metas.has(key)) metas.set(key, content);
  }
  const titleTag = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(head)?.[1];
  const title = metas.get('og:title') ?? metas.get('twitter:title') ?? (titleTag !== undefined ? decodeEntities(titleTag) : '');
  const description = metas.get('og:description') ?? metas.get('twitter:description') ?? metas.get('description') ?? '';
  const image =
    metas.get('og:image:secure_url') ?? metas.get('og:image') ?? metas.get('og:image:url') ?? metas.get('twitter:image') ?? null;
  return {
    title: clean(title, 300),
    description: clean(description, 1000),
    imageUrl: image ? absoluteHttpUrl(image, pageUrl) : null,
  };
}
