// The quick-post page in browser mode: post now with a link back, add to queue on the exact next free slot, save a draft.

import { connectDiscord, expect, keepScreenshot, openView, test } from '../support/fixtures';
import {
  addDaysTo,
  englishDateTime,
  englishTime,
  instantOfWallIn,
  openQuickPost,
  pastePng,
  RED_SQUARE_PNG,
  wallIn,
} from '../support/quickPost';

test('Post now (Ctrl+Enter) publishes once, links to the message, and the accounts are remembered', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const community = await connectDiscord(kairos, discord, 'Community', 'community');
  await connectDiscord(kairos, discord, 'Newsroom', 'news');

  await openQuickPost(page);
  const text = page.getByLabel('What do you want to say?');
  await expect(text).toBeFocused();
  // Two accounts and no earlier choice: nothing is picked for you, and sending says what is missing.
  await expect(page.getByRole('checkbox', { name: 'Community' })).not.toBeChecked();
  await text.fill('Doors open at 7 tonight!');
  await text.press('Control+Enter');
  await expect(page.getByRole('alert')).toHaveText('Pick at least one account.');
  expect(discord.messages).toHaveLength(0);

  await page.getByRole('checkbox', { name: 'Community' }).check();
  // The counter is Discord's own rule, per chosen account.
  await expect(page.getByRole('list', { name: 'Length for each account' })).toHaveText(/Community: 24 \/ 2,000/);
  await text.press('Control+Enter');

  const status = page.getByRole('status').filter({ hasText: 'Published.' });
  await expect(status).toBeVisible();
  const link = status.getByRole('link', { name: 'Open on Community' });
  await expect(link).toHaveAttribute('href', /^https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+$/);
  await expect(text).toHaveValue('');
  await keepScreenshot(page, testInfo, 'quick-post-published');
  expect(discord.messages.map((m) => m.content)).toEqual(['Doors open at 7 tonight!']);
  const [sent] = await kairos.invoke('posts.list', {});
  expect(sent?.status).toBe('published');
  expect(sent?.targets.map((t) => t.accountId)).toEqual([community.id]);

  // The next quick post starts with the same account picked, after a reload too.
  await expect.poll(async () => (await kairos.invoke('app.preferences.get', {})).lastQuickPostAccounts).toEqual([community.id]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Quick post' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Community' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Newsroom' })).not.toBeChecked();

  // Unsent words survive a reload (or a crash of the window).
  await page.getByLabel('What do you want to say?').fill('Half a thought about the');
  await page.reload();
  await expect(page.getByLabel('What do you want to say?')).toHaveValue('Half a thought about the');

  // Esc closes; in a browser tab that means back to the app.
  await page.getByLabel('What do you want to say?').press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  expect(discord.messages).toHaveLength(1);
});

test('a lone account is picked for you only while it is the only one', async ({ app: page, discord, kairos }) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await openQuickPost(page);
  await expect(page.getByRole('checkbox', { name: 'Community' })).toBeChecked();
  // A second account arrives while the window is open: the default no longer holds, so nothing is picked.
  await connectDiscord(kairos, discord, 'Newsroom', 'news');
  await expect(page.getByRole('checkbox', { name: 'Newsroom' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Community' })).not.toBeChecked();
  // What the person ticks stays ticked whatever arrives next.
  await page.getByRole('checkbox', { name: 'Newsroom' }).check();
  await connectDiscord(kairos, discord, 'Support', 'support');
  await expect(page.getByRole('checkbox', { name: 'Support' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Newsroom' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Community' })).not.toBeChecked();
});

test('Add to queue takes the next free slot of the account, read in the account’s own zone', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const zone = 'America/New_York';
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const times = ['07:30', '19:45'];
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  await kairos.invoke('queue.slots.set', {
    accountId: account.id,
    timeZone: zone,
    slots: days.flatMap((day) => times.map((time) => ({ day, time }))),
  });

  // The slots coming up, worked out here from the wall clock in New York; the first one is already taken.
  const now = Date.now();
  const today = wallIn(now, zone).date;
  const upcoming = [0, 1, 2]
    .flatMap((d) => times.map((time) => ({ date: addDaysTo(today, d), time })))
    .map((wall) => ({ wall, at: instantOfWallIn(wall.date, wall.time, zone) }))
    .filter((slot) => slot.at > now + 60_000)
    .sort((a, b) => a.at - b.at);
  const [taken, expected] = upcoming;
  if (!taken || !expected) throw new Error('Expected at least two slots in the next three days.');
  await kairos.invoke('posts.create', {
    text: 'Already in the first slot',
    accountIds: [account.id],
    when: { kind: 'instant', at: taken.at, timeZone: zone },
  });

  await openQuickPost(page);
  await page.getByLabel('What do you want to say?').fill('Weekend opening hours are on the site.');
  await page.getByRole('checkbox', { name: 'Community' }).check();
  await page.getByRole('button', { name: 'Add to queue' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to the queue' })).toHaveText(
    `Added to the queue for ${englishDateTime(expected.wall)} (${zone}).`,
  );
  await keepScreenshot(page, testInfo, 'quick-post-queued');

  const stored = (await kairos.invoke('posts.list', {})).find((p) => p.text === 'Weekend opening hours are on the site.');
  expect(stored?.scheduledAt).toBe(expected.at);
  expect(stored?.timeZone).toBe(zone);
  expect(stored?.status).toBe('scheduled');

  // The queue shows it at that moment, written in the app's zone (UTC), which is not this browser's.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await openView(page, 'Queue');
  const row = page.getByRole('list', { name: 'Up next' }).getByRole('button', { name: /Weekend opening hours/ });
  await expect(row).toContainText(`${englishTime(wallIn(expected.at, 'UTC').time)} UTC`);
  expect(discord.messages).toHaveLength(0);
});

test('Save draft keeps a pasted image with its alt text, and the drafts board finds the draft by search', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await kairos.invoke('posts.create', { text: 'A different idea about autumn', accountIds: [], when: { kind: 'draft' } });

  await openQuickPost(page);
  const text = page.getByLabel('What do you want to say?');
  await text.fill('Poster for the jazz night, final version');
  await pastePng(text, RED_SQUARE_PNG);
  const image = page.getByRole('region', { name: 'Attached image' });
  // The preview is the pasted picture itself, decoded by the browser.
  await expect(image.locator('img')).toHaveJSProperty('naturalWidth', 16);
  // A missing description is nudged, not silently accepted.
  await expect(image.getByText('Add a description so everyone can follow the post.')).toBeVisible();
  await image.getByLabel('Describe the image (alt text)').fill('A red square poster with the date in white');
  await expect(image.getByText('Read aloud to people who cannot see it.')).toBeVisible();
  await keepScreenshot(page, testInfo, 'quick-post-image');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved in Drafts & ideas.' })).toBeVisible();
  await expect(image).toBeHidden();

  const draft = (await kairos.invoke('posts.list', { unscheduled: true })).find((p) => p.text.startsWith('Poster for the jazz night'));
  expect(draft?.status).toBe('draft');
  expect(draft?.media.map((m) => [m.mime, m.alt])).toEqual([['image/png', 'A red square poster with the date in white']]);

  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await openView(page, 'Drafts');
  await expect(page.getByRole('heading', { level: 1, name: 'Drafts & ideas' })).toBeVisible();
  const cards = page.getByRole('list', { name: 'Drafts' });
  await expect(cards.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search drafts' }).fill('jazz poster');
  await expect(cards.getByRole('listitem')).toHaveCount(1);
  await expect(cards.getByRole('button', { name: /Poster for the jazz night/ })).toBeVisible();
  await expect(cards.getByRole('listitem')).toContainText('1 image');
  await expect(page.getByText('1 of 2 drafts')).toBeVisible();
  expect(discord.messages).toHaveLength(0);
});
