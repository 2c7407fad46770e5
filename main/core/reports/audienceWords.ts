// What the audience said, counted: the most frequent words and hashtags in replies, and the questions asked.

import type { TermCount } from '../../../shared/analytics';
import { STOP_WORDS } from './stopWords';

const URL_RE = /https?:\/\/\S+/giu;
const MENTION_RE = /(^|\s)@[\w.@-]+/gu;
const HASHTAG_RE = /#([\p{L}\p{N}_]+)/gu;
/** Italian elided articles and prepositions: l'azienda, dell'evento, un'idea count as azienda, evento, idea. */
const ELISION_RE = /^(?:l|un|d|dell|dall|nell|sull|all|coll|c|s|m|t|v|n|quest|quell)'(.+)$/u;
const WORD_RE = /[\p{L}][\p{L}\p{N}'’]*/gu;

/** Hashtags of a text, lower-cased, without '#'. */
export function hashtagsOf(text: string): string[] {
  return [...text.matchAll(HASHTAG_RE)].map((m) => (m[1] as string).toLowerCase());
}

/** Words that carry meaning: no links, mentions, hashtags, stop words (English and Italian) or short words. */
export function wordsOf(text: string): string[] {
  const plain = text.replace(URL_RE, ' ').replace(MENTION_RE, ' ').replace(HASHTAG_RE, ' ');
  return [...plain.toLowerCase().matchAll(WORD_RE)]
    .map((m) => m[0].replace(/’/g, "'").replace(/'+$/, ''))
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => ELISION_RE.exec(w)?.[1] ?? w)
    .filter((w) => [...w].length >= 3 && !STOP_WORDS.has(w));
}

/** A question: the text, without trailing links and hashtags, ends with a question mark. */
export function isQuestion(text: string): boolean {
  const trimmed = text
    .replace(URL_RE, ' ')
    .replace(/(\s#[\p{L}\p{N}_]+)+\s*$/u, '')
    .trim();
  return /[?？]$/.test(trimmed);
}

export function topCounts(lists: Iterable<readonly string[]>, limit: number): TermCount[] {
  const counts = new Map<string, number>();
  for (const list of lists) {
    // One reply that repeats a word counts it once: the question is how many people said it.
    for (const term of new Set(list)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, limit);
}
