// A person's choice of notification emails on the workspace's home page: the BUILT `kairos server` without a mail
// server says emails are off for everyone, still saves the choice on change, and shows it again after a reload.

import { type Page, test } from '@playwright/test';
import { expect, expectNoSeriousA11yViolations, keepScreenshot, readAxeSource } from '../support/fixtures';
import { person, type RunningWorkspace, setUpOwner, startWorkspace } from '../support/workspace';

let ws: RunningWorkspace;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ws = await startWorkspace('e2e_email_prefs');
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from this destructuring.
test.afterAll(async ({}, testInfo) => {
  await ws?.stop(testInfo);
});

const choice = (page: Page, name: string) => page.getByTestId('email-preferences').getByRole('radio', { name });

test('the owner chooses which notifications come by email, saved at once', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  const owner = await person(browser, ws.base, errors);
  await setUpOwner(owner.page, ws.setupCode, 'Olga', 'olga@example.org');
  await owner.page.goto('/');
  const section = owner.page.getByTestId('email-preferences');
  await expect(section.getByRole('heading', { name: 'Email notifications' })).toBeVisible();
  await expect(section.getByText('Choose which of them also come to olga@example.org.')).toBeVisible();
  await expect(owner.page.getByTestId('email-off')).toContainText('Emails are off for the whole workspace');
  await expect(choice(owner.page, 'Everything')).toBeChecked();

  await choice(owner.page, 'Only what needs me').check();
  await expect(owner.page.getByTestId('email-preferences-status')).toHaveText('Saved.');
  await keepScreenshot(owner.page, testInfo, 'workspace-email-preferences');
  await owner.page.evaluate(readAxeSource());
  await expectNoSeriousA11yViolations(owner.page, testInfo, 'workspace home with email preferences');

  await owner.page.reload();
  await expect(choice(owner.page, 'Only what needs me')).toBeChecked();
  await expect(choice(owner.page, 'Everything')).not.toBeChecked();
  const { rows } = await ws.db.pool.query(`SELECT email_notifications FROM users WHERE email = 'olga@example.org'`);
  expect(rows).toEqual([{ email_notifications: 'needs_me' }]);
  expect(errors).toEqual([]);
  await owner.context.close();
});
