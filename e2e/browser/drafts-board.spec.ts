// The Drafts & ideas board: every unscheduled draft as a card, found by text or label, opened, dragged onto a day or scheduled.

import { connectDiscord, expect, expectNoSeriousA11yViolations, keepScreenshot, openView, test } from '../support/fixtures';
import { addDaysTo, dragOnto, instantOfWallIn, wallIn } from '../support/quickPost';

// axe is injected as a script, which the app's Content-Security-Policy would rightly refuse.
test.use({ bypassCSP: true });

test('drafts are searchable by text and label, open in the composer, and are scheduled by drag or by "Schedule…"', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const draft = async (text: string, labels: string[]) =>
    (await kairos.invoke('posts.create', { text, accountIds: [account.id], labels, when: { kind: 'draft' } })).post;
  const spring = await draft('Spring menu tasting: five new plates', ['ideas', 'food']);
  const video = await draft('Behind the scenes with the kitchen crew', ['video']);
  const cafe = await draft('Café hours change next week', []);
  // A scheduled post is not a draft and stays off the board.
  await kairos.invoke('posts.create', {
    text: 'Already planned',
    accountIds: [account.id],
    when: { kind: 'instant', at: Date.now() + 3 * 86_400_000, timeZone: 'UTC' },
  });

  await openView(page, 'Drafts');
  await expect(page.getByRole('heading', { level: 1, name: 'Drafts & ideas' })).toBeVisible();
  const cards = page.getByRole('list', { name: 'Drafts' });
  await expect(cards.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByText('3 drafts', { exact: true })).toBeVisible();
  await keepScreenshot(page, testInfo, 'drafts-board');
  await expectNoSeriousA11yViolations(page, testInfo, 'drafts-board');

  // Text search ignores case and accents; a label's name is searchable too.
  const search = page.getByRole('searchbox', { name: 'Search drafts' });
  await search.fill('cafe');
  await expect(cards.getByRole('listitem')).toHaveCount(1);
  await expect(cards.getByRole('button', { name: /Café hours change/ })).toBeVisible();
  await expect(page.getByText('1 of 3 drafts')).toBeVisible();
  await search.fill('VIDEO');
  await expect(cards.getByRole('listitem')).toHaveCount(1);
  await expect(cards.getByRole('button', { name: /Behind the scenes/ })).toBeVisible();
  await search.fill('nothing like this');
  await expect(page.getByText('No drafts match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and labels' }).click();
  await expect(cards.getByRole('listitem')).toHaveCount(3);

  // The label filter: pressing "ideas" keeps the drafts that carry it.
  const ideas = page.getByRole('group', { name: 'Show labels' }).getByRole('button', { name: /ideas/ });
  await ideas.click();
  await expect(ideas).toHaveAttribute('aria-pressed', 'true');
  await expect(cards.getByRole('listitem')).toHaveCount(1);
  await expect(cards.getByRole('button', { name: /Spring menu tasting/ })).toContainText('food');
  await ideas.click();
  await expect(cards.getByRole('listitem')).toHaveCount(3);

  // A card opens in the composer with what was written.
  await cards.getByRole('button', { name: /Behind the scenes/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit post' });
  await expect(editor.getByLabel('Text')).toHaveValue('Behind the scenes with the kitchen crew');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // Dragged onto a day, a draft is scheduled that day at 9:00 in the app's zone (UTC) and leaves the board.
  const inTwoDays = addDaysTo(wallIn(Date.now(), 'UTC').date, 2);
  const day = page.locator(`.drop-day[data-drop-date="${inTwoDays}"]`);
  await dragOnto(page, cards.getByRole('button', { name: /Spring menu tasting/ }), day);
  await expect(cards.getByRole('button', { name: /Spring menu tasting/ })).toHaveCount(0);
  await expect
    .poll(async () => (await kairos.invoke('posts.get', { id: spring.id })).post.scheduledAt)
    .toBe(instantOfWallIn(inTwoDays, '09:00', 'UTC'));
  expect((await kairos.invoke('posts.get', { id: spring.id })).post.status).toBe('scheduled');
  // The day now says it has a post.
  await expect(day.locator('.drop-day__count')).toHaveText('•1');

  // "Schedule…" does the same from the keyboard, at a chosen time.
  const inFiveDays = addDaysTo(wallIn(Date.now(), 'UTC').date, 5);
  await cards.getByRole('listitem').filter({ hasText: 'Café hours change' }).getByRole('button', { name: 'Schedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule draft' });
  await dialog.getByLabel('Date', { exact: true }).fill(inFiveDays);
  await dialog.getByLabel('Time', { exact: true }).fill('14:30');
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(cards.getByRole('listitem')).toHaveCount(1);
  const scheduled = (await kairos.invoke('posts.get', { id: cafe.id })).post;
  expect(scheduled.scheduledAt).toBe(instantOfWallIn(inFiveDays, '14:30', 'UTC'));
  expect(scheduled.status).toBe('scheduled');

  expect((await kairos.invoke('posts.get', { id: video.id })).post.status).toBe('draft');
  expect(discord.messages).toHaveLength(0);
});

test('a draft without accounts is sent to the composer to pick them before it can be scheduled', async ({ app: page, kairos }) => {
  await kairos.invoke('posts.create', { text: 'Loose idea: a quiz night', accountIds: [], labels: ['ideas'], when: { kind: 'draft' } });
  await openView(page, 'Drafts');
  await page.getByRole('button', { name: 'Schedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule draft' });
  await expect(dialog.getByText('This draft has no accounts yet.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Open in the composer' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit post' }).getByLabel('Text')).toHaveValue('Loose idea: a quiz night');
});
