// A fresh data folder: every view says it is empty and what to do next, and the storage notice is honest.

import { expect, keepScreenshot, openView, test } from '../support/fixtures';

test('a fresh install shows clear empty states in every view', async ({ app: page, kairos }, testInfo) => {
  const info = await kairos.invoke('app.info', {});

  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeAttached();
  await expect(page.locator('#calendar-title')).toHaveText(/^\w+ \d{4}$/);
  await expect(page.getByText('No accounts yet — connect a Discord webhook to start')).toBeVisible();
  await expect(page.getByText('Nothing scheduled this month')).toBeVisible();
  await expect(page.getByRole('grid')).toBeVisible();
  await expect(page.getByRole('gridcell').first()).toBeVisible();
  await expect(page.getByRole('grid').getByRole('button', { name: /, (Scheduled|Published|Draft),/ })).toHaveCount(0);
  if (info.secretStorage.warning) {
    const banner = page.getByRole('alert', { name: 'How your credentials are stored' });
    await expect(banner).toContainText(info.secretStorage.warning);
  }
  await keepScreenshot(page, testInfo, 'empty-calendar');

  // Next month is just as empty, and Today comes back.
  await page.getByRole('button', { name: 'Next month' }).click();
  await expect(page.getByText('Nothing scheduled this month')).toBeVisible();
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(page.locator('td[aria-current="date"]')).toBeVisible();

  await openView(page, 'Queue');
  await expect(page.getByText('Nothing in the queue')).toBeVisible();
  await keepScreenshot(page, testInfo, 'empty-queue');

  await openView(page, 'Drafts');
  await expect(page.getByText('No drafts', { exact: true })).toBeVisible();
  await keepScreenshot(page, testInfo, 'empty-drafts');

  await openView(page, 'Accounts');
  await expect(page.getByText('No accounts yet — connect a Discord webhook to start')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  await keepScreenshot(page, testInfo, 'empty-accounts');

  await openView(page, 'Settings');
  await expect(page.getByLabel('Time zone')).toHaveValue('UTC');
  await expect(page.getByText(info.dataDir)).toBeVisible();
  if (info.secretStorage.warning) await expect(page.getByText(info.secretStorage.warning)).toBeVisible();
  await keepScreenshot(page, testInfo, 'settings');
});
