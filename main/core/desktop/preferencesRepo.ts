// The desktop app's preferences (shortcut, tray, login item, last quick-post accounts), stored as JSON by key.

import type { AppPreferences } from '../../../shared/contract/app';
import { DEFAULT_QUICK_POST_SHORTCUT } from '../../../shared/desktop/accelerator';
import type { Db } from '../db/database';
import { parseJson } from '../parse';

export const DEFAULT_APP_PREFERENCES: AppPreferences = {
  quickPostShortcut: DEFAULT_QUICK_POST_SHORTCUT,
  keepRunningInTray: true,
  openAtLogin: false,
  lastQuickPostAccounts: [],
};

type Key = keyof AppPreferences;
const KEYS = Object.keys(DEFAULT_APP_PREFERENCES) as Key[];

/** A stored value is used only when it has the type the default has; anything else falls back to the default. */
function sameShape(value: unknown, fallback: unknown): boolean {
  if (Array.isArray(fallback)) return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === typeof fallback;
}

/**
 * The preferences from stored values by key (undefined for a value that could not be read): unknown keys are left
 * out, and a missing value or one of the wrong shape is the default.
 */
export function appPreferencesOf(stored: readonly { key: string; value: unknown }[]): AppPreferences {
  const out: Record<string, unknown> = { ...DEFAULT_APP_PREFERENCES };
  for (const { key, value } of stored) {
    if (!(KEYS as string[]).includes(key) || value === undefined) continue;
    if (sameShape(value, DEFAULT_APP_PREFERENCES[key as Key])) out[key] = value;
  }
  return out as unknown as AppPreferences;
}

/** The keys a change sets, in a fixed order, with their values. */
export function changedPreferences(change: Partial<AppPreferences>): { key: Key; value: unknown }[] {
  return KEYS.filter((key) => change[key] !== undefined).map((key) => ({ key, value: change[key] }));
}

export class AppPreferencesRepo {
  readonly #all;
  readonly #set;

  constructor(private readonly db: Db) {
    this.#all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM app_preferences');
    this.#set = db.prepare('INSERT INTO app_preferences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  all(): AppPreferences {
    // A value that is not JSON (written by hand, damaged) falls back to the default, like one of the wrong shape.
    return appPreferencesOf(this.#all.all().map((row) => ({ key: row.key, value: parseJson(row.value) })));
  }

  update(change: Partial<AppPreferences>): AppPreferences {
    this.db
      .transaction(() => {
        for (const { key, value } of changedPreferences(change)) this.#set.run(key, JSON.stringify(value));
      })
      .immediate();
    return this.all();
  }
}
