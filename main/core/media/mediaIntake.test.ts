// What may become media: a file by path only from the CLI (regular files, no links or devices), bytes only when they are what they claim.

import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_MAX_BYTES } from '../../../shared/contract/media';
import { ONE_PIXEL_PNG, ZIP_START as ZIP } from '../../testing/mediaSamples';
import { type TempBackend, tempBackend } from '../../testing/tempBackend';
import { isSystemError } from '../parse';

let t: TempBackend;
let files: string;
const storedFiles = () => {
  try {
    return readdirSync(join(t.dir, 'media'));
  } catch (e) {
    // No media folder yet: nothing stored.
    if (isSystemError(e) && e.code === 'ENOENT') return [];
    throw e;
  }
};

beforeEach(async () => {
  t = await tempBackend({ prefix: 'kairos-media-intake-' });
  files = join(t.dir, 'outside');
  mkdirSync(files);
});
afterEach(() => t.close());

describe('a file by path (the CLI)', () => {
  it('adds a real image', async () => {
    writeFileSync(join(files, 'dot.png'), ONE_PIXEL_PNG);
    const m = await t.backend.call('media.addFile', { path: join(files, 'dot.png') });
    expect([m.fileName, m.mime, m.width, m.height]).toEqual(['dot.png', 'image/png', 1, 1]);
  });

  it('refuses a symbolic link, so x.png -> a private file is never read', async () => {
    writeFileSync(join(files, 'shadow'), 'root:$6$secret-hash:19000:0:99999:7:::\n');
    symlinkSync(join(files, 'shadow'), join(files, 'x.png'));
    const r = await t.backend.invoke('media.addFile', { path: join(files, 'x.png') });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(r.ok ? '' : r.error.message).toMatch(/x\.png is a link to another file/);
    expect(r.ok ? '' : r.error.message).not.toContain('secret');
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a FIFO without opening it, even with a writer waiting', { timeout: 20_000 }, async () => {
    const fifo = join(files, 'pipe.png');
    execFileSync('mkfifo', [fifo]);
    // A writer that blocks until someone opens the pipe: a reader that opens it gets bytes and a ".png".
    const writer = spawn('sh', ['-c', `printf 'not an image' > '${fifo}'`], { stdio: 'ignore' });
    try {
      const r = await t.backend.invoke('media.addFile', { path: fifo });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(r.ok ? '' : r.error.message).toMatch(/pipe\.png is not a regular file/);
      expect(storedFiles()).toEqual([]);
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('refuses devices such as /dev/zero at once', { timeout: 20_000 }, async () => {
    const r = await t.backend.invoke('media.addFile', { path: '/dev/zero' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(r.ok ? '' : r.error.message).toMatch(/zero is not a regular file/);
  });

  it('refuses a file past the size limit before reading it', async () => {
    const big = join(files, 'huge.mp4');
    writeFileSync(big, '');
    truncateSync(big, MEDIA_MAX_BYTES + 1);
    const r = await t.backend.invoke('media.addFile', { path: big });
    expect(r.ok ? '' : r.error.message).toMatch(/huge\.mp4 is larger than 200 MB/);
  });

  it('refuses a text file named like an image and says what it is', async () => {
    writeFileSync(join(files, 'notes.png'), 'Meeting notes: remember the launch.\n');
    const r = await t.backend.invoke('media.addFile', { path: join(files, 'notes.png') });
    expect(r.ok ? '' : r.error.message).toMatch(/notes\.png is not an image or video: it is a text file/);
    expect(storedFiles()).toEqual([]);
  });
});

describe('bytes from a picker, a drop or a paste', () => {
  const add = (fileName: string, mime: string, bytes: Buffer) =>
    t.backend.invoke('media.add', { fileName, mime, dataBase64: bytes.toString('base64') });

  it('adds an image that is what it says', async () => {
    const r = await add('dot.png', 'image/png', ONE_PIXEL_PNG);
    expect(r).toMatchObject({ ok: true, value: { mime: 'image/png', width: 1, height: 1 } });
  });

  it('refuses a PNG that calls itself a JPEG, naming what it really is', async () => {
    const r = await add('photo.jpg', 'image/jpeg', ONE_PIXEL_PNG);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'media' } });
    expect(r.ok ? '' : r.error.message).toMatch(/photo\.jpg is a PNG image, not a JPEG image/);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses an archive named like a video, and text named like an image', async () => {
    const zip = await add('clip.mp4', 'video/mp4', ZIP);
    expect(zip.ok ? '' : zip.error.message).toMatch(/clip\.mp4 is not an image or video: it is a ZIP archive/);
    const text = await add('poster.png', 'image/png', Buffer.from('<!doctype html><p>hi</p>'));
    expect(text.ok ? '' : text.error.message).toMatch(/poster\.png is not an image or video: it is a web page/);
    expect(storedFiles()).toEqual([]);
  });
});
