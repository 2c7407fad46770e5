// LinkedIn's "little" text format: commentary with its reserved characters escaped, so none of them cuts the post.

/**
 * The characters little reserves for mentions, hashtags and templates. Posted unescaped, LinkedIn accepts the
 * post and silently drops everything from the first one on.
 */
const RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~']);
const LETTER = /\p{L}/u;
const WORD = /[\p{L}\p{N}_]/u;

/**
 * Escapes every reserved character with a backslash, except the `#` that starts a hashtag (a `#` followed by a
 * letter, not inside a word): that one stays, so LinkedIn draws #launch as a hashtag, as the composer shows it.
 */
export function escapeLittleText(text: string): string {
  const chars = Array.from(text);
  let out = '';
  chars.forEach((ch, i) => {
    if (ch === '#') {
      const before = chars[i - 1];
      const after = chars[i + 1];
      const startsHashtag = after !== undefined && LETTER.test(after) && (before === undefined || !WORD.test(before));
      out += startsHashtag ? ch : `\\${ch}`;
      return;
    }
    out += RESERVED.has(ch) ? `\\${ch}` : ch;
  });
  return out;
}
