// Each shell reaches only its own channels: the file-path channel is the CLI's, refused over HTTP and IPC alike.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHELL_CHANNELS } from '../../shared/contract';
import { answerRendererInvoke } from '../electron/ipcDispatch';
import { startBrowserServer } from '../http/server';
import { ONE_PIXEL_PNG } from '../testing/mediaSamples';
import { type TempBackend, tempBackend } from '../testing/tempBackend';

let t: TempBackend | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function imageOnDisk(dir: string): string {
  mkdirSync(join(dir, 'outside'), { recursive: true });
  const path = join(dir, 'outside', 'dot.png');
  writeFileSync(path, ONE_PIXEL_PNG);
  return path;
}

describe('per-shell channels', () => {
  it('the browser-mode HTTP route refuses the CLI-only media.addFile', async () => {
    t = await tempBackend({ shell: 'browser', prefix: 'kairos-shell-http-' });
    const server = await startBrowserServer({ backend: t.backend, rendererDir: t.dir });
    try {
      const res = await fetch(`${server.url}/api/invoke/media.addFile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ path: imageOnDisk(t.dir) }),
      });
      const body = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
      expect(body).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      expect(body.error?.message).toMatch(/media\.addFile is not available in browser mode/);
      // The same server still answers what the page may call.
      const info = await fetch(`${server.url}/api/invoke/app.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
        body: '{}',
      });
      expect(await info.json()).toMatchObject({ ok: true });
    } finally {
      await server.close();
    }
  });

  it('the Electron IPC dispatch refuses it too, even from our own window', async () => {
    t = await tempBackend({ shell: 'electron', prefix: 'kairos-shell-ipc-' });
    const r = await answerRendererInvoke(t.backend, true, 'media.addFile', { path: imageOnDisk(t.dir) });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(r.ok ? '' : r.error.message).toMatch(/media\.addFile is not available in the desktop window/);
    expect(await answerRendererInvoke(t.backend, true, 'app.info', {})).toMatchObject({ ok: true });
    expect(await answerRendererInvoke(t.backend, false, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('the lists say so: the CLI has every channel, the page shells lack the path channel', () => {
    expect(SHELL_CHANNELS.cli.has('media.addFile')).toBe(true);
    expect(SHELL_CHANNELS.browser.has('media.addFile')).toBe(false);
    expect(SHELL_CHANNELS.electron.has('media.addFile')).toBe(false);
    expect(SHELL_CHANNELS.electron.has('media.pick')).toBe(true);
    expect(SHELL_CHANNELS.browser.has('media.pick')).toBe(false);
    expect(SHELL_CHANNELS.browser.has('posts.create')).toBe(true);
  });
});
