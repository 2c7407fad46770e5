// The crisis brake from the UI: pause with a reason, see it on every view, nothing goes out, and resuming asks post by post.

import { connectDiscord, expect, expectNoSeriousA11yViolations, keepScreenshot, openView, test } from '../support/fixtures';

// The app's CSP refuses injected scripts, as it should; only these checks lift it, to load axe-core.
test.use({ bypassCSP: true });

test('pause all publishing, a due post is held and not sent, then resume and publish it exactly once', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  await openView(page, 'Calendar');

  // Pause from the sidebar, with a reason and no automatic end.
  await page.locator('.sidebar').getByRole('button', { name: 'Pause all publishing' }).click();
  const pauseDialog = page.getByRole('dialog', { name: 'Pause all publishing' });
  await expect(pauseDialog.getByLabel('Reason')).toBeFocused();
  // Pausing without a reason is refused next to the field.
  await pauseDialog.getByRole('button', { name: 'Pause publishing' }).click();
  await expect(pauseDialog.getByText('Say why publishing is paused; everyone using Kairos will see it.')).toBeVisible();
  await pauseDialog.getByLabel('Reason').fill('Venue flooded, statement pending');
  await pauseDialog.getByRole('button', { name: 'Pause publishing' }).click();
  await expect(pauseDialog).toBeHidden();

  const banner = page.getByRole('alert', { name: 'Publishing paused: Venue flooded, statement pending — until you resume it' });
  await expect(banner).toBeVisible();
  expect((await kairos.invoke('engine.status', {})).paused?.reason).toBe('Venue flooded, statement pending');
  await expectNoSeriousA11yViolations(page, testInfo, 'crisis-brake-banner');

  // A post comes due during the pause: it is held, with the pause's reason, and nothing reaches Discord.
  const text = `Doors open at six — e2e ${Date.now()}`;
  const { post } = await kairos.invoke('posts.create', {
    text,
    accountIds: [account.id],
    when: { kind: 'instant', at: Date.now() + 2_000, timeZone: 'UTC' },
  });
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.status, { timeout: 20_000 }).toBe('held');
  const chip = page.getByRole('grid').getByRole('button', { name: new RegExp(text.slice(0, 20)) });
  await expect(chip).toHaveAttribute('data-status', 'held');
  await expect(page.locator('.sidebar').getByRole('button', { name: /Attention/ })).toContainText('1');
  expect(discord.messages).toHaveLength(0);
  await keepScreenshot(page, testInfo, 'crisis-brake-calendar');

  // The Attention list has it under Held, and opens to what settles it.
  await page
    .locator('.sidebar')
    .getByRole('button', { name: /Attention/ })
    .click();
  const attention = page.getByRole('dialog', { name: 'Needs attention' });
  const heldRow = attention.getByRole('list', { name: 'Held' }).getByRole('listitem').filter({ hasText: text });
  await heldRow.getByRole('button', { name: 'What to do' }).click();
  await expect(heldRow.getByRole('button', { name: 'Send now' })).toBeVisible();
  await expect(heldRow.getByRole('button', { name: 'Discard' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, testInfo, 'crisis-brake-attention');
  await keepScreenshot(page, testInfo, 'crisis-brake-attention');
  await attention.getByRole('button', { name: 'Close' }).last().click();
  await expect(attention).toBeHidden();

  // The banner follows to other views.
  await openView(page, 'Queue');
  await expect(banner).toBeVisible();
  await keepScreenshot(page, testInfo, 'crisis-brake-queue');

  // Resume: nothing is sent by resuming; the review lists what came due.
  await banner.getByRole('button', { name: 'Resume publishing' }).click();
  await expect(banner).toBeHidden();
  const review = page.getByRole('dialog', { name: 'Came due during the pause' });
  const row = review.getByRole('listitem').filter({ hasText: text });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Publishing was paused');
  await expect(row).toContainText('Venue flooded, statement pending');
  await expect(row.getByRole('button', { name: 'Reschedule…' })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Discard' })).toBeVisible();
  expect(discord.messages).toHaveLength(0);
  expect((await kairos.invoke('posts.get', { id: post.id })).post.status).toBe('held');
  await expectNoSeriousA11yViolations(page, testInfo, 'crisis-brake-review');
  await keepScreenshot(page, testInfo, 'crisis-brake-review');

  // Publish now: it goes out once, and leaves the review.
  await row.getByRole('button', { name: 'Publish now' }).click();
  await expect(review.getByText('Everything that came due during the pause is settled.')).toBeVisible();
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.status, { timeout: 20_000 }).toBe('published');
  expect(discord.messages).toHaveLength(1);
  expect(discord.messages[0]?.content).toBe(text);
  await review.getByRole('button', { name: 'Close' }).first().click();
  await expect(review).toBeHidden();

  // Its history reads as words, not as the engine's codes.
  await openView(page, 'Calendar');
  await chip.click();
  const peek = page.getByRole('complementary', { name: 'Selected post and conversation' });
  await expect(peek.getByText('Sent now on request')).toBeVisible();
  await expect(chip).toHaveAttribute('data-status', 'published');
  expect(discord.messages).toHaveLength(1);
});

test('pause one account from the Accounts page, with its own banner, and resume it there', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await openView(page, 'Accounts');
  const row = page.getByRole('list', { name: 'Connected accounts' }).getByRole('listitem').filter({ hasText: 'Community' });
  await row.getByRole('button', { name: 'Pause publishing to Community' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause publishing to Community' });
  await dialog.getByLabel('Reason').fill('Moderators away');
  // An automatic end, typed as a wall time in the app's zone (UTC here): the suggestion is about an hour ahead.
  await dialog.getByLabel('Resume by itself at a set time').check();
  await expect(dialog.getByText('Times in UTC.')).toBeVisible();
  const resumeDate = await dialog.getByLabel('Resume date').inputValue();
  const resumeTime = await dialog.getByLabel('Resume time').inputValue();
  await dialog.getByRole('button', { name: 'Pause this account' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole('alert', { name: /^Community paused: Moderators away — until .+ UTC$/ })).toBeVisible();
  await expect(row.getByText('Publishing paused: Moderators away')).toBeVisible();
  const status = await kairos.invoke('engine.status', {});
  expect(status.paused).toBeNull();
  expect(status.pausedAccounts.map((p) => [p.reason, p.resumeAt])).toEqual([
    ['Moderators away', Date.parse(`${resumeDate}T${resumeTime}:00Z`)],
  ]);
  // The banner and the Accounts page in the dark theme too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, testInfo, 'crisis-brake-account-dark');
  await keepScreenshot(page, testInfo, 'crisis-brake-account');

  await row.getByRole('button', { name: 'Resume publishing to Community' }).click();
  await expect(page.getByRole('alert', { name: /^Community paused/ })).toBeHidden();
  expect((await kairos.invoke('engine.status', {})).pausedAccounts).toEqual([]);
});
