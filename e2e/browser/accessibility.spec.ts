// axe-core finds no serious or critical problems on the calendar and in the post dialog, in light and dark.

import { wallTimeOf } from '../../shared/time/wallTime';
import {
  addDaysIso,
  connectDiscord,
  expect,
  expectNoSeriousA11yViolations,
  keepScreenshot,
  mondayAhead,
  showCalendar,
  test,
  utcAt,
} from '../support/fixtures';

// The app's CSP refuses injected scripts, as it should; only these checks lift it, to load axe-core.
test.use({ bypassCSP: true });

for (const scheme of ['light', 'dark'] as const) {
  test(`calendar and post dialog have no serious accessibility violations (${scheme})`, async ({
    app: page,
    discord,
    kairos,
  }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const account = await connectDiscord(kairos, discord, 'Announcements');
    await kairos.invoke('posts.create', {
      text: 'Spring collection preview: a first look at what is coming.',
      accountIds: [account.id],
      when: { kind: 'instant', at: Date.now() + 5 * 60_000, timeZone: 'UTC' },
    });
    const chip = page.getByRole('grid').getByRole('button', { name: /Spring collection preview/ });
    await expect(chip).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, `calendar-${scheme}`);
    await keepScreenshot(page, testInfo, `a11y-calendar-${scheme}`);

    await page.getByRole('button', { name: 'New post' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByRole('checkbox', { name: /Announcements/ }).check();
    await dialog.getByLabel('Text').fill('y'.repeat(2_010));
    await expect(dialog.getByText(/10 over/)).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, `new-post-dialog-${scheme}`);
    await keepScreenshot(page, testInfo, `a11y-dialog-${scheme}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // One click selects the post: its details open beside the calendar, which stays usable.
    await chip.click();
    const peek = page.getByRole('dialog', { name: 'Post' });
    await expect(peek.getByRole('heading', { name: 'History' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, `selected-post-${scheme}`);

    // A double click opens it in the composer.
    await chip.dblclick();
    const existing = page.getByRole('dialog', { name: 'Edit post' });
    await expect(existing.getByRole('heading', { name: 'History' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, `edit-post-dialog-${scheme}`);
  });
}

test('the calendar works from the keyboard and by clicking a day', async ({ app: page, kairos }) => {
  const zone = (await kairos.invoke('settings.get', {})).timeZone;
  const today = wallTimeOf(Date.now(), zone).date;
  const [year, month] = today.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  await page.getByRole('button', { name: 'Next month' }).click();

  // Clicking an empty day opens a new post on that day.
  await page.locator(`td[data-date="${next}-15"]`).click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await expect(dialog.getByLabel('Date', { exact: true })).toHaveValue(`${next}-15`);
  await expect(dialog.getByLabel('Time', { exact: true })).toHaveValue('09:00');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Arrow keys move between days; Enter opens a new post on the focused one.
  await page.locator(`td[data-date="${next}-15"]`).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(`td[data-date="${next}-16"]`)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(`td[data-date="${next}-23"]`)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Date', { exact: true })).toHaveValue(`${next}-23`);
  // The dialog starts in the text box, ready to write.
  await expect(dialog.getByLabel('Text')).toBeFocused();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`a crowded week hour and its "+N" count have no serious accessibility violations (${scheme})`, async ({
    app: page,
    discord,
    kairos,
  }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const account = await connectDiscord(kairos, discord, 'Announcements');
    const monday = mondayAhead(2);
    const tuesday = addDaysIso(monday, 1);
    // Four overlapping posts: one is drawn beside a "+3" in the week's two columns.
    for (const [i, time] of ['10:00', '10:10', '10:20', '10:30'].entries()) {
      await kairos.invoke('posts.create', {
        text: `Crowded hour ${i + 1}`,
        accountIds: [account.id],
        when: { kind: 'instant', at: utcAt(tuesday, time), timeZone: 'UTC' },
      });
    }
    await showCalendar(page, 'Week', monday);
    await expect(page.getByRole('grid').getByRole('button', { name: /^\+3 more from 10:10 AM/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, testInfo, `crowded-week-${scheme}`);
    await keepScreenshot(page, testInfo, `a11y-crowded-week-${scheme}`);
  });
}
