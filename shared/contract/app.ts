// Channels about the desktop app around the backend: connectivity, and the tray and quick-post preferences.

import { z } from 'zod';
import { checkAccelerator } from '../desktop/accelerator';
import { Id } from './common';

export const CONNECTIVITY_STATES = ['online', 'offline', 'unknown'] as const;
export type ConnectivityState = (typeof CONNECTIVITY_STATES)[number];

const Accelerator = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const checked = checkAccelerator(value);
    if (checked.ok) return checked.accelerator;
    ctx.addIssue({ code: 'custom', message: checked.error });
    return z.NEVER;
  });

export const appRequests = {
  'app.connectivity': z.object({}).optional(),
  /** Probes the platforms' servers now instead of waiting for the next scheduled probe ("Retry now"). */
  'app.connectivity.check': z.object({}).optional(),
  'app.preferences.get': z.object({}).optional(),
  /** Changes only the preferences given. */
  'app.preferences.set': z.object({
    quickPostShortcut: Accelerator.optional(),
    keepRunningInTray: z.boolean().optional(),
    openAtLogin: z.boolean().optional(),
    lastQuickPostAccounts: z.array(Id).max(50).optional(),
  }),
} as const;

export interface ConnectivityStatus {
  /** Unknown until the first probe or real request says otherwise; treat it as online. */
  readonly state: ConnectivityState;
  readonly online: boolean;
  /** When the state last changed (UTC ms), or null when it never has. */
  readonly since: number | null;
  /** Posts whose time has come but which are still waiting to go out. Only counted while offline. */
  readonly waitingForNetwork: number;
}

export interface AppPreferences {
  /** Electron accelerator that opens the quick-post window from anywhere. */
  readonly quickPostShortcut: string;
  /** Closing the main window keeps Kairos publishing from the tray. */
  readonly keepRunningInTray: boolean;
  readonly openAtLogin: boolean;
  /** The accounts picked the last time a quick post was sent, preselected next time. */
  readonly lastQuickPostAccounts: readonly string[];
}

/** What the desktop shell could not do with the preferences, in words; null when all is well or not a desktop. */
export interface DesktopProblems {
  readonly quickPostShortcut: string | null;
  readonly openAtLogin: string | null;
}

export interface AppPreferencesView extends AppPreferences {
  readonly problems: DesktopProblems;
}

export interface AppResponses {
  'app.connectivity': ConnectivityStatus;
  'app.connectivity.check': ConnectivityStatus;
  'app.preferences.get': AppPreferencesView;
  'app.preferences.set': AppPreferencesView;
}
