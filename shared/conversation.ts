// Pure helpers for the conversation panel, shared by the backend and the renderer: terms, watch matches, "busier than usual".

export const WATCH_SEVERITIES = ['low', 'medium', 'high'] as const;
export type WatchSeverity = (typeof WATCH_SEVERITIES)[number];

export interface WatchTerm {
  readonly id: string;
  readonly term: string;
  readonly severity: WatchSeverity;
  readonly createdAt: number;
}

/** The words a post is about: its hashtags, the proper nouns in it, and the brand's names it uses. */
export interface PostTerms {
  /** Lowercase, without '#'. */
  readonly hashtags: readonly string[];
  readonly keywords: readonly string[];
  /** Brand names from settings; always searched, whether or not the text uses them. */
  readonly brandNames: readonly string[];
}

const LETTER_OR_DIGIT = String.raw`\p{L}\p{N}_`;
const HASHTAG = new RegExp(String.raw`(?:^|[^${LETTER_OR_DIGIT}&/])#([${LETTER_OR_DIGIT}]*\p{L}[${LETTER_OR_DIGIT}]*)`, 'gu');
const URL_OR_MENTION = /(?:https?:\/\/\S+|@[\w.-]+(?:@[\w.-]+)?)/giu;

/** Hashtags in the order they first appear, lowercased and without '#'; a tag needs at least one letter. */
export function extractHashtags(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.replace(URL_OR_MENTION, ' ').matchAll(HASHTAG)) {
    const tag = (m[1] as string).toLowerCase();
    if (tag.length <= 100) seen.add(tag);
  }
  return [...seen];
}

// Capitalised words that are just grammar, not topics. Kept short on purpose: it only has to stop the obvious.
const STOP_WORDS = new Set(
  'the a an and or but if then this that these those our your their my his her its we you they i it is are was be to of in on at for with from by as not no yes so do did will can just more most all new now today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december'.split(
    ' ',
  ),
);

/**
 * Proper nouns that are not the first word of a sentence (names of people, places, events, products),
 * most frequent first: what people would search for. Short on purpose, because every term costs a request.
 */
export function extractKeywords(text: string, limit = 3): string[] {
  const cleaned = text.replace(URL_OR_MENTION, ' ').replace(/#[\p{L}\p{N}_]+/gu, ' ');
  const counts = new Map<string, { word: string; count: number; first: number }>();
  const words = [...cleaned.matchAll(/[\p{L}][\p{L}\p{N}'’-]*/gu)];
  words.forEach((m, i) => {
    const word = (m[0] as string).replace(/['’]s$/u, '');
    const before = cleaned.slice(0, m.index).trimEnd();
    const startsSentence = before === '' || /[.!?:\n]$/u.test(before);
    if (startsSentence || word.length < 3 || !/^\p{Lu}/u.test(word)) return;
    const key = word.toLowerCase();
    if (STOP_WORDS.has(key)) return;
    const entry = counts.get(key) ?? { word, count: 0, first: i };
    entry.count++;
    counts.set(key, entry);
  });
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, limit)
    .map((e) => e.word);
}

/** The terms of a post or draft, given the brand's names from settings. */
export function termsOf(text: string, brandNames: readonly string[]): PostTerms {
  const hashtags = extractHashtags(text);
  const brands = [...new Set(brandNames.map((b) => b.trim()).filter((b) => b.length > 0))];
  const taken = new Set([...hashtags, ...brands.map(normaliseTerm)]);
  const keywords = extractKeywords(text).filter((k) => !taken.has(normaliseTerm(k)));
  return { hashtags, keywords, brandNames: brands };
}

export type TermKind = 'hashtag' | 'keyword' | 'brand';

/** The terms worth a search, hashtags first, at most `max` (each one is a request per network). */
export function searchTermsOf(terms: PostTerms, max = 6): { term: string; kind: TermKind }[] {
  const out: { term: string; kind: TermKind }[] = [];
  const seen = new Set<string>();
  const push = (term: string, kind: TermKind) => {
    const key = normaliseTerm(term);
    if (key === '' || seen.has(key) || out.length >= max) return;
    seen.add(key);
    out.push({ term: key, kind });
  };
  for (const t of terms.hashtags) push(t, 'hashtag');
  for (const t of terms.brandNames) push(t, 'brand');
  for (const t of terms.keywords) push(t, 'keyword');
  return out;
}

/** How terms are compared and stored: trimmed, lowercase, without a leading '#', inner spaces collapsed. */
export function normaliseTerm(term: string): string {
  return term.trim().replace(/^#+/u, '').replace(/\s+/gu, ' ').toLowerCase();
}

/** The form a term takes as a hashtag: letters and digits only ("Data breach" → "databreach"). */
export function tagForm(term: string): string {
  return normaliseTerm(term).replace(/[^\p{L}\p{N}_]/gu, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` uses `term` as a whole word or phrase, or as a hashtag (spaces dropped), ignoring case. */
export function mentionsTerm(text: string, term: string): boolean {
  const t = normaliseTerm(term);
  if (t === '') return false;
  const phrase = t.split(' ').map(escapeRegExp).join(String.raw`\s+`);
  const re = new RegExp(`(?<![${LETTER_OR_DIGIT}])${phrase}(?![${LETTER_OR_DIGIT}])`, 'iu');
  if (re.test(text)) return true;
  const tag = tagForm(t);
  return tag !== '' && extractHashtags(text).includes(tag);
}

/** Whether a trend or hashtag name is the watch term itself ("#DataBreach" is the term "data breach"). */
export function sameTag(name: string, term: string): boolean {
  const a = tagForm(name);
  return a !== '' && a === tagForm(term);
}

/** The watch terms a piece of text mentions, most severe first. */
export function matchWatchTerms(text: string, watch: readonly WatchTerm[]): WatchTerm[] {
  return watch.filter((w) => mentionsTerm(text, w.term)).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

export function severityRank(s: WatchSeverity): number {
  return WATCH_SEVERITIES.indexOf(s);
}

/** Is a term busier now than it usually is? */
export interface BusierVerdict {
  /** The level now (uses per hour for searches, uses per day for a trend's history). */
  readonly current: number;
  /** The usual level: the median of earlier measurements; null without enough of them. */
  readonly usual: number | null;
  /** current ÷ usual (usual counted as at least 1); null without a usual level. */
  readonly ratio: number | null;
  /** Suddenly much busier than normal. */
  readonly busier: boolean;
  /** How many earlier measurements the usual level rests on. */
  readonly samples: number;
}

export interface BusierRule {
  /** Earlier measurements needed before anything is called unusual. */
  readonly minSamples: number;
  /** How many times the usual level counts as "much busier". */
  readonly factor: number;
  /** And by at least this much, so 1 → 3 posts an hour is not an alarm. */
  readonly minExcess: number;
}

export const DEFAULT_BUSIER_RULE: BusierRule = { minSamples: 3, factor: 3, minExcess: 5 };

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * "Suddenly busier": the level now is at least `factor` times the median of earlier measurements and at
 * least `minExcess` above it. The median, not the mean, so that one earlier spike does not raise "usual".
 */
export function busierThanUsual(current: number, earlier: readonly number[], rule: BusierRule = DEFAULT_BUSIER_RULE): BusierVerdict {
  if (earlier.length < rule.minSamples) return { current, usual: null, ratio: null, busier: false, samples: earlier.length };
  const usual = median(earlier);
  const ratio = current / Math.max(usual, 1);
  const busier = current >= rule.factor * Math.max(usual, 1) && current - usual >= rule.minExcess;
  return { current, usual, ratio, busier, samples: earlier.length };
}

/** A trend's daily history (oldest first): is the last day busier than the days before it? */
export function trendVerdict(history: readonly number[], rule: BusierRule = DEFAULT_BUSIER_RULE): BusierVerdict | null {
  if (history.length === 0) return null;
  return busierThanUsual(history[history.length - 1] as number, history.slice(0, -1), rule);
}

/** How many of the given moments fall in the last `windowMs` before `now`, scaled to one hour. */
export function perHour(createdAts: readonly number[], now: number, windowMs = 3_600_000): number {
  const recent = createdAts.filter((t) => t <= now && t > now - windowMs).length;
  return Math.round((recent * 3_600_000) / windowMs);
}
