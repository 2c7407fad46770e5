// The composer's everyday flows: per-account versions, images with and without a description, threads, autosave across a reload, the queue.

import type { DiscordFake } from '../../main/testing/discordFake';
import { MastodonFake } from '../../main/testing/mastodonFake';
import { connectDiscord, expect, keepScreenshot, test, utcDateAhead } from '../support/fixtures';
import type { KairosServer } from '../support/kairos';

/** Connects a Discord account "Community" and a Mastodon account "Brand" (on a fake server) around a test's steps. */
async function withCommunityAndBrand(
  discord: Pick<DiscordFake, 'createWebhook'>,
  kairos: Pick<KairosServer, 'invoke'>,
  steps: () => Promise<void>,
): Promise<void> {
  const fake = await new MastodonFake({}).start();
  try {
    const user = fake.createUser('alice', 'Alice');
    await connectDiscord(kairos, discord, 'Community', 'community');
    await kairos.invoke('accounts.connect', {
      platform: 'mastodon',
      name: 'Brand',
      instance: fake.origin,
      accessToken: fake.issueToken(user.id),
    });
    await steps();
  } finally {
    await fake.stop();
  }
}

/** A real 4×3 PNG. */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVR4nGM4IScHRww4OQD1xwwxB+utmQAAAABJRU5ErkJggg==',
  'base64',
);

test('an own version for one account that is too long names that account and by how much', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  await withCommunityAndBrand(discord, kairos, async () => {
    await page.getByRole('button', { name: 'New post' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByLabel('Text').fill('A short shared text that fits everywhere.');
    await dialog.getByRole('checkbox', { name: /Community/ }).check();
    await dialog.getByRole('checkbox', { name: /Brand/ }).check();
    await dialog.getByRole('button', { name: 'Own version for Brand' }).click();
    const own = dialog.getByLabel('Version for Brand');
    await expect(own).toHaveValue('A short shared text that fits everywhere.');
    await own.fill('m'.repeat(520));

    await expect(dialog.getByText('Brand: 520 / 500')).toBeVisible();
    await expect(dialog.getByText('Too long for Brand: 520 of 500 characters, 20 over.')).toBeVisible();
    await expect(dialog.getByText('Community: 41 / 2,000')).toBeVisible();
    await expect(dialog.getByText(/Too long for Community/)).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'composer-override-too-long');

    // The backend refuses it for the same reason, and nothing is scheduled.
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await expect(dialog.getByLabel('Text')).toHaveAccessibleDescription(
      /Too long for Brand \(Mastodon\): 520 of 500 characters, 20 over\./,
    );
    expect((await kairos.invoke('posts.list', {})).filter((p) => p.status !== 'draft')).toEqual([]);

    // Back within the limit, it goes out as two different texts.
    await own.fill('Mastodon gets its own words.');
    await dialog.getByLabel('Date', { exact: true }).fill(utcDateAhead(3));
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await expect(dialog).toBeHidden();
    const [post] = await kairos.invoke('posts.list', { statuses: ['scheduled'] });
    expect(post?.text).toBe('A short shared text that fits everywhere.');
    expect(post?.targets.map((t) => t.textOverride).sort()).toEqual(['Mastodon gets its own words.', null].sort());
  });
});

test('an image without a description is flagged, networks that cannot take it say so, and the description is stored', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  await withCommunityAndBrand(discord, kairos, async () => {
    await page.getByRole('button', { name: 'New post' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByLabel('Text').fill('The new office, first look');
    await dialog.getByRole('checkbox', { name: /Brand/ }).check();
    await dialog.getByLabel('Add image or video').setInputFiles({ name: 'office.png', mimeType: 'image/png', buffer: TINY_PNG });

    const item = dialog.locator('.media-item');
    await expect(item.locator('img')).toBeVisible();
    await expect(dialog.getByText('1 image has no description yet.', { exact: false })).toBeVisible();
    await expect(item).toContainText('No description yet');
    await keepScreenshot(page, testInfo, 'composer-image-without-alt');

    // Discord takes text only: the check before scheduling says so next to that account.
    await dialog.getByRole('checkbox', { name: /Community/ }).check();
    const discordRow = dialog.locator('.target-row', { hasText: 'Community' });
    await expect(discordRow).toContainText('remove the media for this account');
    await dialog.getByRole('checkbox', { name: /Community/ }).uncheck();

    await dialog.getByLabel('Description', { exact: true }).fill('Desks by a tall window, plants on the sills');
    await expect(dialog.getByText('1 image has no description yet.', { exact: false })).toHaveCount(0);
    await expect(item.getByText('ALT')).toBeVisible();
    await dialog.getByLabel('Date', { exact: true }).fill(utcDateAhead(2));
    await keepScreenshot(page, testInfo, 'composer-image-with-alt');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await expect(dialog).toBeHidden();

    const [post] = await kairos.invoke('posts.list', { statuses: ['scheduled'] });
    expect(post?.media.map((m) => [m.fileName, m.alt])).toEqual([['office.png', 'Desks by a tall window, plants on the sills']]);
  });
});

test('a thread of three parts is built, counted per part and stored in order', async ({ app: page, discord, kairos }, testInfo) => {
  await withCommunityAndBrand(discord, kairos, async () => {
    await page.getByRole('button', { name: 'New post' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByLabel('Text').fill('1/3 How we plan a launch week.');
    await dialog.getByRole('checkbox', { name: /Brand/ }).check();
    await dialog.getByRole('button', { name: 'Add a part' }).click();
    await dialog.getByLabel('Part 2', { exact: true }).fill('2/3 Monday: the teaser.');
    await dialog.getByRole('button', { name: 'Add a part' }).click();
    await dialog.getByLabel('Part 3', { exact: true }).fill('3/3 Friday: the big launch.');
    await expect(dialog.getByText('Brand 23/500')).toBeVisible();
    await expect(dialog.getByText('Brand 27/500')).toBeVisible();
    await expect(dialog.getByText(/A thread of 3 parts/)).toBeVisible();
    await expect(dialog.locator('.preview__post')).toHaveCount(3);

    // Discord webhooks cannot thread: picking it says so before anything is scheduled.
    await dialog.getByRole('checkbox', { name: /Community/ }).check();
    await expect(dialog.locator('.target-row', { hasText: 'Community' })).toContainText('threads are not supported');
    await dialog.getByRole('checkbox', { name: /Community/ }).uncheck();

    await dialog.getByLabel('Date', { exact: true }).fill(utcDateAhead(4));
    await keepScreenshot(page, testInfo, 'composer-thread');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await expect(dialog).toBeHidden();

    const [post] = await kairos.invoke('posts.list', { statuses: ['scheduled'] });
    expect([post?.text, ...(post?.parts ?? [])]).toEqual([
      '1/3 How we plan a launch week.',
      '2/3 Monday: the teaser.',
      '3/3 Friday: the big launch.',
    ]);
  });
});

test('what is being typed survives a reload, and becomes a draft in the database', async ({ app: page, discord, kairos }, testInfo) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: /post/ });
  await dialog.getByLabel('Text').pressSequentially('Half-written thought about', { delay: 10 });
  // Reloaded mid-typing, before any autosave had a chance to finish.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(dialog.getByLabel('Text')).toHaveValue('Half-written thought about');
  await expect(dialog.getByText(/nothing was lost/)).toBeVisible();
  await keepScreenshot(page, testInfo, 'composer-restored');

  await dialog.getByLabel('Text').pressSequentially(' our spring plans');
  await expect(dialog.getByText('Draft saved', { exact: true })).toBeVisible();
  const drafts = await kairos.invoke('posts.list', { unscheduled: true });
  expect(drafts.map((p) => [p.text, p.status])).toEqual([['Half-written thought about our spring plans', 'draft']]);

  // Closing keeps it as a draft; it is in Drafts and the calendar's tray.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Unscheduled drafts' }).getByRole('button', { name: /Half-written thought/ })).toBeVisible();
});

test('Schedule on a draft autosave made sends the edits typed since with it: its history is the draft, then one line', async ({
  app: page,
  discord,
  kairos,
}) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByRole('checkbox', { name: /Community/ }).check();
  await dialog.getByLabel('Text').fill('Launch notes');
  await expect(dialog.getByText('Draft saved', { exact: true })).toBeVisible();
  // Typed, then Schedule at once: the edit has not been autosaved yet.
  await dialog.getByLabel('Text').press('End');
  await dialog.getByLabel('Text').pressSequentially(' are out');
  await dialog.getByLabel('Date', { exact: true }).fill(utcDateAhead(3));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();

  const [post] = await kairos.invoke('posts.list', { statuses: ['scheduled'] });
  expect(post?.text).toBe('Launch notes are out');
  const { history } = await kairos.invoke('posts.get', { id: post?.id ?? '' });
  expect(history.map((h) => [h.kind, h.detail])).toEqual([
    ['created as draft', null],
    ['scheduled', new Date(post?.scheduledAt ?? 0).toISOString()],
  ]);
});

test('Add to queue takes the next free posting slot of the account', async ({ app: page, discord, kairos }) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const slot = await kairos.invoke('queue.nextSlot', { accountIds: [account.id] });
  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByLabel('Text').fill('Evergreen tip of the day');
  await dialog.getByRole('checkbox', { name: /Community/ }).check();
  await expect(dialog.getByText(/would take the next free slot/)).toBeVisible();
  await expect(dialog.getByText('Draft saved', { exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: 'Add to queue' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Added to the queue for');
  const [post] = await kairos.invoke('posts.list', { statuses: ['scheduled'] });
  expect(post?.scheduledAt).toBe(slot.at);
  // The draft autosave made, then the one call that picked the slot and took it.
  const { history } = await kairos.invoke('posts.get', { id: post?.id ?? '' });
  expect(history.map((h) => h.kind)).toEqual(['created as draft', 'scheduled']);

  // The next one takes the slot after it.
  const next = await kairos.invoke('queue.nextSlot', { accountIds: [account.id] });
  expect(next.at).toBeGreaterThan(slot.at);
});
