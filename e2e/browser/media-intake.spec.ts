// Attaching media in the composer: a dropped image arrives as bytes, and a file that is not what its name says is refused at once.

import { expect, test } from '../support/fixtures';

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('a dropped image is attached; a text file named .png and a PNG named .jpg are refused with what they are', async ({
  app: page,
  kairos,
}) => {
  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByLabel('Text').fill('Dropping a picture in');

  // A drop, as from the file manager: the page reads the file's bytes and sends them; no path is involved.
  const drop = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
    return data;
  }, ONE_PIXEL_PNG.toString('base64'));
  await dialog.locator('form.composer-form').dispatchEvent('drop', { dataTransfer: drop });
  await expect(dialog.locator('.media-item', { hasText: 'dropped.png' }).locator('img')).toBeVisible();

  await dialog
    .getByLabel('Add image or video')
    .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('Launch notes\n') });
  await expect(dialog.getByRole('alert')).toContainText('notes.png is not an image or video: it is a text file');

  await dialog.getByLabel('Add image or video').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: ONE_PIXEL_PNG });
  await expect(dialog.getByRole('alert')).toContainText('photo.jpg is a PNG image, not a JPEG image');
  await expect(dialog.locator('.media-item')).toHaveCount(1);

  // Only the dropped file reached the data folder's records.
  await dialog.getByRole('button', { name: 'Save draft', exact: true }).click();
  await expect(dialog).toBeHidden();
  const [draft] = await kairos.invoke('posts.list', { statuses: ['draft'] });
  expect(draft?.media.map((m) => [m.fileName, m.mime])).toEqual([['dropped.png', 'image/png']]);
});
