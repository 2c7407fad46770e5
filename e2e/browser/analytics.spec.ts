// The analytics view on months of seeded history: cards, charts with text alternatives, Italian, dark mode, a post's
// numbers and context, and Export report producing a PDF whose first page (rendered by poppler) carries the headline numbers.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { openDatabase } from '../../main/core/db/database';
import { seedAnalyticsHistory } from '../../main/testing/analyticsHistory';
import { expectNoSeriousA11yViolations, keepScreenshot } from '../support/fixtures';
import { type KairosServer, ROOT, startKairos } from '../support/kairos';

const CLI = join(ROOT, 'dist', 'main', 'cli.js');

async function seededDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-e2e-analytics-'));
  const db = await openDatabase(join(dir, 'kairos.sqlite'));
  seedAnalyticsHistory(db, { now: Date.now(), days: 120, posts: 360 });
  db.close();
  return dir;
}

const test = base.extend<{ seeded: { kairos: KairosServer; dataDir: string }; app: Page }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring.
  seeded: async ({}, use, testInfo) => {
    const dataDir = await seededDataDir();
    const kairos = await startKairos({ dataDir });
    try {
      await use({ kairos, dataDir });
    } finally {
      await kairos.stop();
      await testInfo.attach('kairos-serve.log', { body: kairos.output(), contentType: 'text/plain' });
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  app: async ({ page, seeded }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    await page.goto(seeded.kairos.openUrl);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

// The app's CSP refuses injected scripts, as it should; these checks lift it only to load axe-core.
test.use({ bypassCSP: true });

async function openAnalytics(page: Page, name = 'Analytics'): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('shows headline cards, charts with text alternatives and the audience for the last 28 days', async ({ app, seeded }, testInfo) => {
  await openAnalytics(app);
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 27 * 86_400_000).toISOString().slice(0, 10);
  const expected = await seeded.kairos.invoke('analytics.view', { from, to: today, timeZone: 'UTC' });
  const posts = expected.headline.find((h) => h.key === 'posts')?.value ?? 0;
  expect(posts).toBeGreaterThan(50);
  await expect(app.getByTestId('headline-posts')).toContainText(posts.toLocaleString('en'));
  await expect(app.getByTestId('headline-followers')).toContainText('+140');

  const overTime = app.getByRole('img', { name: /Engagements per day over 28 days/ });
  await expect(overTime).toBeVisible();
  await expect(app.getByTestId('chart-over-time').locator('figcaption')).toContainText('Engagements per day over 28 days');
  await expect(app.getByRole('img', { name: /replies and mentions by weekday and hour/ })).toBeVisible();
  await expect(app.getByRole('img', { name: /Engagements by network: / })).toBeVisible();
  expect(await app.locator('.chart__bar').count()).toBeGreaterThan(20);
  await app.getByTestId('chart-networks').getByText('Show the numbers').click();
  await expect(app.getByTestId('chart-networks').getByRole('rowheader', { name: 'mastodon' })).toBeVisible();

  await expect(app.getByRole('region', { name: 'Top posts' }).getByRole('listitem')).toHaveCount(5);
  await expect(app.getByTestId('audience')).toContainText('Questions asked');
  await expect(app.getByTestId('audience')).toContainText('When does the shop open on Sundays?');
  await expect(app.getByText(/^No numbers for Community: Discord webhooks report none/)).toBeVisible();
  await expect(app.getByText('Storm warning in the city').first()).toBeVisible();
  await keepScreenshot(app, testInfo, 'analytics-28-days');
  await expectNoSeriousA11yViolations(app, testInfo, 'analytics view');

  // 90 days, one account: the cards follow.
  await app.getByRole('radio', { name: 'Last 90 days' }).check();
  await app.getByRole('checkbox', { name: 'Brand Bsky' }).check();
  const bsky = await seeded.kairos.invoke('analytics.view', {
    from: new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10),
    to: today,
    timeZone: 'UTC',
    accountIds: ['acc_hist_b'],
  });
  await expect(app.getByTestId('headline-posts')).toContainText(String(bsky.headline[0]?.value));
  await expect(app.getByRole('img', { name: /Engagements per day over 90 days/ })).toBeVisible();

  // A post's numbers over time and the moment it went out.
  await app.getByRole('region', { name: 'Top posts' }).getByRole('button', { name: 'Details' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Post numbers' });
  await expect(dialog.getByRole('rowheader', { name: /1 hour/ })).toBeVisible();
  await expect(dialog).toContainText('When it went out');
  await expect(dialog).toContainText('Bluesky counts from the AppView');
  await keepScreenshot(app, testInfo, 'analytics-post-numbers');
});

test('works in Italian and in dark mode', async ({ app, seeded }, testInfo) => {
  await seeded.kairos.invoke('settings.set', { key: 'locale', value: 'it' });
  await seeded.kairos.invoke('settings.set', { key: 'theme', value: 'dark' });
  await openAnalytics(app, 'Statistiche');
  await expect(app.getByRole('heading', { name: 'Interazioni nel tempo' })).toBeVisible();
  await expect(app.getByRole('img', { name: /Interazioni al giorno in 28 giorni/ })).toBeVisible();
  await expect(app.getByTestId('headline-posts')).toContainText('Post pubblicati');
  const fills = await app
    .locator('.chart__heat--0')
    .first()
    .evaluate((el) => getComputedStyle(el).fill);
  const background = await app.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor);
  // Dark mode: empty heat-map cells are dark, not the light theme's pale grey.
  const lum = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((s, v) => s + Number(v), 0);
  expect(lum(fills)).toBeLessThan(300);
  expect(lum(background)).toBeLessThan(200);
  await keepScreenshot(app, testInfo, 'analytics-italian-dark');
});

test('Export report downloads a PDF whose first page shows the headline numbers', async ({ app, seeded }, testInfo) => {
  await openAnalytics(app);
  const postsCard = (await app.getByTestId('headline-posts').locator('.analytics__card-value').textContent()) ?? '';
  const engagementsCard = (await app.getByTestId('headline-engagements').locator('.analytics__card-value').textContent()) ?? '';
  await app.locator('.analytics__actions').getByRole('combobox', { name: 'Format' }).selectOption('pdf');
  const downloading = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export report' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kairos-report-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
  const work = mkdtempSync(join(tmpdir(), 'kairos-e2e-pdf-'));
  try {
    const pdf = join(work, 'report.pdf');
    await download.saveAs(pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, join(work, 'page')]);
    const png = readdirSync(work).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png, 'pdftoppm rendered the first page').toBeDefined();
    await testInfo.attach('report-page-1.png', { path: join(work, png as string), contentType: 'image/png' });
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
    expect(page1).toContain('Posts published');
    expect(page1).toContain(postsCard.trim());
    expect(page1).toContain(engagementsCard.trim());
    // Show the rendered page itself, as a person checking the report would.
    await app.goto(`data:image/png;base64,${readFileSync(join(work, png as string)).toString('base64')}`);
    await keepScreenshot(app, testInfo, 'analytics-report-pdf-page-1');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  expect(seeded.dataDir).toBeTruthy();
});

test('the built kairos report command writes PDF and CSV files and explains bad input', async ({ seeded }) => {
  // A second process on the same data folder, as a scheduled job would run it next to the app.
  const work = mkdtempSync(join(tmpdir(), 'kairos-e2e-cli-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args, '--data-dir', seeded.dataDir], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  try {
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
    const pdf = run('report', '--from', from, '--to', to, '--format', 'pdf', '--out', join(work, 'brief.pdf'), '--lang', 'it');
    expect(pdf.stderr).toBe('');
    expect(pdf.status).toBe(0);
    expect(pdf.stdout).toMatch(/^Wrote PDF report for .* \(\d+ bytes\)\.\n$/);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', join(work, 'brief.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Post pubblicati');

    const csv = run(
      'report',
      '--from',
      from,
      '--to',
      to,
      '--format',
      'csv',
      '--accounts',
      'Brand',
      '--labels',
      'launch',
      '--out',
      join(work, 'posts.csv'),
    );
    expect(csv.status).toBe(0);
    const rows = readFileSync(join(work, 'posts.csv'), 'utf8');
    expect(rows.charCodeAt(0)).toBe(0xfeff);
    const lines = rows.trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.slice(1).every((l) => l.includes(',Brand,mastodon,') && l.includes(',launch,'))).toBe(true);

    const bad = run('report', '--from', '2026-13-01', '--to', to, '--out', join(work, 'x.pdf'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/kairos: .*date/i);
    expect(existsSync(join(work, 'x.pdf'))).toBe(false);
    const unknown = run('report', '--from', from, '--to', to, '--accounts', 'Nobody', '--out', join(work, 'y.pdf'));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('kairos: Unknown account "Nobody". See "kairos accounts list".\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
