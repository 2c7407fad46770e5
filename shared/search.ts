// What a search box finds, the same in the calendar (searched by the backend) and on the drafts board.

/** Lower case without accents, so "cafe" finds "Café" and "PERCHE" finds "perché". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** The words typed, folded; every one must be found. None for a blank box. */
export function searchWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean);
}

/** Everything a search looks through: the text, the thread's parts, each account's own version, the labels, the warning. */
export interface Searchable {
  readonly text: string;
  readonly parts: readonly string[];
  readonly overrides: readonly string[];
  readonly labels: readonly string[];
  readonly contentWarning: string | null;
}

export function matchesSearch(post: Searchable, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = foldForSearch([post.text, ...post.parts, ...post.overrides, ...post.labels, post.contentWarning ?? ''].join('\n'));
  return words.every((w) => haystack.includes(w));
}
