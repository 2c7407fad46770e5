// Drafts and the queue: a saved draft waits in Drafts, and once scheduled it moves to the queue and the calendar.

import { wallTimeOf } from '../../shared/time/wallTime';
import { connectDiscord, expect, keepScreenshot, openView, test } from '../support/fixtures';

test('a draft is saved, then scheduled from Drafts, and lines up in the queue', async ({ app: page, discord, kairos }, testInfo) => {
  await connectDiscord(kairos, discord, 'Newsroom', 'news');

  await openView(page, 'Drafts');
  await expect(page.getByText('No drafts', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'New post' }).first().click();
  const composer = page.getByRole('dialog', { name: 'New post' });
  await composer.getByLabel('Text').fill('Behind the scenes: how the autumn issue came together.');
  await composer.getByRole('button', { name: 'Save draft' }).click();
  await expect(composer).toBeHidden();

  // The draft appears without a reload, and opening it brings back what was written.
  const drafts = page.getByRole('list', { name: 'Drafts' });
  await expect(drafts.getByRole('button', { name: /Behind the scenes/ })).toBeVisible();
  await keepScreenshot(page, testInfo, 'drafts-list');
  await drafts.getByRole('button', { name: /Behind the scenes/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit post' });
  await expect(editor.getByLabel('Text')).toHaveValue('Behind the scenes: how the autumn issue came together.');
  await expect(editor.getByRole('heading', { name: 'History' })).toBeVisible();

  // Schedule it for tomorrow at 10:00 in the app's zone.
  const zone = (await kairos.invoke('settings.get', {})).timeZone;
  const tomorrow = wallTimeOf(Date.now() + 86_400_000, zone).date;
  await editor.getByRole('checkbox', { name: /Newsroom/ }).check();
  await editor.getByLabel('Date', { exact: true }).fill(tomorrow);
  await editor.getByLabel('Time', { exact: true }).fill('10:00');
  await editor.getByRole('button', { name: 'Schedule' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByText('No drafts', { exact: true })).toBeVisible();

  await openView(page, 'Queue');
  const upNext = page.getByRole('list', { name: 'Up next' });
  const row = upNext.getByRole('button', { name: /Behind the scenes/ });
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'scheduled');
  await expect(row).toContainText('10:00 AM');
  await expect(row).toContainText('Newsroom');
  await keepScreenshot(page, testInfo, 'queue');

  // Cancelling it from the queue takes it out of the queue; nothing was ever sent.
  await row.click();
  const post = page.getByRole('dialog', { name: 'Edit post' });
  await post.getByRole('button', { name: 'Cancel post' }).click();
  await post.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(post).toBeHidden();
  await expect(page.getByText('Nothing in the queue')).toBeVisible();
  const [stored] = await kairos.invoke('posts.list', {});
  expect(stored?.status).toBe('cancelled');
  expect(discord.messages).toHaveLength(0);
});
