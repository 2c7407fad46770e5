// The settings store's behaviour, the same on every engine: defaults until set, a set read back at once and kept for
// the next start, and only the known keys in all().

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTING_DEFAULTS, type SettingsOpened } from './opened';

export function settingsContract(engine: string, open: () => Promise<SettingsOpened>): void {
  describe(`settings store (${engine})`, () => {
    let s: SettingsOpened;
    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('answers with the defaults until a setting is set', () => {
      expect(s.settings.get('timeZone')).toBe('UTC');
      expect(s.settings.all()).toEqual(SETTING_DEFAULTS);
    });

    it('reads a set value back at once, and keeps it for the next start', async () => {
      const written = s.settings.set('timeZone', 'Europe/Rome');
      // Read before the write is awaited: the same process sees its change at once.
      expect(s.settings.get('timeZone')).toBe('Europe/Rome');
      await written;
      await s.settings.set('graceMinutes', '30');
      await s.settings.set('graceMinutes', '45');
      expect(s.settings.all()).toEqual({ ...SETTING_DEFAULTS, timeZone: 'Europe/Rome', graceMinutes: '45' });
      const next = await s.reopen();
      expect(next.get('timeZone')).toBe('Europe/Rome');
      expect(next.all()).toEqual({ ...SETTING_DEFAULTS, timeZone: 'Europe/Rome', graceMinutes: '45' });
    });

    it('lists only the settings this version knows', async () => {
      await s.writeRow('retiredSetting', 'yes');
      await s.writeRow('theme', 'dark');
      const next = await s.reopen();
      expect(next.all()).toEqual({ ...SETTING_DEFAULTS, theme: 'dark' });
    });
  });
}
