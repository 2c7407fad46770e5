// Channels about the app itself: what it is running on, its settings and the scheduler.

import { z } from 'zod';
import type { Problem } from './problems';

export const SETTING_KEYS = ['timeZone', 'graceMinutes', 'locale', 'theme'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const systemRequests = {
  'app.info': z.object({}).optional(),
  'settings.get': z.object({}).optional(),
  'settings.set': z.object({ key: z.enum(SETTING_KEYS), value: z.string().max(200) }),
  'scheduler.status': z.object({}).optional(),
} as const;

export interface SecretStorageInfo {
  readonly backend: string;
  readonly encrypted: boolean;
  /** Set when secrets are not protected by the operating system's keychain; show it to the user. */
  readonly warning: string | null;
  /** The same warning from the catalog, one problem a sentence, for pages to word; empty when there is none. */
  readonly warningProblems: readonly Problem[];
}

export interface SchedulerStatus {
  /** This process runs the scheduler for the database. */
  readonly running: boolean;
  /** Another Kairos process holds the publishing lease. */
  readonly heldElsewhere: boolean;
  readonly holder: string | null;
  readonly nextDueAt: number | null;
  readonly lastError: string | null;
  /** The same error from the catalog, for pages to word; null when there is none. */
  readonly lastErrorProblem: Problem | null;
}

export interface AppInfo {
  readonly version: string;
  readonly dataDir: string;
  readonly shell: 'electron' | 'browser' | 'cli';
  readonly secretStorage: SecretStorageInfo;
  readonly defaultTimeZone: string;
}

export interface SystemResponses {
  'app.info': AppInfo;
  'settings.get': Readonly<Record<SettingKey, string>>;
  'settings.set': Readonly<Record<SettingKey, string>>;
  'scheduler.status': SchedulerStatus;
}
