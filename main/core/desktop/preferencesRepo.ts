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

export class AppPreferencesRepo {
  readonly #all;
  readonly #set;

  constructor(private readonly db: Db) {
    this.#all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM app_preferences');
    this.#set = db.prepare('INSERT INTO app_preferences (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  all(): AppPreferences {
    const out: Record<string, unknown> = { ...DEFAULT_APP_PREFERENCES };
    for (const row of this.#all.all()) {
      if (!(KEYS as string[]).includes(row.key)) continue;
      // A value that is not JSON (written by hand, damaged) falls back to the default, like one of the wrong shape.
      const value = parseJson(row.value);
      if (value === undefined) continue;
      if (sameShape(value, DEFAULT_APP_PREFERENCES[row.key as Key])) out[row.key] = value;
    }
    return out as unknown as AppPreferences;
  }

  update(change: Partial<AppPreferences>): AppPreferences {
    this.db
      .transaction(() => {
        for (const key of KEYS) {
          const value = change[key];
          if (value !== undefined) this.#set.run(key, JSON.stringify(value));
        }
      })
      .immediate();
    return this.all();
  }
}
