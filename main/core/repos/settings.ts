// Key/value settings with defaults.

import type { SettingKey } from '../../../shared/contract';
import type { Db } from '../db/database';

export class SettingsRepo {
  readonly #get;
  readonly #set;
  readonly #all;

  constructor(
    db: Db,
    private readonly defaults: Readonly<Record<SettingKey, string>>,
  ) {
    this.#get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.#set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.#all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  }

  get(key: SettingKey): string {
    return this.#get.get(key)?.value ?? this.defaults[key];
  }

  set(key: SettingKey, value: string): void {
    this.#set.run(key, value);
  }

  all(): Record<SettingKey, string> {
    const out = { ...this.defaults };
    for (const row of this.#all.all()) {
      if (Object.hasOwn(out, row.key)) out[row.key as SettingKey] = row.value;
    }
    return out;
  }
}
