// The review workflow in the workspace server's pages, end to end: the BUILT `kairos server` on its own PostgreSQL
// cluster, the owner set up with the printed code and setting an approval rule on the home page, an editor and an
// approver invited and each in a browser context of their own, a seeded post submitted, commented on, answered,
// resolved and approved, then a review link opened by a third person without an account, used once, and shown as used
// in the post's history.

import { type Browser, type Page, test } from '@playwright/test';
import { seedAccount, seedPost } from '../../main/testing/workspaceSeed';
import { expect, expectNoSeriousA11yViolations, keepScreenshot, readAxeSource } from '../support/fixtures';
import { invite, joinAs, person as personIn, type RunningWorkspace, setUpOwner, startWorkspace } from '../support/workspace';

const POST_ID = 'post_launch';

let ws: RunningWorkspace;
let base = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ws = await startWorkspace('e2e_review');
  base = ws.base;
  const db = ws.db;
  // The post under review is written with SQL once the server migrated, so this flow does not depend on the posts store.
  await seedAccount(db.pool, 'acc_masto', 'mastodon', 'Kairos on Mastodon');
  await seedAccount(db.pool, 'acc_sky', 'bluesky', 'Kairos on Bluesky');
  await seedPost(db.pool, {
    id: POST_ID,
    text: 'Kairos 2.0 is out: plan, write and publish with your team. https://example.org/launch',
    parts: ['Approvals, comments and review links are in.'],
    labels: ['launch'],
    accounts: ['acc_masto', 'acc_sky'],
  });
  await db.pool.query(
    `UPDATE targets SET text_override = 'Kairos 2.0 is out, Bluesky friends.' WHERE post_id = $1 AND account_id = 'acc_sky'`,
    [POST_ID],
  );
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from this destructuring.
test.afterAll(async ({}, testInfo) => {
  await ws?.stop(testInfo);
});

/** The pages' policy refuses injected scripts (as it should), so axe is evaluated into the page instead. */
async function checkA11y(page: Page, testInfo: Parameters<typeof keepScreenshot>[1], label: string): Promise<void> {
  await page.evaluate(readAxeSource());
  await expectNoSeriousA11yViolations(page, testInfo, label);
}

const person = (browser: Browser, errors: string[]) => personIn(browser, base, errors);

test('two people review a post, and an external reviewer uses a review link once', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const errors: string[] = [];

  // ---- the owner, with the code the server printed
  const owner = await person(browser, errors);
  await setUpOwner(owner.page, ws.setupCode, 'Olga', 'olga@example.org');
  // Invitations are made on the workspace's home page, which leads to the app.
  await owner.page.goto('/');
  await expect(owner.page.getByTestId('open-app')).toHaveAttribute('href', '/app/');
  // Posts with the "launch" label need one approver: the owner says so in the home page's approval rules.
  const rules = owner.page.getByTestId('approval-rules');
  await expect(rules.getByTestId('no-rules')).toHaveText('No rules yet: posts are published without approval.');
  await rules.getByLabel('Posts with a label').check();
  await rules.getByLabel('Label', { exact: true }).fill('launch');
  await rules.getByLabel('Approvals needed').selectOption({ label: '1 approval' });
  await rules.getByRole('button', { name: 'Add the rule' }).click();
  await expect(rules.getByRole('listitem')).toHaveText(['Posts labelled launch need 1 approvalRemove']);
  await expect(rules.getByRole('button', { name: 'Remove the rule: Posts labelled launch need 1 approval' })).toBeVisible();
  const editorLink = await invite(owner.page, 'editor', 'edith@example.org');
  const approverLink = await invite(owner.page, 'approver', 'ann@example.org');
  await keepScreenshot(owner.page, testInfo, 'workspace-owner-invites');
  await checkA11y(owner.page, testInfo, 'workspace home');

  // ---- the editor and the approver join, each in a browser of their own
  const editor = await person(browser, errors);
  await joinAs(editor.page, editorLink, 'Edith', 'edith@example.org');
  const approver = await person(browser, errors);
  await joinAs(approver.page, approverLink, 'Ann Lee', 'ann@example.org');

  // ---- the editor submits the seeded post
  await editor.page.goto(`/posts/${POST_ID}`);
  const editorPanel = editor.page.getByTestId('review-panel');
  await expect(editorPanel.getByTestId('review-state')).toHaveText('Draft');
  await expect(editor.page.locator('.preview__text').first()).toContainText('Kairos 2.0 is out');
  await editorPanel.getByLabel('Note for the approvers (optional)').fill('For Friday morning');
  await editorPanel.getByRole('button', { name: 'Submit for review' }).click();
  await expect(editorPanel.getByTestId('review-state')).toHaveText('In review');

  // ---- the approver is told, opens it, and comments with an @mention picked from the suggestions
  await approver.page.goto('/');
  await expect(approver.page.getByTestId('unread-count')).toHaveText('1 unread');
  await expect(approver.page.getByText('Edith asks for your review')).toBeVisible();
  await approver.page.getByRole('button', { name: 'Open the post' }).click();
  await expect(approver.page).toHaveURL(new RegExp(`/posts/${POST_ID}$`));
  const approverPanel = approver.page.getByTestId('review-panel');
  await expect(approverPanel.getByTestId('review-state')).toHaveText('In review');
  const box = approverPanel.getByLabel('Add a comment');
  await box.pressSequentially('@Edi');
  await expect(approverPanel.getByRole('option', { name: /Edith/ })).toBeVisible();
  await box.press('Enter');
  await box.pressSequentially('please say which day in the second part.');
  await expect(box).toHaveValue('@Edith please say which day in the second part.');
  await approverPanel.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(approverPanel.locator('.ws-comment__body')).toHaveText(['@Edith please say which day in the second part.']);
  await keepScreenshot(approver.page, testInfo, 'workspace-approver-comments');

  // ---- the editor sees it arrive (event stream), answers, corrects the answer, and resolves the comment
  const comment = editorPanel.getByRole('article', { name: 'Ann Lee' });
  await expect(comment).toContainText('please say which day');
  await comment.getByRole('button', { name: 'Reply' }).click();
  await editorPanel.getByLabel('Reply to Ann Lee').fill('Added: Friday.');
  await editorPanel.getByRole('button', { name: 'Comment', exact: true }).first().click();
  const reply = editorPanel.getByRole('article', { name: 'Edith' });
  await expect(reply).toContainText('Added: Friday.');
  await reply.getByRole('button', { name: 'Edit' }).click();
  await editorPanel.getByLabel('Edit', { exact: true }).fill('Added: Friday at 9:00.');
  await editorPanel.getByRole('button', { name: 'Save' }).click();
  await expect(reply).toContainText('Added: Friday at 9:00.');
  await expect(reply).toContainText('(edited)');
  await comment.getByRole('button', { name: 'Resolve' }).click();
  await expect(comment.getByText('Resolved')).toBeVisible();
  await keepScreenshot(editor.page, testInfo, 'workspace-editor-resolves');

  // ---- the approver's page follows, and approves
  await expect(approverPanel.getByRole('article', { name: 'Ann Lee' }).getByText('Resolved')).toBeVisible();
  await expect(approverPanel.getByRole('article', { name: 'Edith' })).toContainText('Friday at 9:00');
  await approverPanel.getByRole('button', { name: 'Approve' }).click();
  await expect(approverPanel.getByTestId('review-state')).toHaveText('Approved');
  await expect(approverPanel.getByText('Approved by Ann Lee')).toBeVisible();
  await expect(editorPanel.getByTestId('review-state')).toHaveText('Approved');
  await expect(editor.page.getByTestId('unread-count')).not.toHaveText('No unread notifications');

  // ---- the editor makes a review link for the client
  await editorPanel.getByLabel('Who it is for (optional)').fill('Carla');
  await editorPanel.getByLabel('Lasts (days)').fill('3');
  await editorPanel.getByRole('button', { name: 'Make a review link' }).click();
  const linkField = editorPanel.getByTestId('new-review-link');
  await expect(linkField).toHaveValue(new RegExp(`^${base}/review#token=`));
  const reviewLink = await linkField.inputValue();
  await expect(editorPanel.getByTestId('review-links').locator('li[data-state="unused"]')).toHaveCount(1);

  // ---- someone without an account opens it in a third browser and comments once
  const client = await person(browser, errors);
  await client.page.goto(reviewLink);
  await expect(client.page.getByRole('heading', { level: 1, name: 'Review a post' })).toBeVisible();
  await expect(client.page.getByRole('tab', { name: 'Kairos on Mastodon' })).toBeVisible();
  await expect(client.page.locator('.preview__text').first()).toContainText('Kairos 2.0 is out: plan, write');
  await client.page.getByRole('tab', { name: 'Kairos on Bluesky' }).click();
  await expect(client.page.locator('.preview__text').first()).toContainText('Kairos 2.0 is out, Bluesky friends.');
  await expect(client.page.getByLabel('Your name')).toHaveValue('Carla');
  await client.page.getByLabel('Your comment').fill('Lovely. Can we add the logo?');
  await client.page.getByRole('button', { name: 'Send comment' }).click();
  await expect(client.page.getByRole('status')).toHaveText('Thank you: your comment was sent.');
  await expect(client.page.locator('.ws-comment__body').last()).toHaveText('Lovely. Can we add the logo?');
  await keepScreenshot(client.page, testInfo, 'workspace-external-review');
  await checkA11y(client.page, testInfo, 'public review page');

  // ---- the team sees the link as used, and the use in the post's history
  await expect(editorPanel.getByTestId('review-links').locator('li[data-state="used"]')).toHaveCount(1);
  await expect(editorPanel.getByTestId('review-links')).toContainText('commented');
  const history = editorPanel.getByTestId('review-history');
  await expect(history).toContainText('Edith submitted it for review (version 1)');
  await expect(history).toContainText('Ann Lee approved (version 1)');
  await expect(history).toContainText('Edith made a review link');
  await expect(history).toContainText('Carla commented through a review link');
  await expect(editorPanel.getByRole('article', { name: 'Carla' })).toContainText('external');
  await keepScreenshot(editor.page, testInfo, 'workspace-history');
  await checkA11y(editor.page, testInfo, 'members review page');

  // The database agrees: one comment through the link, and its uses logged.
  const { rows } = await ws.db.pool.query<{ action: string }>('SELECT action FROM review_link_uses ORDER BY id');
  expect(rows.map((r) => r.action)).toEqual(['viewed', 'commented']);

  for (const p of [owner, editor, approver, client]) await p.context.close();
  expect(errors, 'uncaught errors in the pages').toEqual([]);
});
