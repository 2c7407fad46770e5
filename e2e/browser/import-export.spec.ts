// Bringing a plan in and taking it out, as a person would: a CSV with problems, the fix, exports, the feed URL, first comment and evergreen.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import ICAL from 'ical.js';
import { MastodonFake } from '../../main/testing/mastodonFake';
import { connectDiscord, expect, keepScreenshot, test, utcDateAhead } from '../support/fixtures';
import { ROOT } from '../support/kairos';

const CLI = join(ROOT, 'dist', 'main', 'cli.js');

async function openTransfer(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import & export' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import & export' })).toBeVisible();
}

const BAD = [
  'date,time,time_zone,text,accounts,labels',
  '2030-03-10,09:00,Europe/Rome,Spring is coming,Community,season',
  '2030-03-31,02:30,Europe/Rome,Clocks jump tonight,Community,season',
  '2030-03-11,09:00,Europe/Rome,Who is this for?,Nobody,season',
  `2030-03-12,09:00,Europe/Rome,"=cmd|' /C calc'!A0",Community,season`,
].join('\n');
const FIXED = BAD.replace('Nobody', 'Community').replace(`"=cmd|' /C calc'!A0"`, 'A safe line');

test('a CSV with problems is previewed with each one, nothing is saved, and the fixed file imports', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  const dir = mkdtempSync(join(tmpdir(), 'kairos-e2e-import-'));
  try {
    // The built command line sees the same problems and saves nothing.
    const file = join(dir, 'plan.csv');
    writeFileSync(file, BAD);
    const dry = spawnSync(process.execPath, [CLI, 'import', file, '--dry-run', '--data-dir', kairos.dataDir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(dry.status).toBe(1);
    expect(dry.stdout).toContain('4 rows: 2 ready, 2 with problems, 1 with notes.');
    expect(dry.stdout).toContain('ERROR: Unknown account "Nobody"');
    expect(dry.stdout).toContain('Dry run: nothing was saved.');

    await openTransfer(page);
    await page.getByTestId('import-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByTestId('import-counts')).toHaveText('2 rows ready · 2 rows with problems · 1 row with notes');
    await expect(
      preview.getByText('2030-03-31 02:30 does not exist in Europe/Rome (clocks jump forward 1 hour); it became 03:30.'),
    ).toBeVisible();
    await expect(preview.getByText(/Unknown account "Nobody"/)).toBeVisible();
    await expect(preview.getByText(/which a spreadsheet runs as a formula/)).toBeVisible();
    await expect(preview.getByRole('button', { name: 'Import 4 posts' })).toBeDisabled();
    await keepScreenshot(page, testInfo, 'import-preview-problems');
    expect(await kairos.invoke('posts.list', {})).toEqual([]);

    // Dropped on the page this time, after fixing the file.
    const dropped = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'plan-fixed.csv', { type: 'text/csv' }));
      return dt;
    }, FIXED);
    await page.getByTestId('import-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(preview.getByTestId('import-counts')).toHaveText('4 rows ready · 0 rows with problems · 1 row with notes');
    await preview.getByRole('button', { name: 'Import 4 posts' }).click();
    await expect(page.getByText('Imported 4 posts: 4 scheduled, 0 drafts.').first()).toBeVisible();
    await keepScreenshot(page, testInfo, 'import-done');
    const posts = await kairos.invoke('posts.list', {});
    expect(posts.map((p) => p.text)).toEqual(['Spring is coming', 'Who is this for?', 'A safe line', 'Clocks jump tonight']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('in Italian, each row problem and DST note of the preview reads in Italian, worded from its code', async ({
  app: page,
  discord,
  kairos,
}) => {
  await connectDiscord(kairos, discord, 'Community', 'community');
  await kairos.invoke('settings.set', { key: 'locale', value: 'it' });
  await page.getByRole('link', { name: 'Importa ed esporta' }).click();
  await page.getByTestId('import-file').setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD) });
  const preview = page.getByTestId('import-preview');
  await expect(
    preview.getByText('Le 02:30 del 2030-03-31 non esistono a Europe/Rome (l’ora va avanti di 1 ora); sono diventate le 03:30.'),
  ).toBeVisible();
  await expect(preview.getByText(/Account sconosciuto «Nobody»/)).toBeVisible();
  await expect(preview.getByText(/che un foglio di calcolo esegue come formula/)).toBeVisible();
  await expect(preview.getByText(/Unknown account|does not exist in/)).toHaveCount(0);
});

test('exports download as files, and the feed URL serves the schedule until it is turned off', async ({
  app: page,
  discord,
  kairos,
}, testInfo) => {
  const account = await connectDiscord(kairos, discord, 'Community', 'community');
  // Within the year ahead a subscribed feed shows.
  const day = utcDateAhead(30);
  await kairos.invoke('posts.create', {
    text: '=SUM(1,2) is not a formula here, and this line has ; and , in it',
    accountIds: [account.id],
    labels: ['launch'],
    when: { kind: 'at', wall: { date: day, time: '10:00', timeZone: 'UTC' } },
  });
  await openTransfer(page);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Posts as CSV' }).click();
  const csv = readFileSync((await (await csvDownload).path()) as string, 'utf8');
  expect(csv.startsWith('\uFEFFpost_id,status,scheduled_utc,date,time,time_zone,accounts')).toBe(true);
  expect(csv).toContain(`"'=SUM(1,2) is not a formula here, and this line has ; and , in it"`);

  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Posts as JSON' }).click();
  const json = JSON.parse(readFileSync((await (await jsonDownload).path()) as string, 'utf8')) as {
    posts: { wallTime: string; labels: string[] }[];
  };
  expect(json.posts).toMatchObject([{ wallTime: '10:00', labels: ['launch'] }]);

  await page.getByRole('button', { name: 'New schedule feed' }).click();
  const url = await page.getByTestId('feed-url').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feeds\/[\w-]+\/schedule\.ics$/);
  await keepScreenshot(page, testInfo, 'feed-created');
  // Fetched the way a calendar server would: no cookie, no session token.
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const events = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events.map((e) => e.summary)).toEqual(['=SUM(1,2) is not a formula here, and this line has ; and , … · Discord']);
  expect(events[0]?.description).toContain('=SUM(1,2) is not a formula here, and this line has ; and , in it\n\nNetworks: Discord');
  expect(events[0]?.startDate.toJSDate().toISOString()).toBe(`${day}T10:00:00.000Z`);

  await page.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('Turned off')).toBeVisible();
  expect((await fetch(url)).status).toBe(404);
});

test('a first comment shows in the thread preview and is posted after the post; an evergreen post joins its queue', async ({
  app: page,
  kairos,
}, testInfo) => {
  const fake = await new MastodonFake({}).start();
  const user = fake.createUser('alice', 'Alice');
  try {
    await kairos.invoke('accounts.connect', {
      platform: 'mastodon',
      name: 'Brand',
      instance: fake.origin,
      accessToken: fake.issueToken(user.id),
    });
    await page.getByRole('button', { name: 'New post' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New post' });
    await dialog.getByRole('checkbox', { name: /Brand/ }).check();
    await dialog.getByLabel('Text').fill('Our guide is out');
    await dialog.getByRole('checkbox', { name: 'Add a first comment' }).check();
    await dialog.getByRole('textbox', { name: 'First comment' }).fill('Read it here: https://example.org/guide');
    await dialog.getByLabel('Minutes after the post').fill('0');
    await dialog.getByRole('checkbox', { name: 'Evergreen: re-post into free slots' }).check();
    await dialog.getByLabel('Other wordings, one per line').fill('The guide, once more');
    const comment = dialog.getByTestId('first-comment-preview');
    await expect(comment).toContainText('First comment, right after');
    await expect(comment).toContainText('Read it here: https://example.org/guide');
    await keepScreenshot(page, testInfo, 'composer-first-comment');
    await dialog.getByRole('button', { name: 'Post now' }).click();
    await expect(dialog).toBeHidden();

    await expect
      .poll(() => fake.statusesOf(user.id).map((s) => s.text), { timeout: 30_000 })
      .toEqual(['Our guide is out', 'Read it here: https://example.org/guide']);
    const [first, reply] = fake.statusesOf(user.id);
    expect(reply?.inReplyToId).toBe(first?.id);

    const [post] = await kairos.invoke('posts.list', {});
    expect(post?.options).toMatchObject({ evergreen: true, evergreenVariants: ['The guide, once more'] });
    // A labelled evergreen post joins the label's queue.
    await kairos.invoke('posts.create', {
      text: 'Ten tips that never get old',
      accountIds: post?.targets.map((t) => t.accountId) ?? [],
      labels: ['guides'],
      options: { evergreen: true },
      when: { kind: 'at', wall: { date: '2030-01-07', time: '09:00', timeZone: 'Europe/Rome' } },
    });
    await openTransfer(page);
    const form = page.locator('.transfer__evergreen-form');
    await form.getByLabel('Label').fill('guides');
    await form.getByLabel('At most every (days)').fill('30');
    await form.getByRole('button', { name: 'Save queue' }).click();
    const queue = page.getByTestId('evergreen-queue-guides');
    await expect(queue).toContainText('1 evergreen post');
    await expect(queue).toContainText('Ten tips that never get old');
    await expect(queue).toContainText('an identical repeat may be hidden as spam on mastodon');
    await keepScreenshot(page, testInfo, 'evergreen-queue');
  } finally {
    await fake.stop();
  }
});
