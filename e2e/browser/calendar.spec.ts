// The calendar as a planner uses it: create from an empty slot, drag to reschedule and undo, move with the keyboard, delete with undo, schedule a draft by dragging.

import type { Locator, Page } from '@playwright/test';
import { addDaysIso, connectDiscord, expect, keepScreenshot, mondayAhead, showCalendar, test, utcAt } from '../support/fixtures';

/** The pixels per minute of the time grid (48 px an hour). */
const MINUTE_PX = 0.8;

/** Drags with the mouse in small steps, as a hand would, so the app sees a drag and not a click. */
async function dragTo(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  const box = await from.boundingBox();
  if (!box) throw new Error('The post to drag is not on screen.');
  await page.mouse.move(box.x + box.width / 2, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 8, box.y + 14, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

/** Where a wall time sits in a day column of the week or day grid. */
async function slotPoint(page: Page, date: string, minutes: number): Promise<{ x: number; y: number }> {
  const column = page.locator(`td[data-date="${date}"] .timegrid__slots`);
  const box = await column.boundingBox();
  if (!box) throw new Error(`The column of ${date} is not on screen.`);
  return { x: box.x + box.width / 2, y: box.y + minutes * MINUTE_PX + 2 };
}

test('clicking an empty slot in the day view creates a post at that time', async ({ app: page, discord, kairos }, testInfo) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  const day = mondayAhead(2);
  await showCalendar(page, 'Day', day);

  await page.locator(`td[data-date="${day}"] .timegrid__slots`).click({ position: { x: 40, y: 10 * 60 * MINUTE_PX + 3 } });
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await expect(dialog.getByLabel('Date', { exact: true })).toHaveValue(day);
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('10:00');
  await dialog.getByLabel('Text').fill('Coffee with the community at ten');
  await dialog.getByRole('checkbox', { name: /Community/ }).check();
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();

  const chip = page.locator(`td[data-date="${day}"]`).getByRole('button', { name: /Coffee with the community/ });
  await expect(chip).toBeVisible();
  await expect(chip).toContainText('10:00 AM');
  const [post] = await kairos.invoke('posts.list', { statuses: ['scheduled'] });
  expect(post?.scheduledAt).toBe(utcAt(day, '10:00'));
  expect(post?.text).toBe('Coffee with the community at ten');
  await keepScreenshot(page, testInfo, 'calendar-created-from-slot');
});

test('dragging a post in the week view moves it in 5-minute steps, and Undo moves it back', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const monday = mondayAhead(2);
  const tuesday = addDaysIso(monday, 1);
  const { post } = await kairos.invoke('posts.create', {
    text: 'Weekly roundup',
    accountIds: [account.id],
    when: { kind: 'instant', at: utcAt(monday, '10:00'), timeZone: 'UTC' },
  });
  await showCalendar(page, 'Week', monday);
  const chip = page.getByRole('grid').getByRole('button', { name: /Weekly roundup/ });
  await expect(chip).toBeVisible();

  await dragTo(page, chip, await slotPoint(page, tuesday, 11 * 60 + 35));
  // The move shows at once, in the new column, before the backend has answered.
  await expect(page.locator(`td[data-date="${tuesday}"]`).getByRole('button', { name: /Weekly roundup/ })).toContainText('11:35 AM');
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.scheduledAt).toBe(utcAt(tuesday, '11:35'));
  const toast = page.getByRole('region', { name: 'Notifications' });
  await expect(toast).toContainText('Moved to Tue');
  await keepScreenshot(page, testInfo, 'calendar-dragged');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator(`td[data-date="${monday}"]`).getByRole('button', { name: /Weekly roundup/ })).toContainText('10:00 AM');
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.scheduledAt).toBe(utcAt(monday, '10:00'));
  const { history } = await kairos.invoke('posts.get', { id: post.id });
  expect(history.filter((h) => h.kind === 'rescheduled')).toHaveLength(2);
});

test('a selected post moves with the arrow keys, "Move to…" and Delete with Undo', async ({ app: page, discord, kairos }) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const monday = mondayAhead(2);
  const { post } = await kairos.invoke('posts.create', {
    text: 'Keyboard planner',
    accountIds: [account.id],
    when: { kind: 'instant', at: utcAt(monday, '10:00'), timeZone: 'UTC' },
  });
  await showCalendar(page, 'Week', monday);
  const chip = page.getByRole('grid').getByRole('button', { name: /Keyboard planner/ });
  await chip.click();
  await expect(page.getByRole('dialog', { name: 'Post' })).toBeVisible();

  // Two days later and half an hour earlier, then drop with Enter.
  await chip.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator(`td[data-date="${addDaysIso(monday, 2)}"]`).getByRole('button', { name: /Keyboard planner/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.scheduledAt)
    .toBe(utcAt(addDaysIso(monday, 2), '09:30'));

  // "r" asks for a date and time.
  await page.keyboard.press('r');
  const moveTo = page.getByRole('dialog', { name: 'Move to' });
  await moveTo.getByLabel('Date', { exact: true }).fill(addDaysIso(monday, 4));
  await moveTo.getByLabel('Time', { exact: true }).fill('16:45');
  await moveTo.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(moveTo).toBeHidden();
  await expect
    .poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.scheduledAt)
    .toBe(utcAt(addDaysIso(monday, 4), '16:45'));

  // Delete waits for its Undo: undone, the post is back and was never deleted.
  const moved = page.getByRole('grid').getByRole('button', { name: /Keyboard planner/ });
  await moved.focus();
  await page.keyboard.press('Delete');
  await expect(moved).toBeHidden();
  const toasts = page.getByRole('region', { name: 'Notifications' });
  await toasts.getByRole('button', { name: 'Undo' }).last().click();
  await expect(moved).toBeVisible();
  expect((await kairos.invoke('posts.list', {})).map((p) => p.id)).toEqual([post.id]);

  // Deleted again and the notice dismissed: now it is gone from the database too.
  await moved.focus();
  await page.keyboard.press('Delete');
  await expect(toasts.getByText('Post deleted.')).toBeVisible();
  await toasts.locator('.toast', { hasText: 'Post deleted.' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(async () => (await kairos.invoke('posts.list', {})).length).toBe(0);
});

test('a published post cannot be dragged', async ({ app: page, discord, kairos }) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const { post } = await kairos.invoke('posts.create', { text: 'Already out', accountIds: [account.id], when: { kind: 'now' } });
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.status, { timeout: 20_000 }).toBe('published');
  const chip = page.getByRole('grid').getByRole('button', { name: /Already out/ });
  await expect(chip).toHaveAttribute('data-status', 'published');
  await chip.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Published posts cannot be moved.')).toBeAttached();
  const box = await chip.boundingBox();
  if (!box) throw new Error('no chip');
  await dragTo(page, chip, { x: box.x + box.width * 1.5, y: box.y + 40 });
  expect((await kairos.invoke('posts.get', { id: post.id })).post.scheduledAt).toBe(post.scheduledAt);
});

test('an unscheduled draft dragged from the sidebar onto a day is scheduled there', async ({ app: page, discord, kairos }, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const { post } = await kairos.invoke('posts.create', { text: 'Idea for later', accountIds: [account.id], when: { kind: 'draft' } });
  const monday = mondayAhead(1);
  await showCalendar(page, 'Month', monday);
  const draft = page.getByRole('list', { name: 'Unscheduled drafts' }).getByRole('button', { name: /Idea for later/ });
  await expect(draft).toBeVisible();
  await keepScreenshot(page, testInfo, 'calendar-drafts-tray');

  const target = page.locator(`td[data-date="${addDaysIso(monday, 2)}"]`);
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error('The target day is not on screen.');
  await dragTo(page, draft, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  await expect(target.getByRole('button', { name: /Idea for later/ })).toBeVisible();
  await expect(draft).toBeHidden();
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: post.id })).post.status).toBe('scheduled');
  expect((await kairos.invoke('posts.get', { id: post.id })).post.scheduledAt).toBe(utcAt(addDaysIso(monday, 2), '09:00'));
});

test('search finds words past what a post shows, in the month and the list, and the post opens in full', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const monday = mondayAhead(1);
  const day = addDaysIso(monday, 1);
  const long = `Weekly update from the team. ${'We keep planning the season together. '.repeat(6)}Perché the raffle closes Friday.`;
  const at = (time: string) => ({ kind: 'at' as const, wall: { date: day, time, timeZone: 'UTC' } });
  await kairos.invoke('posts.create', { text: long, accountIds: [account.id], when: at('09:00') });
  await kairos.invoke('posts.create', { text: 'Short note about the raffle', accountIds: [account.id], when: at('11:00') });
  await kairos.invoke('posts.create', { text: 'Nothing to do with it', accountIds: [account.id], when: at('13:00') });
  await showCalendar(page, 'Month', monday);
  const cell = page.locator(`td[data-date="${day}"]`);
  await expect(cell.getByRole('button', { name: /Weekly update/ })).toBeVisible();

  // The words are far past the start the calendar draws: the backend looks through the whole text.
  await page.getByRole('searchbox', { name: 'Search posts' }).fill('PERCHE raffle');
  await expect(cell.getByRole('button', { name: /Short note/ })).toBeHidden();
  await expect(cell.getByRole('button', { name: /Nothing to do/ })).toBeHidden();
  const chip = cell.getByRole('button', { name: /Weekly update/ });
  await expect(chip).toBeVisible();
  await expect(page.getByText('No posts match the filters')).toBeHidden();
  await chip.click();
  await expect(page.getByRole('dialog', { name: 'Post' }).getByText(/Perché the raffle closes Friday\./)).toBeVisible();
  await keepScreenshot(page, testInfo, 'calendar-search-month');

  await page.getByRole('searchbox', { name: 'Search posts' }).fill('lottery');
  await expect(page.getByText('No posts match the filters')).toBeVisible();
  await expect(cell.locator('.post-chip')).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Search posts' }).fill('raffle');
  await showCalendar(page, 'List');
  const rows = page.locator('.calendar-body .post-row');
  await expect(rows.filter({ hasText: 'Short note' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Weekly update' })).toBeVisible();
  await expect(rows).toHaveCount(2);
});

test('the week draws only the hours in view, and the keyboard still reaches every post of the active day', async ({
  app: page,
  discord,
  kairos,
}) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const monday = mondayAhead(2);
  const tuesday = addDaysIso(monday, 1);
  const at = (date: string, time: string) => ({ kind: 'instant' as const, at: utcAt(date, time), timeZone: 'UTC' });
  for (const [text, date, time] of [
    ['Night owl note', monday, '01:00'],
    ['Morning plan', monday, '10:00'],
    ['Late recap', monday, '23:30'],
    ['Tuesday late recap', tuesday, '23:30'],
  ] as const) {
    await kairos.invoke('posts.create', { text, accountIds: [account.id], when: at(date, time) });
  }
  await showCalendar(page, 'Week', monday);
  const grid = page.getByRole('grid');
  await expect(grid.getByRole('button', { name: /Morning plan/ })).toBeVisible();
  // The grid opens at 08:00. The active day (Monday) has every post in the page, those far from view named but not
  // drawn in full (no network marks yet); another day has only the posts near the hours in view.
  const mondayLate = grid.getByRole('button', { name: /^11:30 PM Late recap/ });
  await expect(mondayLate).toHaveAccessibleName(/11:30 PM Late recap UTC, Scheduled, Community/);
  await expect(mondayLate).toHaveClass(/is-far/);
  await expect(mondayLate.locator('.mark')).toHaveCount(0);
  const tuesdayLate = grid.getByRole('button', { name: /Tuesday late recap/ });
  await expect(tuesdayLate).toHaveCount(0);

  // Scrolling to the evening draws them in full.
  await page.locator('.timegrid-frame').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(tuesdayLate).toBeVisible();
  await expect(tuesdayLate.locator('.mark--discord')).toHaveCount(1);
  await expect(tuesdayLate).toHaveAccessibleName(/11:30 PM Tuesday late recap UTC, Scheduled, Community/);
  await expect(mondayLate).not.toHaveClass(/is-far/);

  // With the keyboard on Monday, Tab walks through all of Monday's posts, at any hour.
  await page.locator(`td[data-date="${monday}"]`).focus();
  await page.keyboard.press('Tab');
  await expect(grid.getByRole('button', { name: /Night owl note/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(grid.getByRole('button', { name: /Morning plan/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(grid.getByRole('button', { name: /^11:30 PM Late recap/ })).toBeFocused();
  await expect(grid.getByRole('button', { name: /^11:30 PM Late recap/ })).toHaveAccessibleName(/Late recap UTC, Scheduled, Community/);
});

test('a crowded hour in the week shows two posts side by side at most, then "+N" that opens the day with all of them', async ({
  app: page,
  discord,
  kairos,
}) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const monday = mondayAhead(2);
  const tuesday = addDaysIso(monday, 1);
  // Four posts ten minutes apart overlap (each takes 40 minutes of the grid): more than the week's two columns.
  for (const [i, time] of ['10:00', '10:10', '10:20', '10:30'].entries()) {
    await kairos.invoke('posts.create', {
      text: `Crowd post ${i + 1}`,
      accountIds: [account.id],
      when: { kind: 'instant', at: utcAt(tuesday, time), timeZone: 'UTC' },
    });
  }
  await showCalendar(page, 'Week', monday);
  const grid = page.getByRole('grid');
  const column = page.locator(`td[data-date="${tuesday}"]`);
  await expect(column.getByRole('button', { name: /Crowd post 1/ })).toBeVisible();
  await expect(column.getByRole('button', { name: /Crowd post [234]/ })).toHaveCount(0);
  // The count says how many, from when, and what it does; it shows "+3" and its name starts with that.
  const more = column.getByRole('button', { name: /^\+3 more from 10:10 AM: show Tuesday/ });
  await expect(more).toHaveText('+3');
  // The day says all four to screen readers.
  await expect(column).toContainText('4 posts');

  // The keyboard reaches it: Tab from the day goes to its post, then to the count.
  await column.focus();
  await page.keyboard.press('Tab');
  await expect(column.getByRole('button', { name: /Crowd post 1/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(more).toBeFocused();
  await page.keyboard.press('Enter');
  // The day view of that Tuesday, eight columns wide: all four side by side.
  await expect(page.locator('#calendar-title')).toHaveText(/^Tue/);
  await expect(page.locator('td[data-date]')).toHaveCount(1);
  for (const n of [1, 2, 3, 4]) await expect(grid.getByRole('button', { name: new RegExp(`Crowd post ${n}`) })).toBeVisible();
  await expect(grid.getByRole('button', { name: /more from/ })).toHaveCount(0);
});
