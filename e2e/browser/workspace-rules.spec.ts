// Approval rules on the workspace's home page, against the BUILT `kairos server` on its own PostgreSQL cluster: the
// owner adds a rule for an account, changes it by setting that account's rule again, adds one for a label, sees the
// server's refusal of an account that is gone, and removes the rules; a post written after a removal no longer needs
// approval, as the server's review answer says. An editor reads the rules and cannot change them, and sees the owner's
// changes on the page already open, without reloading it.

import { type Page, test } from '@playwright/test';
import { seedAccount, seedPost } from '../../main/testing/workspaceSeed';
import { expect, expectNoSeriousA11yViolations, keepScreenshot, readAxeSource } from '../support/fixtures';
import { invite, joinAs, person, type RunningWorkspace, setUpOwner, startWorkspace } from '../support/workspace';

let ws: RunningWorkspace;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ws = await startWorkspace('e2e_rules');
  await seedAccount(ws.db.pool, 'acc_masto', 'mastodon', 'Kairos on Mastodon');
  await seedAccount(ws.db.pool, 'acc_gone', 'bluesky', 'Old Bluesky');
  // A post with a label, so the label field offers it.
  await seedPost(ws.db.pool, { id: 'post_press', labels: ['press'], accounts: ['acc_masto'] });
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from this destructuring.
test.afterAll(async ({}, testInfo) => {
  await ws?.stop(testInfo);
});

/** What the server's review route says a post needs, and whether it may be published as it stands. */
async function needs(page: Page, postId: string): Promise<{ state: string; approvalsNeeded: number; publishable: boolean }> {
  const review = await page.request.get(`/api/review/posts/${postId}`);
  expect(review.status()).toBe(200);
  const { value } = (await review.json()) as {
    value: { status: { state: string; approvalsNeeded: number; publish: { allowed: boolean } } };
  };
  return { state: value.status.state, approvalsNeeded: value.status.approvalsNeeded, publishable: value.status.publish.allowed };
}

/** A post written through the contract, as the app writes one: its id. */
async function newPost(page: Page, text: string): Promise<string> {
  const created = await page.request.post('/api/invoke/posts.create', {
    headers: { origin: ws.base },
    data: { text, accountIds: ['acc_masto'], when: { kind: 'draft' } },
  });
  const body = (await created.json()) as { ok: boolean; value?: { post: { id: string } } };
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return body.value?.post.id as string;
}

test('the owner adds, changes and removes approval rules on the home page; an editor reads them', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  const owner = await person(browser, ws.base, errors);
  await setUpOwner(owner.page, ws.setupCode, 'Olga', 'olga@example.org');
  await owner.page.goto('/');
  const rules = owner.page.getByTestId('approval-rules');
  const listed = rules.getByRole('list', { name: 'Approval rules' }).getByRole('listitem');
  await expect(rules.getByTestId('no-rules')).toBeVisible();

  // ---- an account rule, for two different people
  await rules.getByLabel('Posts to an account').check();
  const account = rules.getByLabel('Account', { exact: true });
  await expect(account.locator('option')).toHaveText(['Choose an account', 'Kairos on Mastodon (@acc_masto)', 'Old Bluesky (@acc_gone)']);
  await account.selectOption({ label: 'Kairos on Mastodon (@acc_masto)' });
  await rules.getByLabel('Approvals needed').selectOption({ label: '2 different people' });
  await rules.getByRole('button', { name: 'Add the rule' }).click();
  await expect(listed).toHaveText(['Posts to Kairos on Mastodon need approval from 2 different peopleRemove']);

  // ---- setting that account's rule again changes it: still one rule
  await account.selectOption({ label: 'Kairos on Mastodon (@acc_masto)' });
  await expect(rules.getByTestId('rule-replaces')).toHaveText(
    'This replaces the rule “Posts to Kairos on Mastodon need approval from 2 different people”.',
  );
  await rules.getByLabel('Approvals needed').selectOption({ label: '1 approval' });
  await rules.getByRole('button', { name: 'Change the rule' }).click();
  await expect(listed).toHaveText(['Posts to Kairos on Mastodon need 1 approvalRemove']);

  // ---- a label rule, the label offered from the posts
  await rules.getByLabel('Posts with a label').check();
  const label = rules.getByLabel('Label', { exact: true });
  await expect(owner.page.locator(`datalist#${await label.getAttribute('list')} option`)).toHaveAttribute('value', 'press');
  await label.fill('press');
  await rules.getByLabel('Approvals needed').selectOption({ label: '2 different people' });
  await rules.getByRole('button', { name: 'Add the rule' }).click();
  await expect(listed).toHaveText([
    'Posts to Kairos on Mastodon need 1 approvalRemove',
    'Posts labelled press need approval from 2 different peopleRemove',
  ]);
  await expect(label).toHaveValue('');

  // ---- the server's refusal, in its words: an account removed since the page loaded
  await ws.db.pool.query(`DELETE FROM accounts WHERE id = 'acc_gone'`);
  await rules.getByLabel('Posts to an account').check();
  await account.selectOption({ label: 'Old Bluesky (@acc_gone)' });
  await rules.getByRole('button', { name: 'Add the rule' }).click();
  await expect(rules.getByRole('alert')).toHaveText('That account is not connected to this workspace.');
  await expect(listed).toHaveCount(2);
  await keepScreenshot(owner.page, testInfo, 'workspace-approval-rules');
  await owner.page.evaluate(readAxeSource());
  await expectNoSeriousA11yViolations(owner.page, testInfo, 'workspace home with approval rules');

  // ---- while the account rule stands a new post to it needs one approval; once it is removed, none
  const before = await newPost(owner.page, 'Before the rule is removed');
  expect(await needs(owner.page, before)).toEqual({ state: 'draft', approvalsNeeded: 1, publishable: false });
  await rules.getByRole('button', { name: 'Remove the rule: Posts to Kairos on Mastodon need 1 approval' }).click();
  await expect(listed).toHaveText(['Posts labelled press need approval from 2 different peopleRemove']);
  const after = await newPost(owner.page, 'After the rule is removed');
  expect(await needs(owner.page, after)).toEqual({ state: 'none', approvalsNeeded: 0, publishable: true });
  // The draft written under the rule is no longer held back by it either.
  expect(await needs(owner.page, before)).toEqual({ state: 'draft', approvalsNeeded: 0, publishable: true });
  // The server agrees after a reload, not only this page.
  await owner.page.reload();
  await expect(listed).toHaveText(['Posts labelled press need approval from 2 different peopleRemove']);

  // ---- an editor reads the rules: no form, no Remove
  const editorLink = await invite(owner.page, 'editor', 'edith@example.org');
  const editor = await person(browser, ws.base, errors);
  await joinAs(editor.page, editorLink, 'Edith', 'edith@example.org');
  await editor.page.goto('/');
  const editorRules = editor.page.getByTestId('approval-rules');
  await expect(editorRules.getByRole('listitem')).toHaveText(['Posts labelled press need approval from 2 different people']);
  await expect(editorRules).toContainText('The owner and admins change these rules.');
  await expect(editorRules.getByRole('button')).toHaveCount(0);
  await expect(editorRules.getByRole('form')).toHaveCount(0);

  // ---- the owner's changes reach the editor's open page (the server's rules.changed signal), no reload
  await rules.getByLabel('Posts to an account').check();
  await account.selectOption({ label: 'Kairos on Mastodon (@acc_masto)' });
  await rules.getByLabel('Approvals needed').selectOption({ label: '1 approval' });
  await rules.getByRole('button', { name: 'Add the rule' }).click();
  await expect(editorRules.getByRole('listitem')).toHaveText([
    'Posts to Kairos on Mastodon need 1 approval',
    'Posts labelled press need approval from 2 different people',
  ]);
  await rules.getByRole('button', { name: 'Remove the rule: Posts to Kairos on Mastodon need 1 approval' }).click();

  // ---- the last rule goes, and both lists say there are none
  await rules.getByRole('button', { name: 'Remove the rule: Posts labelled press need approval from 2 different people' }).click();
  await expect(rules.getByTestId('no-rules')).toHaveText('No rules yet: posts are published without approval.');
  await expect(editorRules.getByTestId('no-rules')).toHaveText('No rules yet: posts are published without approval.');

  for (const p of [owner, editor]) await p.context.close();
  expect(errors, 'uncaught errors in the pages').toEqual([]);
});
