// Picks the dictionary and date-fns locale the renderer uses; the one place a language switch plugs in.

import type { Locale } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { type Dictionary, en } from './en';

export type { Dictionary } from './en';

interface Language {
  readonly strings: Dictionary;
  readonly dateLocale: Locale;
}

const english: Language = { strings: en, dateLocale: enUS };

/** The active language. Only English exists so far; a settings-driven choice replaces this constant. */
const active: Language = english;

/** Strings for code outside React components (the api client's own error messages). */
export function currentStrings(): Dictionary {
  return active.strings;
}

export function currentDateLocale(): Locale {
  return active.dateLocale;
}

/** Strings for components. A hook so that switching language can later re-render through context. */
export function useStrings(): Dictionary {
  return active.strings;
}
