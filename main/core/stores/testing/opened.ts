// What a store contract runs against: the stores of one engine over a fresh database, a seed for rows of other
// areas, a raw look at the history lines, and how to close it all. Each engine's test file opens one per test.

import type { SettingKey } from '../../../../shared/contract';
import type { Actor } from '../../repos/events';
import type {
  AccountsStore,
  CredentialProblemsStore,
  EventsStore,
  LeaseStore,
  MediaRecordsStore,
  PausesStore,
  ReviewStore,
  SettingsStore,
} from '../types';
import type { PublishingSeed } from './seed';

/** A history line as stored, for checks the events store cannot answer (lines without a post). */
export interface StoredLine {
  readonly at: number;
  readonly actor: Actor;
  readonly kind: string;
  readonly postId: string | null;
  readonly accountId: string | null;
  readonly detail: string | null;
}

export interface PublishingOpened {
  readonly accounts: AccountsStore;
  readonly events: EventsStore;
  readonly media: MediaRecordsStore;
  readonly credentialProblems: CredentialProblemsStore;
  readonly pauses: PausesStore;
  readonly review: ReviewStore;
  lease(holder: string, shell: string): LeaseStore;
  readonly seed: PublishingSeed;
  /** Every history line, oldest first (by id). */
  lines(): Promise<StoredLine[]>;
  close(): Promise<void>;
}

export interface SettingsOpened {
  readonly settings: SettingsStore;
  /** A new store over the same database, as the next start (or another process) would open it. */
  reopen(): Promise<SettingsStore>;
  /** Writes a row behind the store's back (one an older version left). */
  writeRow(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export const SETTING_DEFAULTS: Readonly<Record<SettingKey, string>> = {
  timeZone: 'UTC',
  graceMinutes: '15',
  locale: 'system',
  theme: 'system',
};
