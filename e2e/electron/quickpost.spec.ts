// The desktop extras end to end: the tray menu's items, and the quick-post window opened from the tray and from a launch flag.

import { spawn } from 'node:child_process';
import { type ElectronApplication, expect, test } from '@playwright/test';
import { MISSING_BINARY_REASON } from './electronBinary';
import { executable, launchArgs, launchedTest, type WithBridge } from './launch';

test.skip(executable === null, MISSING_BINARY_REASON);

// The same key main/electron/tray.ts publishes the menu under (Symbol.for is shared across the process).
const TRAY_MENU_KEY = 'kairos.trayMenu';

const it = launchedTest('kairos-electron-quickpost-');

async function trayLabels(app: ElectronApplication): Promise<string[]> {
  return app.evaluate((_electron, key) => {
    const handle = Reflect.get(globalThis, Symbol.for(key)) as { labels(): string[] } | undefined;
    return handle ? handle.labels() : [];
  }, TRAY_MENU_KEY);
}

async function clickTray(app: ElectronApplication, label: string): Promise<boolean> {
  return app.evaluate(
    (_electron, [key, item]) => {
      const handle = Reflect.get(globalThis, Symbol.for(key as string)) as { click(label: string): boolean } | undefined;
      return handle ? handle.click(item as string) : false;
    },
    [TRAY_MENU_KEY, label],
  );
}

const windowUrls = (app: ElectronApplication) =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));

it('shows the next post, quick post, pause, open and quit in the tray', async ({ kairos }) => {
  const { app } = kairos;
  // The status lines fill in once the backend has answered.
  await expect.poll(async () => (await trayLabels(app)).some((l) => l === 'Pause publishing' || l === 'Resume publishing')).toBe(true);
  const labels = await trayLabels(app);
  expect(labels).toContain('Quick post…');
  expect(labels[0]).toBe('Open Kairos');
  expect(labels.at(-1)).toBe('Quit');
  expect(labels).toContain('No posts scheduled (disabled)');
});

it('opens the quick-post window from the tray, small, on top, and allowed to use the contract', async ({ kairos }) => {
  const { app } = kairos;
  await expect.poll(() => trayLabels(app)).toContain('Quick post…');
  expect(await clickTray(app, 'Quick post…')).toBe(true);
  const quick = await app.waitForEvent('window', { predicate: (p) => p.url().endsWith('#/quick-post') });
  await quick.waitForLoadState('domcontentloaded');
  const shape = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows().find((x) => x.webContents.getURL().endsWith('#/quick-post'));
    if (!w) return null;
    const [width, height] = w.getSize();
    return { width, height, onTop: w.isAlwaysOnTop() };
  });
  expect(shape).toMatchObject({ onTop: true });
  expect(shape?.width).toBeLessThan(700);
  expect(shape?.height).toBeLessThan(600);
  const reply = await quick.evaluate(() => (window as WithBridge).kairos?.invoke('app.preferences.get', {}));
  expect(reply).toMatchObject({ ok: true, value: { quickPostShortcut: 'CommandOrControl+Shift+K' } });

  // Opening it again reuses the one window.
  expect(await clickTray(app, 'Quick post…')).toBe(true);
  expect((await windowUrls(app)).filter((u) => u.endsWith('#/quick-post'))).toHaveLength(1);
});

it('registers the quick-post shortcut, or says in Settings why it could not', async ({ kairos }) => {
  const { app, page } = kairos;
  const registered = await app.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Shift+K'));
  const prefs = await page.evaluate(() => (window as WithBridge).kairos?.invoke('app.preferences.get', {}));
  const problem = (prefs as { value?: { problems?: { quickPostShortcut: string | null } } }).value?.problems?.quickPostShortcut ?? null;
  // Headless CI desktops may refuse global shortcuts; then the refusal must be explained, never silent.
  if (registered) expect(problem).toBeNull();
  else expect(problem).toMatch(/could not use Ctrl\+Shift\+K for quick post/);
});

it('opens quick post when launched again with --quick-post', async ({ kairos }) => {
  const { app, dataDir } = kairos;
  const second = spawn(executable ?? '', launchArgs(dataDir, '--quick-post'), {
    stdio: 'ignore',
    env: { ...process.env, KAIROS_DATA_DIR: '' },
  });
  await new Promise<void>((resolve, reject) => {
    second.once('error', reject);
    second.once('exit', () => resolve());
  });
  await expect.poll(async () => (await windowUrls(app)).some((u) => u.endsWith('#/quick-post'))).toBe(true);
});
