// Prepares images for Bluesky: upright, metadata (EXIF location included) stripped, resized and recompressed to fit.

import sharp from 'sharp';
import { PlatformError } from '../../core/platforms/types';

/** Blob limits from the lexicons: app.bsky.embed.images and a link card's thumbnail. */
export const IMAGE_MAX_BYTES = 2_000_000;
export const THUMB_MAX_BYTES = 1_000_000;
/** The Bluesky app shows nothing larger; bigger images only cost upload time. */
export const IMAGE_MAX_SIDE = 2000;

export interface PreparedImage {
  readonly data: Buffer;
  readonly mime: 'image/jpeg' | 'image/png';
  readonly width: number;
  readonly height: number;
}

export interface PrepareOptions {
  readonly maxBytes: number;
  readonly maxSide?: number;
  /** For messages. */
  readonly name: string;
}

const QUALITIES = [90, 82, 74, 66, 58, 50] as const;

async function encode(input: Buffer, side: number, format: 'jpeg' | 'png', quality: number): Promise<PreparedImage> {
  // rotate() applies the EXIF orientation; the output carries no metadata because none is asked for.
  let pipeline = sharp(input, { failOn: 'none', animated: false })
    .rotate()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
  pipeline =
    format === 'png'
      ? pipeline.png({ compressionLevel: 9, palette: quality < 90, quality })
      : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { data, mime: format === 'png' ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
}

/**
 * Re-encodes an image so that it fits `maxBytes`: first at full size (up to maxSide) with falling JPEG
 * quality, then smaller and smaller. Images with transparency stay PNG while that fits. Always re-encoded,
 * so no EXIF (camera, GPS position) ever leaves the computer.
 */
export async function prepareImage(input: Buffer, opts: PrepareOptions): Promise<PreparedImage> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { failOn: 'none' }).metadata();
  } catch (e) {
    // sharp reports input it cannot decode with a plain Error ("unsupported image format"); it reads only these bytes.
    if (!(e instanceof Error)) throw e;
    throw new PlatformError('invalid', `${opts.name} is not an image Kairos can read. Attach it again as PNG, JPEG, GIF or WebP.`);
  }
  const longest = Math.max(meta.width ?? 0, meta.height ?? 0);
  if (!longest) throw new PlatformError('invalid', `${opts.name} has no readable size. Attach it again as PNG, JPEG, GIF or WebP.`);
  let side = Math.min(longest, opts.maxSide ?? IMAGE_MAX_SIDE);
  if (meta.hasAlpha) {
    const png = await encode(input, side, 'png', 100);
    if (png.data.length <= opts.maxBytes) return png;
  }
  for (let round = 0; round < 8; round++) {
    for (const quality of QUALITIES) {
      const out = await encode(input, side, 'jpeg', quality);
      if (out.data.length <= opts.maxBytes) return out;
    }
    if (side <= 64) break;
    side = Math.max(64, Math.floor(side * 0.75));
  }
  throw new PlatformError('invalid', `${opts.name} could not be made small enough for Bluesky. Use a simpler or smaller image.`);
}

/** A small JPEG data URL for the composer's link card preview. */
export async function previewDataUrl(input: Buffer): Promise<string> {
  const out = await encode(input, 600, 'jpeg', 70);
  return `data:image/jpeg;base64,${out.data.toString('base64')}`;
}
