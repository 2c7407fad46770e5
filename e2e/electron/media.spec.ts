// The desktop window never names a file: Add opens the main process's dialog, and the path channel is refused over IPC.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { MISSING_BINARY_REASON } from './electronBinary';
import { executable, launchedTest, type WithBridge } from './launch';

test.skip(executable === null, MISSING_BINARY_REASON);

const it = launchedTest('kairos-electron-media-');

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

it('Add image or video goes through the open dialog in the main process and returns media, not a path', async ({ kairos }) => {
  const { app, page, dataDir } = kairos;
  const chosen = join(dataDir, 'chosen.png');
  writeFileSync(chosen, ONE_PIXEL_PNG);
  // The dialog is the OS's; answer it as a person choosing that one file would.
  await app.evaluate(({ dialog }, path) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as typeof dialog.showOpenDialog;
  }, chosen);

  await page.getByRole('button', { name: 'New post' }).first().click();
  const composer = page.getByRole('dialog', { name: 'New post' });
  await composer.getByRole('button', { name: 'Add image or video' }).click();
  await expect(composer.locator('.media-item', { hasText: 'chosen.png' }).locator('img')).toBeVisible();
  expect(await page.content()).not.toContain(dataDir);
});

it('the generic invoke cannot reach the CLI-only path channel', async ({ kairos }) => {
  const { page, dataDir } = kairos;
  await page.waitForLoadState('domcontentloaded');
  const reply = await page.evaluate(
    (path) => (window as WithBridge).kairos?.invoke('media.addFile', { path }),
    join(dataDir, 'kairos.sqlite'),
  );
  expect(reply).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
});
