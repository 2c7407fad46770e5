// Export report as PDF in the desktop app: printed by Electron's Chromium (printToPDF) in a window that is gone afterwards.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase } from '../../main/core/db/database';
import { seedAnalyticsHistory } from '../../main/testing/analyticsHistory';
import { MISSING_BINARY_REASON, REPO_ROOT } from './electronBinary';
import { executable, launchedTest } from './launch';

const it = launchedTest('kairos-electron-report-', async (dataDir) => {
  const db = await openDatabase(join(dataDir, 'kairos.sqlite'));
  seedAnalyticsHistory(db, { now: Date.now(), days: 120, posts: 360 });
  db.close();
});

test.skip(executable === null, MISSING_BINARY_REASON);

it('Export report prints the PDF with Chromium: page 1 has the headline numbers and the print window is gone', async ({
  kairos,
}, testInfo) => {
  const { app, page, dataDir } = kairos;
  await page.getByRole('navigation').getByRole('link', { name: 'Analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  const postsCard = ((await page.getByTestId('headline-posts').locator('.analytics__card-value').textContent()) ?? '').trim();
  const engagementsCard = ((await page.getByTestId('headline-engagements').locator('.analytics__card-value').textContent()) ?? '').trim();
  expect(postsCard).not.toBe('');
  const windowsBefore = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);

  // The save dialog is the OS's; answer it as a person choosing a file in the data folder would.
  const pdf = join(dataDir, 'report.pdf');
  await app.evaluate(({ session }, path) => {
    const saved = new Promise<string>((resolve) => {
      session.defaultSession.once('will-download', (_event, item) => {
        item.setSavePath(path);
        item.once('done', (_e, state) => resolve(state));
      });
    });
    (globalThis as { reportSaved?: Promise<string> }).reportSaved = saved;
  }, pdf);
  await page.locator('.analytics__actions').getByRole('combobox', { name: 'Format' }).selectOption('pdf');
  await page.getByRole('button', { name: 'Export report' }).click();
  expect(await app.evaluate(() => (globalThis as { reportSaved?: Promise<string> }).reportSaved)).toBe('completed');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(windowsBefore);

  expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Producer:\s+Skia\/PDF/);
  const work = mkdtempSync(join(tmpdir(), 'kairos-electron-pdf-'));
  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, join(work, 'page')]);
    const png = readdirSync(work).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png, 'pdftoppm rendered the first page').toBeDefined();
    const shots = join(REPO_ROOT, 'test-results', 'screenshots');
    mkdirSync(shots, { recursive: true });
    copyFileSync(join(work, png as string), join(shots, 'electron-report-pdf-page-1.png'));
    await testInfo.attach('report-page-1.png', { path: join(shots, 'electron-report-pdf-page-1.png'), contentType: 'image/png' });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
  expect(page1).toContain('Posts published');
  expect(page1).toContain(postsCard);
  expect(page1).toContain(engagementsCard);
  expect(page1).toMatch(/Page 1 of \d+/);
});
