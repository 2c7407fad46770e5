// The conversation feature's settings (countries, brand names, pre-flight) and the awareness days the user added.

import {
  AwarenessRuleSchema,
  type ConversationSettings,
  ConversationSettingsSchema,
  type UserAwarenessDay,
} from '../../../shared/contract/conversation';
import type { Db } from '../db/database';
import { parseStored } from '../stores/stored';

export const DEFAULT_CONVERSATION_SETTINGS: ConversationSettings = {
  countries: [],
  brandNames: [],
  preflightEnabled: true,
  preflightMinutes: 10,
  preflightSkipAccountIds: [],
};

type Key = keyof ConversationSettings;

interface AwarenessRow {
  id: string;
  name: string;
  rule: string;
  url: string | null;
  created_at: number;
}

export class ConversationSettingsRepo {
  readonly #all;
  readonly #set;
  readonly #days;
  readonly #addDay;
  readonly #removeDay;

  constructor(private readonly db: Db) {
    this.#all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM conversation_settings');
    this.#set = db.prepare(
      'INSERT INTO conversation_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.#days = db.prepare<[], AwarenessRow>('SELECT id, name, rule, url, created_at FROM awareness_days ORDER BY created_at, id');
    this.#addDay = db.prepare('INSERT INTO awareness_days (id, name, rule, url, created_at) VALUES (?, ?, ?, ?, ?)');
    this.#removeDay = db.prepare('DELETE FROM awareness_days WHERE id = ?');
  }

  get(): ConversationSettings {
    const out: Record<string, unknown> = { ...DEFAULT_CONVERSATION_SETTINGS };
    for (const row of this.#all.all()) {
      if (!Object.hasOwn(DEFAULT_CONVERSATION_SETTINGS, row.key)) continue;
      const key = row.key as Key;
      out[key] = parseStored(ConversationSettingsSchema.shape[key], row.value, 'conversation_setting', key);
    }
    return out as ConversationSettings;
  }

  /** Saves the given settings (already validated by the contract) and returns all of them. */
  set(change: Partial<ConversationSettings>): ConversationSettings {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(change) as [Key, unknown][]) {
        if (value !== undefined) this.#set.run(key, JSON.stringify(value));
      }
    })();
    return this.get();
  }

  userDays(): UserAwarenessDay[] {
    return this.#days.all().map((r) => ({
      id: r.id,
      name: r.name,
      rule: parseStored(AwarenessRuleSchema, r.rule, 'awareness_rule', r.name),
      url: r.url,
      createdAt: r.created_at,
    }));
  }

  addUserDay(day: UserAwarenessDay): UserAwarenessDay {
    this.#addDay.run(day.id, day.name, JSON.stringify(day.rule), day.url, day.createdAt);
    return day;
  }

  removeUserDay(id: string): boolean {
    return this.#removeDay.run(id).changes > 0;
  }
}
