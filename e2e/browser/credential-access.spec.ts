// A login saved by the desktop app's keychain shows in browser mode as "not readable here", not as an expired login.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { connectDiscord, expect, keepScreenshot, openView, test } from '../support/fixtures';
import { startKairos } from '../support/kairos';

test('an account whose login browser mode cannot open says so, and is not marked for a new login', async ({
  page,
  kairos,
  discord,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Desktop channel');
  // What the desktop app leaves when it saves a login in the system keychain: its format byte, then the keychain's bytes.
  const db = new Database(join(kairos.dataDir, 'kairos.sqlite'));
  db.prepare('UPDATE accounts SET secret = ? WHERE id = ?').run(Buffer.from([0x02, 0x9c, 0x41, 0x07, 0x55]), account.id);
  db.close();

  // Browser mode started again on the same folder checks every saved login when it opens.
  const again = await startKairos({ dataDir: kairos.dataDir });
  try {
    await page.goto(again.openUrl);
    await openView(page, 'Accounts');
    const row = page.locator(`[data-account-id="${account.id}"]`);
    await expect(row.getByText('Login not readable here', { exact: true })).toBeVisible();
    await expect(row.getByText(/saved by the Kairos desktop app in the system keychain/)).toBeVisible();
    await expect(row.getByText('Needs to log in again')).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'account-unreadable-here');
    expect((await again.invoke('accounts.list', {}))[0]).toMatchObject({ status: 'connected', statusReason: null });
  } finally {
    await again.stop();
  }
});
