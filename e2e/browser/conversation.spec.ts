// The conversation panel end to end: it follows the selected post and the draft, and a watchlist alert can pause publishing.

import type { Page } from '@playwright/test';
import { MastodonFake } from '../../main/testing/mastodonFake/server';
import { connectDiscord, expect, keepScreenshot, openView, test } from '../support/fixtures';

/** Moves the month grid forward when the date is in the next month (the test runs on a month's last day). */
async function showMonthOf(page: Page, date: string): Promise<void> {
  if (date.slice(0, 7) !== new Date().toISOString().slice(0, 7)) await page.getByRole('button', { name: 'Next month' }).click();
}

/** A wall time far enough ahead that nothing publishes during the test. */
function tomorrowAt(time: string): { date: string; time: string; timeZone: string } {
  return { date: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), time, timeZone: 'UTC' };
}

test('selecting a post shows its panel: its date, its neighbours and the watchlist', async ({ app: page, discord, kairos }, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
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
  await showMonthOf(page, tomorrowAt('12:00').date);
  await page.getByText('Team lunch #friday').first().click();
  const panel = page.getByRole('complementary', { name: 'Current conversation' });
  await expect(panel.getByText('For the selected post')).toBeVisible();
  await expect(panel.getByRole('region', { name: 'The date' })).toBeVisible();
  const neighbours = panel.getByRole('region', { name: 'Neighbours' });
  await expect(neighbours.getByText('Reminder an hour later')).toBeVisible();
  await expect(neighbours.getByText('60 min after')).toBeVisible();
  await expect(neighbours.getByText('same account')).toBeVisible();
  expect(post.id).toBeTruthy();
  await panel.scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, 'conversation-selected-post');
});

test('a Mastodon account feeds trends, the post’s words and mentions, with watchlist flags', async ({ app: page, kairos }, testInfo) => {
  const mastodon = await new MastodonFake().start();
  try {
    const alice = mastodon.createUser('alice', 'Alice');
    const bob = mastodon.createUser('bob', 'Bob');
    mastodon.addTrendingTag('coffee', [10, 12, 11]);
    mastodon.addTrendingTag('launchday', [3, 4, 5, 4, 60]);
    mastodon.postAs(bob.id, 'Counting down to #LaunchDay');
    mastodon.postAs(bob.id, `@alice@${mastodon.domain} is the #LaunchDay delayed?`);
    const account = await kairos.invoke('accounts.connect', {
      platform: 'mastodon',
      name: 'Brand',
      instance: mastodon.origin,
      accessToken: mastodon.issueToken(alice.id),
    });
    await kairos.invoke('watchlist.add', { term: 'delayed', severity: 'medium' });
    const date = tomorrowAt('12:00').date;
    await kairos.invoke('posts.create', {
      text: 'Our #LaunchDay is here',
      accountIds: [account.id],
      when: { kind: 'at', wall: tomorrowAt('12:00') },
    });

    await openView(page, 'Calendar');
    await showMonthOf(page, date);
    await page.getByText('Our #LaunchDay is here').first().click();
    const panel = page.getByRole('complementary', { name: 'Current conversation' });

    // The first look is from an empty cache; the background refresh fills it and the panel follows.
    const trend = panel.locator('[data-trend="launchday"]');
    await expect(trend).toContainText('your topic');
    await expect(trend).toContainText('suddenly busier');
    await expect(trend.getByRole('img', { name: 'Recent daily use: 3, 4, 5, 4, 60' })).toBeVisible();
    const words = panel.getByRole('region', { name: 'Your words right now' });
    await expect(words.getByText('Counting down to #LaunchDay')).toBeVisible();
    await expect(words.locator('.conv-term__near')).toContainText('Appears next to delayed');
    const mentions = panel.getByRole('region', { name: 'Mentions' });
    await expect(mentions.getByText('1 unanswered')).toBeVisible();
    await expect(mentions.getByText(/is the #LaunchDay delayed\?/)).toBeVisible();
    await expect(panel.getByRole('status').filter({ hasText: 'delayed' }).first()).toBeVisible();
    await expect(panel.getByRole('region', { name: 'Trending now' }).getByText(/^as of /)).toBeVisible();
    await panel.scrollIntoViewIfNeeded();
    await keepScreenshot(page, testInfo, 'conversation-mastodon');
  } finally {
    await mastodon.stop();
  }
});

test('typing a hashtag in the composer makes the panel follow the draft', async ({ app: page, discord, kairos }, testInfo) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await kairos.invoke('watchlist.add', { term: 'sunshine', severity: 'medium' });
  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByRole('checkbox', { name: /Community/ }).check();
  await dialog.getByLabel('Text').fill('Sunday plans #Picnic');

  const panel = dialog.getByRole('complementary', { name: 'Current conversation' });
  await expect(panel.getByText('For the post you are writing')).toBeVisible();
  const words = panel.getByRole('region', { name: 'Your words right now' });
  await expect(words.getByText('#picnic')).toBeVisible();
  await expect(words.getByText('#sunshine')).toBeHidden();

  // A new hashtag appears once typing pauses, flagged when it is on the watchlist.
  await dialog.getByLabel('Text').fill('Sunday plans #Picnic #Sunshine');
  const sunshine = words.locator('[data-term="sunshine"]');
  await expect(sunshine).toBeVisible();
  await expect(sunshine.locator('[data-severity="medium"]')).toHaveText('sunshine');
  // Discord gives no signals; the panel says so instead of showing empty trends.
  await expect(panel.getByText(/None of the chosen accounts share trends/)).toBeVisible();
  await keepScreenshot(page, testInfo, 'conversation-draft');
});

test('a high-severity watchlist alert offers to pause all publishing, and pausing works', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  await kairos.invoke('watchlist.add', { term: 'recall', severity: 'high' });
  const { post } = await kairos.invoke('posts.create', {
    text: 'What the #recall means for you',
    accountIds: [account.id],
    when: { kind: 'instant', at: Date.now() + 30 * 60_000, timeZone: 'UTC' },
  });
  // A check window longer than the wait makes the pre-flight check run at once and hold the post.
  await kairos.invoke('conversation.settings.set', { preflightMinutes: 60 });

  await openView(page, 'Calendar');
  await showMonthOf(page, new Date(Date.now() + 30 * 60_000).toISOString().slice(0, 10));
  await page.getByText('What the #recall means for you').first().click();
  const panel = page.getByRole('complementary', { name: 'Current conversation' });
  const alert = panel.getByRole('alert').filter({ hasText: 'recall' }).first();
  await expect(alert).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Send anyway' })).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, 'conversation-alert');

  await alert.getByRole('button', { name: 'Pause all publishing' }).click();
  await expect(page.getByRole('alert', { name: /^Publishing paused: High-severity watchlist alert for “recall”/ })).toBeVisible();
  // The alert's term is the reason everyone sees (banner, tray, CLI).
  expect((await kairos.invoke('engine.status', {})).paused?.reason).toBe('High-severity watchlist alert for “recall”');
  const { post: held } = await kairos.invoke('posts.get', { id: post.id });
  expect(held.status).toBe('held');
  expect(discord.messages).toHaveLength(0);
  await panel.scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, 'conversation-paused');
});

test('a high-severity alert reaches the user on any view, with the crisis brake on it', async ({ app: page, discord, kairos }) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'c');
  await openView(page, 'Queue');
  await kairos.invoke('watchlist.add', { term: 'outage', severity: 'high' });
  await kairos.invoke('posts.create', {
    text: 'Service update #outage',
    accountIds: [account.id],
    when: { kind: 'instant', at: Date.now() + 30 * 60_000, timeZone: 'UTC' },
  });
  // The pre-flight check runs at once when its window is longer than the wait, holds the post and raises the alert.
  await kairos.invoke('conversation.settings.set', { preflightMinutes: 60 });

  const notice = page.getByRole('region', { name: 'Notifications' }).locator('.toast').filter({ hasText: '“outage”' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Pause all publishing' }).click();
  await expect
    .poll(async () => (await kairos.invoke('engine.status', {})).paused?.reason)
    .toBe('High-severity watchlist alert for “outage”');
  expect(discord.messages).toHaveLength(0);
});

test('Settings holds the panel’s holiday calendars, brand names, pre-flight check and awareness days', async ({ app: page, kairos }) => {
  await openView(page, 'Settings');
  const section = page.getByRole('region', { name: 'Conversation and pre-flight' });
  await section.getByRole('combobox', { name: 'Add country' }).selectOption('US');
  await section.getByRole('button', { name: 'Add country' }).click();
  await expect(section.getByText('United States')).toBeVisible();
  await expect.poll(async () => (await kairos.invoke('conversation.settings.get', {})).countries).toEqual(['US']);

  await section.getByLabel('Brand names').fill('Kairos, Acme Studio');
  await section.getByLabel('Check each post before it goes out').check();
  await section.getByLabel('Minutes before publishing').fill('45');
  await section.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(section.getByText('Saved.')).toBeVisible();
  const saved = await kairos.invoke('conversation.settings.get', {});
  expect(saved).toMatchObject({ brandNames: ['Kairos', 'Acme Studio'], preflightEnabled: true, preflightMinutes: 45 });

  await section.getByLabel('Name', { exact: true }).fill('Founders’ day');
  await section.getByLabel('Date (month and day)').fill('13-40');
  await section.getByRole('button', { name: 'Add day' }).click();
  await expect(section.getByText('Pick a month and a day, for example 06-19.')).toBeVisible();
  await section.getByLabel('Date (month and day)').fill('06-19');
  await section.getByRole('button', { name: 'Add day' }).click();
  await expect(section.getByText('Founders’ day')).toBeVisible();
  await expect(section.getByText('June 19')).toBeVisible();
  expect((await kairos.invoke('conversation.awareness.list', {})).map((d) => d.name)).toEqual(['Founders’ day']);
});
