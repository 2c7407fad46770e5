// @mention autocomplete in a comment box: the name being typed at the caret, the people it may mean, and the text
// once one is picked. The server resolves mentions by display name (the longest that fits), so that is what is put in.

import type { Mentionable } from './types';

const MAX_QUERY = 40;

export interface MentionQuery {
  /** Index of the @. */
  readonly start: number;
  readonly query: string;
}

/** The mention being typed just before the caret: an @ at a word's start, then up to 40 characters on one line. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const prev = at === 0 ? '' : before[at - 1];
  if (prev !== '' && !/[\s([{"'“]/u.test(prev ?? '')) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** People whose name (or one of its words) or address name begins with the query, in any case; best first. */
export function suggestMentions(query: string, people: readonly Mentionable[], limit = 6): Mentionable[] {
  const q = query.toLocaleLowerCase();
  const score = (p: Mentionable): number => {
    const name = p.displayName.toLocaleLowerCase();
    if (name.startsWith(q)) return 0;
    if (p.handle.toLocaleLowerCase().startsWith(q)) return 1;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 2;
    return -1;
  };
  return people
    .map((p) => ({ p, s: score(p) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.p.displayName.localeCompare(b.p.displayName))
    .slice(0, limit)
    .map((x) => x.p);
}

/** The text with the typed mention replaced by the person's name, and where the caret goes. */
export function applyMention(text: string, caret: number, mention: MentionQuery, person: Mentionable): { text: string; caret: number } {
  const after = text.slice(caret);
  // A space to go on typing, unless what follows already separates the name.
  const inserted = `@${person.displayName}${after === '' || /^[^\s.,;:!?)\]]/u.test(after) ? ' ' : ''}`;
  return { text: `${text.slice(0, mention.start)}${inserted}${after}`, caret: mention.start + inserted.length };
}
