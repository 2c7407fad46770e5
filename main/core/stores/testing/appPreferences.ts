// The desktop app's preferences on any database: defaults until set, partial updates, and stored values of the
// wrong shape read as the default.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_PREFERENCES } from '../../desktop/preferencesRepo';
import type { AppPreferencesStore } from '../types';
import type { FeatureSeed } from './featureSeed';

export interface AppPreferencesOpened {
  readonly appPreferences: AppPreferencesStore;
  readonly seed: FeatureSeed;
  close(): Promise<void>;
}

export function appPreferencesContract(engine: string, open: () => Promise<AppPreferencesOpened>): void {
  describe(`app preferences store (${engine})`, () => {
    let o: AppPreferencesOpened;
    beforeEach(async () => {
      o = await open();
    });
    afterEach(async () => {
      await o.close();
    });

    it('answers the defaults until something is saved, then saves only the keys given', async () => {
      expect(await o.appPreferences.all()).toEqual(DEFAULT_APP_PREFERENCES);
      expect(await o.appPreferences.update({ keepRunningInTray: false, lastQuickPostAccounts: ['acc_1', 'acc_2'] })).toEqual({
        ...DEFAULT_APP_PREFERENCES,
        keepRunningInTray: false,
        lastQuickPostAccounts: ['acc_1', 'acc_2'],
      });
      expect(await o.appPreferences.update({ quickPostShortcut: 'Alt+Q', lastQuickPostAccounts: [] })).toEqual({
        quickPostShortcut: 'Alt+Q',
        keepRunningInTray: false,
        openAtLogin: false,
        lastQuickPostAccounts: [],
      });
      expect(await o.appPreferences.all()).toEqual({
        quickPostShortcut: 'Alt+Q',
        keepRunningInTray: false,
        openAtLogin: false,
        lastQuickPostAccounts: [],
      });
    });

    it('reads a stored value of the wrong shape as the default, and leaves unknown keys out', async () => {
      await o.seed.appPreference('openAtLogin', 'yes');
      await o.seed.appPreference('lastQuickPostAccounts', ['acc_1', 2]);
      await o.seed.appPreference('quickPostShortcut', null);
      await o.seed.appPreference('keepRunningInTray', false);
      await o.seed.appPreference('windowBounds', { x: 1 });
      expect(await o.appPreferences.all()).toEqual({ ...DEFAULT_APP_PREFERENCES, keepRunningInTray: false });
    });
  });
}
