// A team publishes through the app served by the BUILT `kairos server`: the owner connects a Discord webhook (the fake
// runs in this process) and makes posts to it need one approval; in browsers of their own, an editor writes a post in
// the composer due in a few seconds and submits it in the review panel, the approver comments, the editor changes it
// (a new version, back in review), and the approver approves. Nothing goes out while it waits, though it is due; once
// approved it goes out exactly once, and the editor's calendar shows it published.

import { type Browser, type Locator, type Page, test } from '@playwright/test';
import { DiscordFake } from '../../main/testing/discordFake';
import { wallTimeOf } from '../../shared/time/wallTime';
import { expect, keepScreenshot, openView } from '../support/fixtures';
import { invite, joinAs, person as personIn, postAs, type RunningWorkspace, setUpOwner, startWorkspace } from '../support/workspace';

// The workspace's zone: a fresh one is on UTC (the browsers are on Asia/Tokyo, and the app shows its own zone).
const ZONE = 'UTC';

let ws: RunningWorkspace;
let discord: DiscordFake;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  discord = await new DiscordFake().start();
  ws = await startWorkspace('e2e_publish');
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from this destructuring.
test.afterAll(async ({}, testInfo) => {
  await ws?.stop(testInfo);
  await discord?.stop();
});

const person = (browser: Browser, errors: string[]) => personIn(browser, ws.base, errors);

/**
 * The composer takes minutes: the next whole minute at least 25 s away, so writing, submitting and commenting fit
 * before it, and the edit (sent with the same time) is well inside the minute the backend still takes a time as due.
 */
function dueSoon(): { date: string; time: string; instant: number } {
  const now = Date.now();
  let instant = now - (now % 60_000) + 60_000;
  if (instant - now < 25_000) instant += 60_000;
  const wall = wallTimeOf(instant, ZONE);
  return { date: wall.date, time: wall.time, instant };
}

/** A contract call from the page, as the app makes it: same origin, the session cookie. */
const contract = <T>(page: Page, channel: string, payload: unknown) => postAs<T>(page, ws.base, `/api/invoke/${channel}`, payload);

/** Opens a post in the composer from its calendar chip: the peek first, then Edit. */
async function openInComposer(page: Page, chip: Locator) {
  await chip.click();
  await page.getByRole('dialog', { name: 'Post' }).getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Edit post' })).toBeVisible();
  return composerOf(page);
}

/** The composer's dialog with its review panel, whatever its title says (it reads "Post" once published). */
const composerOf = (page: Page) => page.getByRole('dialog').filter({ has: page.getByTestId('review-panel') });

/** The app's calendar cell of a date, and the chip of the post in it. */
const chipOf = (page: Page, date: string, text: RegExp) =>
  page
    .getByRole('gridcell')
    .and(page.locator(`[data-date="${date}"]`))
    .getByRole('button', { name: text });

test('an editor writes a post, an approver approves it, and it is published once, only after approval', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const errors: string[] = [];

  // ---- the owner sets up the workspace, connects Discord in the app, and makes its posts need one approval
  const owner = await person(browser, errors);
  await setUpOwner(owner.page, ws.setupCode, 'Olga', 'olga@example.org');
  await expect(owner.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await openView(owner.page, 'Accounts');
  await owner.page.getByLabel('Name').fill('Launch channel');
  await owner.page.getByLabel('Webhook URL').fill(discord.createWebhook('launches'));
  await owner.page.getByRole('button', { name: 'Connect' }).click();
  const accounts = owner.page.getByRole('list', { name: 'Connected accounts' });
  await expect(accounts.getByText('Launch channel')).toBeVisible();
  await expect(accounts.getByText('Connected', { exact: true })).toBeVisible();
  await keepScreenshot(owner.page, testInfo, 'workspace-publish-owner-account');
  const [account] = await contract<{ id: string; name: string }[]>(owner.page, 'accounts.list', {});
  expect(account?.name).toBe('Launch channel');
  const rule = await owner.page.request.post('/api/review/rules', {
    headers: { origin: ws.base },
    data: { scope: 'account', accountId: account?.id, approvalsNeeded: 1 },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  await owner.page.goto('/');
  const editorLink = await invite(owner.page, 'editor', 'edith@example.org');
  const approverLink = await invite(owner.page, 'approver', 'ann@example.org');

  // ---- the editor and the approver join, each in a browser of their own, and land in the app
  const editor = await person(browser, errors);
  await joinAs(editor.page, editorLink, 'Edith', 'edith@example.org');
  const approver = await person(browser, errors);
  await joinAs(approver.page, approverLink, 'Ann Lee', 'ann@example.org');
  for (const p of [editor.page, approver.page]) {
    await expect(p.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(p.locator('.connection--live')).toBeVisible();
  }

  // ---- the editor writes the post in the composer, due in a few seconds, on the account that needs approval
  const text = `Launch day: doors open at nine (${Date.now()})`;
  await expect(editor.page.getByText(`Times in ${ZONE}`)).toBeVisible();
  await editor.page.getByRole('button', { name: 'New post' }).first().click();
  const composer = editor.page.getByRole('dialog', { name: 'New post' });
  await composer.getByLabel('Text').fill(text);
  await composer.getByRole('checkbox', { name: /Launch channel/ }).check();
  const when = dueSoon();
  await composer.getByLabel('Date', { exact: true }).fill(when.date);
  await composer.getByLabel('Time', { exact: true }).fill(when.time);
  await keepScreenshot(editor.page, testInfo, 'workspace-publish-editor-writes');
  await composer.getByRole('button', { name: 'Schedule' }).click();
  await expect(composer).toBeHidden();
  const chip = chipOf(editor.page, when.date, /Launch day: doors open/);
  await expect(chip).toHaveAttribute('data-status', 'scheduled');

  // ---- and submits it for review in the post's review panel
  const editorDialog = await openInComposer(editor.page, chip);
  const editorPanel = editorDialog.getByTestId('review-panel');
  await expect(editorPanel.getByTestId('review-state')).toHaveText('Draft');
  await editorPanel.getByLabel('Note for the approvers (optional)').fill('For the launch, please');
  await editorPanel.getByRole('button', { name: 'Submit for review' }).click();
  await expect(editorPanel.getByTestId('review-state')).toHaveText('In review');
  await keepScreenshot(editor.page, testInfo, 'workspace-publish-editor-submits');

  // ---- the approver is told in the app, opens the post from the notification, and comments
  const bell = approver.page.getByTestId('notifications-button');
  await expect(bell).toContainText('1 unread');
  await bell.click();
  const notifications = approver.page.getByRole('dialog', { name: 'Notifications' });
  await expect(notifications.getByText('Edith asks for your review')).toBeVisible();
  await keepScreenshot(approver.page, testInfo, 'workspace-publish-approver-notified');
  await notifications.getByRole('button', { name: 'Open the post' }).click();
  await expect(approver.page.getByRole('dialog', { name: 'Post', exact: true })).toBeVisible();
  const approverDialog = composerOf(approver.page);
  // An approver reads the post and decides on it: the composer offers no changes the server would refuse.
  await expect(approverDialog.getByText('Approvers read posts and decide on them in the review below; editors change them.')).toBeVisible();
  for (const name of ['Schedule', 'Cancel post', 'Delete'])
    await expect(approverDialog.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(approverDialog.locator('.post-text')).toHaveText(text);
  const approverPanel = approverDialog.getByTestId('review-panel');
  await expect(approverPanel.getByTestId('review-state')).toHaveText('In review');
  // The post's own history names the teammate who wrote it, not "You".
  const created = approverDialog.locator('.history__item').filter({ hasText: 'Created' });
  await expect(created.locator('.history__actor')).toHaveText('Edith');
  await approverPanel.getByLabel('Add a comment').fill('Say which door, please.');
  await approverPanel.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(approverPanel.locator('.ws-comment__body')).toHaveText(['Say which door, please.']);
  await keepScreenshot(approver.page, testInfo, 'workspace-publish-approver-comments');

  // ---- the editor sees the comment arrive, changes the post, and it is a new version, in review again
  await expect(editorPanel.getByRole('article', { name: 'Ann Lee' })).toContainText('Say which door');
  const edited = `Launch day: the north door opens at nine (${Date.now()})`;
  await editorDialog.getByLabel('Text').fill(edited);
  await editorDialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(editorDialog).toBeHidden();
  const editedChip = chipOf(editor.page, when.date, /the north door opens/);
  await expect(editedChip).toHaveAttribute('data-status', 'scheduled');
  await openInComposer(editor.page, editedChip);
  await expect(editorPanel.getByTestId('review-state')).toHaveText('In review');
  await expect(editorPanel.getByTestId('review-history')).toContainText('Edith changed the post');
  await keepScreenshot(editor.page, testInfo, 'workspace-publish-editor-edits');

  // ---- its time comes and goes: nothing is published while it waits for approval
  await expect(approverPanel.getByTestId('review-history')).toContainText('Edith changed the post');
  const waitUntil = when.instant + 4_000;
  await editor.page.waitForTimeout(Math.max(0, waitUntil - Date.now()));
  expect(Date.now()).toBeGreaterThan(when.instant);
  expect(discord.messages, 'published before it was approved').toEqual([]);
  await expect(approverPanel.getByText('Waiting for approval: the post is in review.')).toBeVisible();
  await expect(editorDialog.locator('.dialog__status')).toContainText('Scheduled');
  await keepScreenshot(approver.page, testInfo, 'workspace-publish-approver-before-approval');

  // ---- the approver approves the new version; it goes out at once, exactly once, with the edited words
  await approverPanel.getByRole('button', { name: 'Approve' }).click();
  await expect(approverPanel.getByTestId('review-state')).toHaveText('Approved');
  await expect(approverPanel.getByText('Approved by Ann Lee')).toBeVisible();
  // What was approved is the changed post, the second version.
  await expect(approverPanel.getByTestId('review-history')).toContainText('Ann Lee approved (version 2)');
  await keepScreenshot(approver.page, testInfo, 'workspace-publish-approver-approves');
  await expect.poll(() => discord.messages.length, { timeout: 30_000 }).toBe(1);
  expect(discord.messages[0]?.content).toBe(edited);

  // ---- the editor's calendar shows it published, live; a moment later still one message, and after a reload too
  await editorDialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(editorDialog).toBeHidden();
  const publishedChip = chipOf(editor.page, when.date, /the north door opens/);
  await expect(publishedChip).toHaveAttribute('data-status', 'published', { timeout: 20_000 });
  await expect(publishedChip).toContainText('Published');
  await keepScreenshot(editor.page, testInfo, 'workspace-publish-editor-published');
  await editor.page.reload();
  await expect(chipOf(editor.page, when.date, /the north door opens/)).toHaveAttribute('data-status', 'published');
  await approver.page.waitForTimeout(3_000);
  expect(discord.messages).toHaveLength(1);
  const [post] = await contract<{ text: string; status: string }[]>(editor.page, 'posts.list', {});
  expect([post?.text, post?.status]).toEqual([edited, 'published']);

  for (const p of [owner, editor, approver]) await p.context.close();
  expect(errors, 'uncaught errors in the pages').toEqual([]);
});
