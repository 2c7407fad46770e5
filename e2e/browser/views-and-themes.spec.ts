// Zones, languages and themes: the calendar shown in another zone, the UI in Italian, dark mode, and every view in both themes.

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { it as itLocale } from 'date-fns/locale/it';
import {
  addDaysIso,
  connectDiscord,
  expect,
  expectNoSeriousA11yViolations,
  keepScreenshot,
  mondayAhead,
  openView,
  showCalendar,
  test,
  utcAt,
} from '../support/fixtures';

test.use({ bypassCSP: true });

test('the calendar can show another zone without moving any post, and the UI speaks Italian', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  const monday = mondayAhead(2);
  const at = utcAt(monday, '10:00');
  await kairos.invoke('posts.create', { text: 'Zone check', accountIds: [account.id], when: { kind: 'instant', at, timeZone: 'UTC' } });
  await showCalendar(page, 'Week', monday);
  const chip = page.getByRole('grid').getByRole('button', { name: /Zone check/ });
  // The browser runs in Asia/Tokyo, Kairos in UTC: the grid says its zone above the hours, and each post says it to screen readers.
  await expect(chip).toContainText('10:00 AM');
  await expect(chip).toHaveAccessibleName(/10:00 AM.*UTC/);
  await expect(page.locator('.timegrid__zone')).toHaveText('UTC');

  await page.getByText('Times in UTC').click();
  await page.getByLabel('Another zone').fill('America/Los_Angeles');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByText('Times in America/Los_Angeles')).toBeVisible();
  const la = format(new TZDate(at, 'America/Los_Angeles'), 'h:mm a');
  await expect(page.getByRole('grid').getByRole('button', { name: /Zone check/ })).toContainText(la);
  await expect(page.locator('.timegrid__zone')).toHaveText(/^P[SD]T$/);
  await keepScreenshot(page, testInfo, 'calendar-other-zone');
  // Showing another zone changes no post and no setting.
  const [post] = await kairos.invoke('posts.list', {});
  expect(post?.scheduledAt).toBe(at);
  expect((await kairos.invoke('settings.get', {})).timeZone).toBe('UTC');

  await openView(page, 'Settings');
  await page.getByLabel('Language').selectOption('it');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Calendario' })).toBeVisible();
  expect((await kairos.invoke('settings.get', {})).locale).toBe('it');
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');

  await page.getByRole('link', { name: 'Calendario' }).click();
  await page.getByRole('button', { name: 'Mese', exact: true }).click();
  const month = format(new TZDate(Date.now(), 'UTC'), 'MMMM yyyy', { locale: itLocale });
  await page.getByRole('button', { name: 'Oggi' }).click();
  await expect(page.locator('#calendar-title')).toHaveText(month);
  await keepScreenshot(page, testInfo, 'calendar-italian');
});

test('dark mode follows the system, and the setting forces it', async ({ app: page, kairos }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).not.toBe(light);

  await openView(page, 'Settings');
  await page.getByLabel('Dark').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(dark);
  expect((await kairos.invoke('settings.get', {})).theme).toBe('dark');
  await keepScreenshot(page, testInfo, 'settings-dark');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every view, in the ${scheme} theme, with no serious accessibility problems`, async ({ app: page, discord, kairos }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const community = await connectDiscord(kairos, discord, 'Community', 'community');
    const news = await connectDiscord(kairos, discord, 'Newsroom', 'news');
    const monday = mondayAhead(1);
    const plan: readonly [number, string, string, readonly string[]][] = [
      [0, '09:00', 'Monday kickoff: what is coming this week', ['launch']],
      [0, '09:10', 'Behind the scenes of the studio', []],
      [1, '12:30', 'Customer story: a bakery in Turin', ['stories']],
      [2, '17:00', 'Poll: which colour next?', ['launch']],
      [4, '11:15', 'Friday recap', []],
    ];
    for (const [day, time, text, labels] of plan) {
      await kairos.invoke('posts.create', {
        text,
        labels: [...labels],
        accountIds: day % 2 === 0 ? [community.id, news.id] : [community.id],
        when: { kind: 'instant', at: utcAt(addDaysIso(monday, day), time), timeZone: 'UTC' },
      });
    }
    await kairos.invoke('posts.create', { text: 'Someday: the team playlist', accountIds: [community.id], when: { kind: 'draft' } });

    for (const layout of ['Month', 'Week', 'Day', 'List'] as const) {
      await showCalendar(page, layout, layout === 'List' ? undefined : monday);
      await expect(page.getByText('Monday kickoff').first()).toBeVisible();
      await keepScreenshot(page, testInfo, `view-${layout.toLowerCase()}-${scheme}`);
      await expectNoSeriousA11yViolations(page, testInfo, `${layout.toLowerCase()}-${scheme}`);
    }
    await showCalendar(page, 'Week', monday);
    await page
      .getByRole('grid')
      .getByRole('button', { name: /Customer story/ })
      .click();
    await expect(page.getByRole('dialog', { name: 'Post' })).toBeVisible();
    await keepScreenshot(page, testInfo, `view-selected-${scheme}`);

    await page
      .getByRole('grid')
      .getByRole('button', { name: /Customer story/ })
      .dblclick();
    const composer = page.getByRole('dialog', { name: 'Edit post' });
    await expect(composer.getByRole('heading', { name: 'History' })).toBeVisible();
    await keepScreenshot(page, testInfo, `view-composer-${scheme}`);
    await expectNoSeriousA11yViolations(page, testInfo, `composer-${scheme}`);
    await page.keyboard.press('Escape');
    await expect(composer).toBeHidden();

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await keepScreenshot(page, testInfo, `view-shortcuts-${scheme}`);
    await page.keyboard.press('Escape');

    for (const view of ['Queue', 'Drafts', 'Accounts', 'Settings'] as const) {
      await openView(page, view);
      await keepScreenshot(page, testInfo, `view-${view.toLowerCase()}-${scheme}`);
      await expectNoSeriousA11yViolations(page, testInfo, `${view.toLowerCase()}-${scheme}`);
    }
  });
}

test('a post whose outcome is unknown stands out and opens to what settles it', async ({ app: page, discord, kairos }, testInfo) => {
  const live = await connectDiscord(kairos, discord, 'Community', 'community');
  // The fake stores the message and then drops the connection: Kairos cannot know whether it went out.
  discord.failNext({ kind: 'commit_then_drop' });
  const { post: unsure } = await kairos.invoke('posts.create', {
    text: 'Did this one go out?',
    accountIds: [live.id],
    when: { kind: 'now' },
  });
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: unsure.id })).post.status, { timeout: 20_000 }).toBe('unconfirmed');

  const chip = page.getByRole('grid').getByRole('button', { name: /Did this one go out/ });
  await expect(chip).toHaveClass(/post-chip--attention/);
  await expect(chip).toContainText('Unconfirmed');
  await expect(page.getByRole('link', { name: /Queue/ })).toContainText('1');
  await chip.click();
  const peek = page.getByRole('dialog', { name: 'Post' });
  await expect(peek.getByText('The network did not confirm whether this was posted.')).toBeVisible();
  await keepScreenshot(page, testInfo, 'attention-unconfirmed');
  // It cannot be dragged or moved while nobody knows whether it went out.
  await chip.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText(/Nobody knows yet whether this went out/)).toBeAttached();

  // The person checks the channel: it is there, so they say so, and nothing is sent twice.
  expect(discord.messages.filter((m) => m.content === 'Did this one go out?')).toHaveLength(1);
  await peek.getByRole('button', { name: 'It went out' }).click();
  await expect.poll(async () => (await kairos.invoke('posts.get', { id: unsure.id })).post.status).toBe('published');
  await expect(chip).toHaveAttribute('data-status', 'published');
  expect(discord.messages.filter((m) => m.content === 'Did this one go out?')).toHaveLength(1);
});

test('the quick-post page is its own window at #/quick-post, and Close goes back to the calendar', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await page.evaluate(() => {
    window.location.hash = '#/quick-post';
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Quick post' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await keepScreenshot(page, testInfo, 'quick-post');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeAttached();
});
