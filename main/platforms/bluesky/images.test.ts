// Image preparation: within the byte limit, upright, metadata stripped, transparency kept while it fits.

import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../core/platforms/types';
import { IMAGE_MAX_BYTES, prepareImage, previewDataUrl, THUMB_MAX_BYTES } from './images';

async function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

describe('prepareImage', () => {
  it('brings a large photo under the limit, at most 2000 px on its long side, keeping its proportions', async () => {
    const input = await noisePng(3000, 1500);
    expect(input.length).toBeGreaterThan(IMAGE_MAX_BYTES);
    const out = await prepareImage(input, { maxBytes: IMAGE_MAX_BYTES, name: 'photo.png' });
    expect(out.data.length).toBeLessThanOrEqual(IMAGE_MAX_BYTES);
    expect(out.mime).toBe('image/jpeg');
    expect(out.width).toBeLessThanOrEqual(2000);
    expect(out.width / out.height).toBeCloseTo(2, 2);
    const meta = await sharp(out.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', out.width, out.height]);
  });

  it('shrinks further for the smaller link card limit', async () => {
    const out = await prepareImage(await noisePng(1600, 900), { maxBytes: THUMB_MAX_BYTES, maxSide: 1000, name: 'card' });
    expect(out.data.length).toBeLessThanOrEqual(THUMB_MAX_BYTES);
    expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(1000);
  });

  it('applies the EXIF orientation and strips EXIF, GPS position included', async () => {
    const input = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ orientation: 8 })
      .withExifMerge({ IFD0: { Make: 'Camera' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 51/1 0/1' } })
      .toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(8);
    expect(input.includes(Buffer.from('Camera'))).toBe(true);
    const out = await prepareImage(input, { maxBytes: IMAGE_MAX_BYTES, name: 'photo.jpg' });
    expect([out.width, out.height]).toEqual([100, 300]);
    const meta = await sharp(out.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(out.data.includes(Buffer.from('Camera'))).toBe(false);
  });

  it('keeps a transparent image as PNG when it fits', async () => {
    const input = await sharp({ create: { width: 200, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const out = await prepareImage(input, { maxBytes: IMAGE_MAX_BYTES, name: 'logo.png' });
    expect(out.mime).toBe('image/png');
    expect((await sharp(out.data).metadata()).hasAlpha).toBe(true);
  });

  it('takes tiny images as they are, only re-encoded', async () => {
    const input = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const out = await prepareImage(input, { maxBytes: IMAGE_MAX_BYTES, name: 'dot.png' });
    expect([out.mime, out.width, out.height]).toEqual(['image/jpeg', 50, 40]);
  });

  it('refuses bytes that are not an image, naming the file', async () => {
    const e = await prepareImage(Buffer.from('not an image at all'), { maxBytes: IMAGE_MAX_BYTES, name: 'notes.txt' }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(PlatformError);
    expect((e as PlatformError).message).toBe('notes.txt is not an image Kairos can read. Attach it again as PNG, JPEG, GIF or WebP.');
  });

  it('makes a small JPEG data URL for the composer', async () => {
    const url = await previewDataUrl(await noisePng(1200, 600));
    expect(url).toMatch(/^data:image\/jpeg;base64,/);
    const meta = await sharp(Buffer.from(url.split(',')[1] ?? '', 'base64')).metadata();
    expect(meta.width).toBe(600);
  });
});
