import { expect, it } from 'vitest';
import { SETTING_DEFAULTS } from '../../../core/stores/testing/opened';
import { settingsContract } from '../../../core/stores/testing/settings';
import { anotherPool, pgStoresForThisFile } from '../../../testing/pgStoresOpen';
import { PgSettingsStore } from './settings';

const pg = pgStoresForThisFile('settings store');
settingsContract('PostgreSQL', pg.openSettings);

/** Polls until `read` gives `want` or a second has passed; returns what it read last. */
async function within1s<T>(read: () => T, want: T): Promise<T> {
  const deadline = Date.now() + 1000;
  let got = read();
  while (got !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
    got = read();
  }
  return got;
}

it("sees another process's change within a second, and that process sees this one's", async () => {
  const opened = await pg.openSettings();
  const otherPool = anotherPool(pg.database());
  const here = opened.settings;
  const there = await PgSettingsStore.open(otherPool, SETTING_DEFAULTS);
  try {
    await here.set('timeZone', 'Europe/Rome');
    // Resolved: the row is in the table.
    const { rows } = await otherPool.query(`SELECT value FROM settings WHERE key = 'timeZone'`);
    expect(rows).toEqual([{ value: 'Europe/Rome' }]);
    expect(await within1s(() => there.get('timeZone'), 'Europe/Rome')).toBe('Europe/Rome');

    await there.set('theme', 'dark');
    expect(await within1s(() => here.get('theme'), 'dark')).toBe('dark');
    expect(here.all()).toEqual({ ...SETTING_DEFAULTS, timeZone: 'Europe/Rome', theme: 'dark' });

    // Several changes in a row end with the last one everywhere.
    for (const zone of ['Asia/Tokyo', 'America/New_York', 'Europe/Berlin']) void there.set('timeZone', zone);
    expect(await within1s(() => here.get('timeZone'), 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(there.get('timeZone')).toBe('Europe/Berlin');
  } finally {
    await there.close();
    await opened.close();
    await otherPool.end();
  }
});

it('stops listening when closed, giving its connection back', async () => {
  const opened = await pg.openSettings();
  const otherPool = anotherPool(pg.database());
  const listening = async () => {
    const { rows } = await otherPool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN kairos_settings'`,
    );
    return Number(rows[0]?.n);
  };
  try {
    const closing = await PgSettingsStore.open(otherPool, SETTING_DEFAULTS);
    expect(await listening()).toBe(2);
    await closing.close();
    expect(await listening()).toBe(1);
    await opened.settings.set('locale', 'it');
    await new Promise((r) => setTimeout(r, 200));
    expect(closing.get('locale')).toBe('system');
  } finally {
    await opened.close();
    await otherPool.end();
  }
});
