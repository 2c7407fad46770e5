// The conversation panel end to end: it follows the selected post and the draft, and a watchlist alert can pause publishing.

import { expect, keepScreenshot, openView, test } from '../support/fixtures';

// The panel's components live in renderer/src/features/conversation; these run once the panel is mounted
// beside the calendar and inside the composer, and "Pause all publishing" is wired to the engine's crisis brake.
test.fixme(true, 'The conversation panel is not mounted in the calendar and the composer yet.');

/** A wall time far enough ahead that nothing publishes during the test. */
function tomorrowAt(time: string): { date: string; time: string; timeZone: string } {
  return { date: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), time, timeZone: 'UTC' };
}

test('selecting a post shows its panel: its date, its neighbours and the watchlist', async ({ app: page, discord, kairos }, testInfo) => {
  const account = await kairos.invoke('accounts.connect', {
    platform: 'discord',
    name: 'Community',
    webhookUrl: discord.createWebhook('community'),
  });
  await kairos.invoke('conversation.settings.set', { countries: ['US'] });
  const { post } = await kairos.invoke('posts.create', {
    text: 'Team lunch #friday',
    accountIds: [account.id],
    when: { kind: 'at', wall: tomorrowAt('12:00') },
  });
  await kairos.invoke('posts.create', {
    text: 'Reminder an hour later',
    accountIds: [account.id],
    when: { kind: 'at', wall: tomorrowAt('13:00') },
  });

  await openView(page, 'Calendar');
  await page.getByText('Team lunch #friday').first().click();
  const panel = page.getByRole('complementary', { name: 'Current conversation' });
  await expect(panel.getByText('For the selected post')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'The date' })).toBeVisible();
  const neighbours = panel.getByRole('region', { name: 'Neighbours' });
  await expect(neighbours.getByText('Reminder an hour later')).toBeVisible();
  await expect(neighbours.getByText('60 min after')).toBeVisible();
  await expect(neighbours.getByText('same account')).toBeVisible();
  expect(post.id).toBeTruthy();
  await keepScreenshot(page, testInfo, 'conversation-selected-post');
});

test('typing a hashtag in the composer makes the panel follow the draft', async ({ app: page, discord, kairos }, testInfo) => {
  await kairos.invoke('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: discord.createWebhook('community') });
  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByRole('checkbox', { name: /Community/ }).check();
  await dialog.getByLabel('Text').fill('Sunday plans #Picnic');

  const panel = dialog.getByRole('complementary', { name: 'Current conversation' });
  await expect(panel.getByText('For the post you are writing')).toBeVisible();
  await dialog.getByLabel('Text').fill('Sunday plans #Picnic #Sunshine');
  // Discord gives no signals, so the words section is replaced by a note; the watchlist still follows.
  await expect(panel.getByText(/None of the chosen accounts share trends/)).toBeVisible();
  await keepScreenshot(page, testInfo, 'conversation-draft');
});

test('a high-severity watchlist alert offers to pause all publishing, and pausing works', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await kairos.invoke('accounts.connect', {
    platform: 'discord',
    name: 'Community',
    webhookUrl: discord.createWebhook('community'),
  });
  await kairos.invoke('watchlist.add', { term: 'recall', severity: 'high' });
  const { post } = await kairos.invoke('posts.create', {
    text: 'What the #recall means for you',
    accountIds: [account.id],
    when: { kind: 'instant', at: Date.now() + 30 * 60_000, timeZone: 'UTC' },
  });
  // A check window longer than the wait makes the pre-flight check run at once and hold the post.
  await kairos.invoke('conversation.settings.set', { preflightMinutes: 60 });

  await openView(page, 'Calendar');
  await page.getByText('What the #recall means for you').first().click();
  const panel = page.getByRole('complementary', { name: 'Current conversation' });
  const alert = panel.getByRole('alert').filter({ hasText: 'recall' }).first();
  await expect(alert).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Send anyway' })).toBeVisible();
  await keepScreenshot(page, testInfo, 'conversation-alert');

  await alert.getByRole('button', { name: 'Pause all publishing' }).click();
  await expect(page.getByText(/Publishing is paused/i).first()).toBeVisible();
  const { post: held } = await kairos.invoke('posts.get', { id: post.id });
  expect(held.status).toBe('held');
  expect(discord.messages).toHaveLength(0);
  await keepScreenshot(page, testInfo, 'conversation-paused');
});
