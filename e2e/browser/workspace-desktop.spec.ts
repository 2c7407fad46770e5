// The desktop app signed in to a team workspace reviews posts in its own window, against the BUILT `kairos server`: an
// approver signs in from Settings → Workspace, is told of a review asked of them by the sidebar's notifications without
// a reload, opens the post from the notification, comments, sees the owner's edit arrive in the post's history, and
// approves. The window is the built renderer with the desktop's bridge (e2e/support/desktopWindow.ts): its calls and
// the workspace's changes pass through this computer's backend, which alone holds the session.

import { test } from '@playwright/test';
import { type DesktopWindow, openDesktopWindow } from '../support/desktopWindow';
import { expect, keepScreenshot, openView } from '../support/fixtures';
import { invite, joinAs, PASSWORD, person, postAs, type RunningWorkspace, setUpOwner, startWorkspace } from '../support/workspace';

let ws: RunningWorkspace;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ws = await startWorkspace('e2e_desktop_review');
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from this destructuring.
test.afterAll(async ({}, testInfo) => {
  await ws?.stop(testInfo);
});

test('an approver reviews and approves a post in the desktop app signed in to the workspace', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const errors: string[] = [];

  // ---- the owner sets up the workspace and invites an approver, who makes their account
  const owner = await person(browser, ws.base, errors);
  await setUpOwner(owner.page, ws.setupCode, 'Olga', 'olga@example.org');
  await owner.page.goto('/');
  const link = await invite(owner.page, 'approver', 'ann@example.org');
  const joining = await person(browser, ws.base, errors);
  await joinAs(joining.page, link, 'Ann Lee', 'ann@example.org');
  await joining.context.close();

  // ---- the approver signs in from the desktop app's Settings
  let desktop: DesktopWindow | null = null;
  try {
    desktop = await openDesktopWindow(browser, errors);
    const { page } = desktop;
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const sidebar = page.locator('.ws-sidebar');
    await expect(sidebar, 'no workspace controls on this computer’s own data').toHaveCount(0);
    await openView(page, 'Settings');
    const section = page.getByRole('region', { name: 'Workspace' });
    await section.getByLabel('Workspace address').fill(ws.base);
    await section.getByLabel('Email').fill('ann@example.org');
    await section.getByLabel('Password').fill(PASSWORD);
    await section.getByRole('button', { name: 'Sign in' }).click();
    await expect(section.getByText('Signed in as Ann Lee (ann@example.org), approver.')).toBeVisible();
    await expect(sidebar.getByText('Signed in as Ann Lee (approver)')).toBeVisible();
    // The workspace's own pages open in the browser, at the workspace's address.
    const home = sidebar.getByRole('link', { name: 'Workspace home' });
    await expect(home).toHaveAttribute('href', `${ws.base}/`);
    await expect(home).toHaveAttribute('target', '_blank');
    const bell = sidebar.getByTestId('notifications-button');
    await expect(bell).not.toContainText('unread');

    // ---- the owner writes a post and asks for a review: the desktop's sidebar says so without a reload
    const text = `Doors open at nine (${Date.now()})`;
    const { post } = await postAs<{ post: { id: string } }>(owner.page, ws.base, '/api/invoke/posts.create', {
      text,
      accountIds: [],
      when: { kind: 'draft', timeZone: 'UTC' },
    });
    await postAs(owner.page, ws.base, `/api/review/posts/${post.id}/submit`, { note: 'For the launch, please' });
    await expect(bell).toContainText('1 unread', { timeout: 15_000 });
    await keepScreenshot(page, testInfo, 'desktop-workspace-notified');

    // ---- the approver opens it from the notification: the post and its review, from the workspace
    await bell.click();
    const notifications = page.getByRole('dialog', { name: 'Notifications' });
    await expect(notifications.getByText('Olga asks for your review')).toBeVisible();
    await notifications.getByRole('button', { name: 'Open the post' }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('review-panel') });
    // An approver reads the post; the composer offers no changes the workspace would refuse.
    await expect(page.getByRole('dialog', { name: 'Post', exact: true })).toBeVisible();
    await expect(dialog.locator('.post-text')).toHaveText(text);
    for (const name of ['Save draft', 'Schedule', 'Delete']) await expect(dialog.getByRole('button', { name, exact: true })).toHaveCount(0);
    const panel = dialog.getByTestId('review-panel');
    await expect(panel.getByTestId('review-state')).toHaveText('In review');
    await expect(panel.getByTestId('review-history')).toContainText('For the launch, please');

    await panel.getByLabel('Add a comment').fill('Say which door, please.');
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(panel.locator('.ws-comment__body')).toHaveText(['Say which door, please.']);

    // ---- the owner changes the post in the browser: the open panel shows the new version without a reload
    await postAs(owner.page, ws.base, '/api/invoke/posts.update', { id: post.id, text: `${text}, north door` });
    await expect(panel.getByTestId('review-history')).toContainText('Olga changed the post', { timeout: 15_000 });
    await expect(dialog.locator('.post-text')).toHaveText(`${text}, north door`);

    // ---- and the approver approves it from the desktop
    await panel.getByRole('button', { name: 'Approve' }).click();
    await expect(panel.getByTestId('review-state')).toHaveText('Approved');
    await expect(panel.getByText('Approved by Ann Lee')).toBeVisible();
    await keepScreenshot(page, testInfo, 'desktop-workspace-approved');
    const status = await owner.page.request.get(`/api/review/posts/${post.id}`);
    const { value } = (await status.json()) as { value: { status: { state: string; approvals: { name: string }[] } } };
    expect(value.status.state).toBe('approved');
    expect(value.status.approvals.map((a) => a.name)).toEqual(['Ann Lee']);
    // The comment was written in the workspace, under the approver's name.
    const comments = await owner.page.request.get(`/api/review/posts/${post.id}/comments`);
    expect(JSON.stringify(await comments.json())).toContain('Say which door, please.');
    // This computer's own data holds none of it: the window worked on the workspace's posts.
    expect(await desktop.shown.call('workspace.status', {})).toMatchObject({ state: 'connected', url: ws.base });
    expect(await desktop.local.call('posts.list', {})).toEqual([]);
  } finally {
    await desktop?.close();
    await owner.context.close();
  }
  expect(errors, 'uncaught errors in the pages').toEqual([]);
});
