// The composer end to end: the length counter refuses what will not fit, and a DST gap is explained, not guessed.

import { connectDiscord, expect, keepScreenshot, test } from '../support/fixtures';

test('2,005 characters for a Discord account shows "5 over" and Schedule is refused', async ({ app: page, discord, kairos }, testInfo) => {
  // Connected behind the page's back: the app picks it up from the live event.
  await connectDiscord(kairos, discord, 'Community', 'community');
  await expect(page.getByText('No accounts yet — connect a Discord webhook to start')).toBeHidden();

  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByRole('checkbox', { name: /Community/ }).check();
  await dialog.getByLabel('Text').fill('x'.repeat(2_005));

  await expect(dialog.getByText('Community: 2,005 / 2,000')).toBeVisible();
  const warning = dialog.getByText('Too long for Community: 2005 of 2000 characters, 5 over.');
  await expect(warning).toBeVisible();
  await keepScreenshot(page, testInfo, 'composer-too-long');

  // Schedule goes to the backend, which refuses it with the same rule; the reason shows at the text.
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  // The reason is tied to the field itself, so a screen reader announces it there.
  const textField = dialog.getByLabel('Text');
  await expect(textField).toHaveAccessibleDescription(/Too long for Community \(Discord\): 2005 of 2000 characters, 5 over\./);
  await expect(textField).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toBeVisible();
  await keepScreenshot(page, testInfo, 'composer-refused');
  // What was typed is kept as a draft (autosave), but nothing is scheduled.
  expect((await kairos.invoke('posts.list', {})).filter((p) => p.status !== 'draft')).toEqual([]);

  // Post now is refused for the same reason, and nothing reaches Discord.
  await dialog.getByLabel('Text').fill('x'.repeat(2_006));
  await dialog.getByRole('button', { name: 'Post now' }).click();
  await expect(textField).toHaveAccessibleDescription(/2006 of 2000 characters, 6 over\./);
  expect((await kairos.invoke('posts.list', {})).filter((p) => p.status !== 'draft')).toEqual([]);
  expect(discord.messages).toHaveLength(0);

  // Back under the limit, the warning goes away and the counter agrees.
  await dialog.getByLabel('Text').fill('x'.repeat(2_000));
  await expect(warning).toBeHidden();
  await expect(dialog.getByText('Community: 2,000 / 2,000')).toBeVisible();
});

/** The next spring-forward day in the United States (second Sunday of March) that is still ahead. */
function nextUsSpringForward(now: number): string {
  for (let year = new Date(now).getUTCFullYear(); ; year++) {
    const firstWeekday = new Date(Date.UTC(year, 2, 1)).getUTCDay();
    const day = 1 + ((7 - firstWeekday) % 7) + 7;
    if (Date.UTC(year, 2, day) > now + 86_400_000) return `${year}-03-${String(day).padStart(2, '0')}`;
  }
}

test('a time that does not exist (DST gap) is scheduled and the user is told what it became', async ({ app: page, discord, kairos }) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  const date = nextUsSpringForward(Date.now());

  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByLabel('Text').fill('Clocks go forward tonight.');
  await dialog.getByRole('checkbox', { name: /Community/ }).check();
  await dialog.getByLabel('Date', { exact: true }).fill(date);
  await dialog.getByLabel('Time', { exact: true }).fill('02:30');
  await dialog.getByLabel('Time zone', { exact: true }).fill('America/New_York');
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();

  const notice = page.getByRole('region', { name: 'Notifications' });
  await expect(notice).toContainText(`${date} 02:30 does not exist in America/New_York`);
  await expect(notice).toContainText('it became 03:30');
  const [post] = await kairos.invoke('posts.list', { statuses: ['scheduled'] });
  expect(post?.timeZone).toBe('America/New_York');
  expect(new Date(post?.scheduledAt ?? 0).toISOString()).toBe(`${date}T07:30:00.000Z`);
});
