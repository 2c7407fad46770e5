// Picks the dictionary and date-fns locale the renderer uses, from the settings or the system language.

import type { Locale } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { it as itLocale } from 'date-fns/locale/it';
import { useSyncExternalStore } from 'react';
import { isProblemCode, type Problem, wordsFor } from '../../../shared/contract/problems';
import { type Dictionary, en } from './en';
import { it } from './it';

export type { Dictionary } from './en';

export const LANGUAGES = ['en', 'it'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

interface Language {
  readonly code: LanguageCode;
  readonly strings: Dictionary;
  readonly dateLocale: Locale;
}

const BY_CODE: Readonly<Record<LanguageCode, Language>> = {
  en: { code: 'en', strings: en, dateLocale: enUS },
  it: { code: 'it', strings: it, dateLocale: itLocale },
};

let active: Language = BY_CODE.en;
const listeners = new Set<() => void>();

/**
 * The language for a `locale` setting ('system', 'en' or 'it'). 'system' takes the first of the
 * browser's preferred languages that we speak, and English otherwise.
 */
export function pickLanguage(setting: string, preferred: readonly string[]): LanguageCode {
  if (setting === 'en' || setting === 'it') return setting;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'it') return base;
  }
  return 'en';
}

export function setLanguage(code: LanguageCode): void {
  if (active.code === code) return;
  active = BY_CODE[code];
  if (typeof document !== 'undefined') document.documentElement.lang = code;
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Strings for code outside React components (the api client's own error messages). */
export function currentStrings(): Dictionary {
  return active.strings;
}

/**
 * A problem or note from the backend in a dictionary's words, from its code and params. The reply's English
 * (`english`) is used only for a code this window does not know (a newer backend); null when there is neither.
 */
export function wordProblem(p: Problem | null | undefined, english: string | null, strings: Dictionary = active.strings): string | null {
  if (p && isProblemCode(p.code)) return wordsFor(p, strings.problems);
  return english;
}

/** Words for a note made of several problems, one sentence each; its English when a code is unknown here. */
export function wordProblems(list: readonly Problem[], english: string | null, strings: Dictionary = active.strings): string | null {
  if (list.length === 0 || !list.every((p) => isProblemCode(p.code))) return english;
  return list.map((p) => wordsFor(p, strings.problems)).join(' ');
}

export function currentDateLocale(): Locale {
  return active.dateLocale;
}

export function currentLanguage(): LanguageCode {
  return active.code;
}

/** Strings for components; they re-render when the language changes. */
export function useStrings(): Dictionary {
  return useSyncExternalStore(subscribe, () => active.strings);
}

export function useLanguage(): LanguageCode {
  return useSyncExternalStore(subscribe, () => active.code);
}
