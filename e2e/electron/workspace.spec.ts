// Settings → Workspace in the desktop app: the link's status over the bridge, and the sign-in form's words for a server
// that is not a Kairos workspace. The signed-in flow (forwarding, events, the outbox, the review routes) is tested
// against the workspace server's real routes in main/core/workspace/workspaceClient.pg.test.ts, and the window's review
// panel and notifications in e2e/browser/workspace-desktop.spec.ts; neither needs an Electron binary.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { MISSING_BINARY_REASON } from './electronBinary';
import { executable, launchedTest, type WithBridge } from './launch';

test.skip(executable === null, MISSING_BINARY_REASON);

const it = launchedTest('kairos-electron-workspace-');

let blog: Server;
let blogUrl = '';
test.beforeAll(async () => {
  blog = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><body>Not a workspace</body></html>');
  });
  await new Promise<void>((r) => blog.listen(0, '127.0.0.1', () => r()));
  blogUrl = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise<void>((r) => blog.close(() => r()));
});

it('starts on this computer’s own data, and says so when the address is not a Kairos workspace', async ({ kairos }) => {
  const { page } = kairos;
  await page.waitForLoadState('domcontentloaded');
  const status = await page.evaluate(() => (window as WithBridge).kairos?.invoke('workspace.status', {}));
  expect(status).toMatchObject({ ok: true, value: { state: 'none', url: null, pending: 0 } });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Workspace' });
  await section.getByLabel('Workspace address').fill(blogUrl);
  await section.getByLabel('Email').fill('ed@example.org');
  await section.getByLabel('Password').fill('a long editor password');
  await section.getByRole('button', { name: 'Sign in' }).click();
  await expect(section.getByText('is not a Kairos workspace')).toBeVisible();
});
