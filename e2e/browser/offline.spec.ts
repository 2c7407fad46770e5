// Offline drafting in browser mode: with Discord unreachable, "Post now" waits, the banner counts it, and it goes out once on return.

import type { Page } from '@playwright/test';
import { expect, keepScreenshot, openView, test } from '../support/fixtures';
import type { KairosServer } from '../support/kairos';
import { startKairos } from '../support/kairos';
import { addDaysTo, openQuickPost, wallIn } from '../support/quickPost';

const WAITING_WORDS = /^Waiting for the network/;

/** The offline banner, found by its title (the banner is a region named by it). */
const offlineBanner = (page: Page, waiting: number) =>
  page.getByRole('alert', { name: `Offline: ${waiting} ${waiting === 1 ? 'post' : 'posts'} waiting` });

async function postNowFromQuickPost(page: Page, text: string): Promise<void> {
  await openQuickPost(page);
  await page.getByLabel('What do you want to say?').fill(text);
  await page.getByRole('checkbox', { name: 'Community' }).check();
  await page.getByRole('button', { name: 'Post now' }).click();
}

/** A Discord account whose webhook is reached through the relay, then the relay unplugged: the network is gone. */
async function connectThenGoOffline(
  kairos: KairosServer,
  discord: { createWebhook(name: string): string },
  relay: { via(url: string): string; unplug(): Promise<void> },
): Promise<void> {
  await kairos.invoke('accounts.connect', {
    platform: 'discord',
    name: 'Community',
    webhookUrl: relay.via(discord.createWebhook('community')),
  });
  await relay.unplug();
}

async function targetStatus(kairos: KairosServer, text: string): Promise<string | undefined> {
  const post = (await kairos.invoke('posts.list', {})).find((p) => p.text === text);
  return post?.targets[0]?.status;
}

test('Post now while the networks are unreachable waits, is counted in the banner, and goes out once when they are back', async ({
  app: page,
  discord,
  discordRelay,
  kairos,
}, testInfo) => {
  await connectThenGoOffline(kairos, discord, discordRelay);

  const text = 'Written on the train, sent whenever we are back';
  await postNowFromQuickPost(page, text);
  const outcome = page.getByRole('status').filter({ hasText: WAITING_WORDS });
  await expect(outcome).toBeVisible();
  await expect(offlineBanner(page, 1)).toBeVisible();
  await keepScreenshot(page, testInfo, 'offline-quick-post-waiting');
  expect(discord.messages).toHaveLength(0);

  // The whole app says so, and writing and scheduling keep working meanwhile.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  await expect(offlineBanner(page, 1)).toBeVisible();
  await page.getByRole('button', { name: 'New post' }).first().click();
  const composer = page.getByRole('dialog', { name: 'New post' });
  await composer.getByLabel('Text').fill('Idea jotted down offline');
  await composer.getByRole('button', { name: 'Save draft' }).click();
  await expect(composer).toBeHidden();
  await openView(page, 'Drafts');
  await expect(page.getByRole('list', { name: 'Drafts' }).getByRole('button', { name: /Idea jotted down offline/ })).toBeVisible();
  await keepScreenshot(page, testInfo, 'offline-banner');
  // Scheduling works offline too; a post due tomorrow is not "waiting", so the count stays at one.
  await page.getByRole('button', { name: 'Schedule…' }).click();
  const schedule = page.getByRole('dialog', { name: 'Schedule draft' });
  await expect(schedule.getByText('This draft has no accounts yet.')).toBeVisible();
  await schedule.getByRole('button', { name: 'Open in the composer' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit post' });
  await editor.getByRole('checkbox', { name: /Community/ }).check();
  await editor.getByLabel('Date', { exact: true }).fill(addDaysTo(wallIn(Date.now(), 'UTC').date, 1));
  await editor.getByLabel('Time', { exact: true }).fill('10:00');
  await editor.getByRole('button', { name: 'Schedule' }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByText('No drafts', { exact: true })).toBeVisible();
  expect((await kairos.invoke('posts.list', {})).find((p) => p.text === 'Idea jotted down offline')?.status).toBe('scheduled');
  await expect(offlineBanner(page, 1)).toBeVisible();
  expect(['scheduled', 'retrying']).toContain(await targetStatus(kairos, text));
  expect(discord.messages).toHaveLength(0);

  // Back online: "Retry now" checks at once instead of waiting out the backoff; the post goes out exactly once.
  await discordRelay.plugIn();
  // On a slow machine the app's own next check may come first and take the banner away before the click lands;
  // either way the banner goes and the post goes out once ("Retry now" while still offline has its own test below).
  await offlineBanner(page, 1)
    .getByRole('button', { name: 'Retry now' })
    .click({ timeout: 10_000 })
    .catch(() => undefined);
  await expect(page.getByRole('alert', { name: /^Offline/ })).toHaveCount(0);
  await expect.poll(() => targetStatus(kairos, text), { timeout: 20_000 }).toBe('published');
  expect(discord.messages.map((m) => m.content)).toEqual([text]);
  // Nothing else was sent: the post scheduled for tomorrow waits for its time.
  const all = await kairos.invoke('posts.list', {});
  expect(all.find((p) => p.text === 'Idea jotted down offline')?.status).toBe('scheduled');
  expect(discord.messages).toHaveLength(1);
});

test('the quick-post page follows the waiting post to "Published" with its link when the network returns', async ({
  app: page,
  discord,
  discordRelay,
  kairos,
}) => {
  await connectThenGoOffline(kairos, discord, discordRelay);
  await postNowFromQuickPost(page, 'Sent from the quick-post window');
  await expect(page.getByRole('status').filter({ hasText: WAITING_WORDS })).toBeVisible();
  await expect(offlineBanner(page, 1)).toBeVisible();

  await discordRelay.plugIn();
  await offlineBanner(page, 1).getByRole('button', { name: 'Retry now' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Published.' });
  await expect(done).toBeVisible({ timeout: 20_000 });
  await expect(done.getByRole('link', { name: 'Open on Community' })).toHaveAttribute('href', /^https:\/\/discord\.com\/channels\//);
  await expect(page.getByRole('alert', { name: /^Offline/ })).toHaveCount(0);
  expect(discord.messages.map((m) => m.content)).toEqual(['Sent from the quick-post window']);
});

test('"Retry now" while still offline says so and keeps the banner, in English and Italian', async ({
  app: page,
  discord,
  discordRelay,
  kairos,
}) => {
  await connectThenGoOffline(kairos, discord, discordRelay);
  await postNowFromQuickPost(page, 'Still nowhere to go');
  await expect(offlineBanner(page, 1)).toBeVisible();
  await offlineBanner(page, 1).getByRole('button', { name: 'Retry now' }).click();
  await expect(offlineBanner(page, 1).getByText('Still offline. Kairos keeps checking by itself.')).toBeVisible();
  expect(discord.messages).toHaveLength(0);

  // The quick-post window and the banner speak the app's language.
  await kairos.invoke('settings.set', { key: 'locale', value: 'it' });
  await expect(page.getByRole('heading', { level: 1, name: 'Post rapido' })).toBeVisible();
  const banner = page.getByRole('alert', { name: 'Offline: 1 post in attesa' });
  await expect(banner.getByRole('button', { name: 'Riprova ora' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Aggiungi alla coda' })).toBeVisible();
  await expect(page.getByText('Ctrl+Invio pubblica subito, Esc chiude', { exact: false })).toBeVisible();
});

test('a crash while offline loses nothing: after a restart the draft and the waiting post are there, and it goes out once', async ({
  app: page,
  discord,
  discordRelay,
  kairos,
}, testInfo) => {
  await connectThenGoOffline(kairos, discord, discordRelay);
  const waitingText = 'Posted during the outage';
  await postNowFromQuickPost(page, waitingText);
  await expect(offlineBanner(page, 1)).toBeVisible();
  await page.getByLabel('What do you want to say?').fill('A draft saved during the outage');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved in Drafts & ideas.' })).toBeVisible();

  await kairos.crash();
  const restarted = await startKairos({ dataDir: kairos.dataDir });
  try {
    await page.goto(restarted.openUrl);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // Still offline after the restart: the new process finds out by itself and counts the same post.
    await expect(offlineBanner(page, 1)).toBeVisible();
    await openView(page, 'Drafts');
    await expect(page.getByRole('list', { name: 'Drafts' }).getByRole('button', { name: /A draft saved during the outage/ })).toBeVisible();
    await keepScreenshot(page, testInfo, 'offline-after-crash');
    expect(['scheduled', 'retrying']).toContain(await targetStatus(restarted, waitingText));
    expect(discord.messages).toHaveLength(0);

    await discordRelay.plugIn();
    await offlineBanner(page, 1).getByRole('button', { name: 'Retry now' }).click();
    await expect(page.getByRole('alert', { name: /^Offline/ })).toHaveCount(0);
    await expect.poll(() => targetStatus(restarted, waitingText), { timeout: 20_000 }).toBe('published');
    expect(discord.messages.map((m) => m.content)).toEqual([waitingText]);
    expect((await restarted.invoke('posts.list', { unscheduled: true })).map((p) => [p.text, p.status])).toEqual([
      ['A draft saved during the outage', 'draft'],
    ]);
  } finally {
    await restarted.stop();
  }
});
