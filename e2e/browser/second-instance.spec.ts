// Two Kairos processes on one data folder: only one publishes, and the other window says so.

import { expect, test } from '../support/fixtures';
import { startKairos } from '../support/kairos';

test('a second instance shows that another one is publishing', async ({ kairos, page }) => {
  expect((await kairos.invoke('scheduler.status', {})).heldElsewhere).toBe(false);
  const second = await startKairos({ dataDir: kairos.dataDir });
  try {
    expect(await second.invoke('scheduler.status', {})).toMatchObject({ heldElsewhere: true, running: false });
    await page.goto(second.openUrl);
    const banner = page.getByRole('status', { name: 'Another Kairos instance is publishing' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Your changes are saved');

    // The first instance's own window has no such banner.
    await page.goto(kairos.openUrl);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByText('Another Kairos instance is publishing')).toHaveCount(0);
  } finally {
    await second.stop();
  }
});
