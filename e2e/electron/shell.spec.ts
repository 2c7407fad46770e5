// The Electron shell end to end: one secure window on the calendar, and a second launch that only focuses it.

import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { MISSING_BINARY_REASON } from './electronBinary';
import { executable, launchArgs, launchedTest, type WithBridge } from './launch';

test.skip(executable === null, MISSING_BINARY_REASON);

const it = launchedTest('kairos-electron-');

it('opens one window on the calendar, served from the app protocol', async ({ kairos }) => {
  const { page } = kairos;
  await expect(page).toHaveURL(/^app:\/\/kairos\//);
  await expect(page.getByRole('heading', { name: /calendar/i }).first()).toBeVisible();
  const info = await page.evaluate(() => (window as WithBridge).kairos?.invoke('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { shell: 'electron', dataDir: kairos.dataDir } });
});

it('runs the page isolated, sandboxed and under the content security policy', async ({ kairos }) => {
  const { app, page } = kairos;
  await page.waitForLoadState('domcontentloaded');

  const preferences = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> };
    if (typeof contents?.getLastWebPreferences !== 'function') return 'getLastWebPreferences is not available in this Electron';
    const p = contents.getLastWebPreferences();
    return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
  });
  expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });

  const inPage = await page.evaluate(() => {
    const g = globalThis as Record<string, unknown>;
    const bridge = (window as WithBridge).kairos;
    let evalResult = 'allowed';
    try {
      new Function('return 1')();
    } catch {
      evalResult = 'blocked';
    }
    return {
      node: [typeof g.require, typeof g.process, typeof g.module, typeof g.Buffer],
      bridgeKeys: Object.keys(bridge ?? {}).sort(),
      shell: bridge?.shell,
      popup: window.open('https://example.com/') === null ? 'denied' : 'opened',
      evalResult,
    };
  });
  expect(inPage).toEqual({
    node: ['undefined', 'undefined', 'undefined', 'undefined'],
    bridgeKeys: ['invoke', 'onEvent', 'shell'],
    shell: 'electron',
    popup: 'denied',
    evalResult: 'blocked',
  });
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

it('a second launch focuses the existing window instead of opening another', async ({ kairos }) => {
  const { app, dataDir } = kairos;
  const second = spawn(executable ?? '', launchArgs(dataDir), { stdio: 'ignore', env: { ...process.env, KAIROS_DATA_DIR: '' } });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    second.once('error', reject);
    second.once('exit', (code) => resolve(code));
  });
  expect(exitCode).toBe(0);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(app.windows()).toHaveLength(1);
});
