// A person connects Telegram (fake Bot API) and Nostr (real relays, one down) through their forms, composes one post
// for both and Discord with a preview per network, publishes it once, and sees the same screens in Italian.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { type LocalRelay, startLocalRelay } from '../../main/testing/nostr/localRelay';
import type { FakeBot, TelegramFake } from '../../main/testing/telegramFake/server';
import { wallTimeOf } from '../../shared/time/wallTime';
import { connectDiscord, expect, expectNoSeriousA11yViolations, keepScreenshot, openView, test } from '../support/fixtures';
import { ROOT } from '../support/kairos';
import { BRAND_CHANNEL, startTelegramChannel } from '../support/networks';

interface Networks {
  readonly telegram: TelegramFake;
  readonly bot: FakeBot;
  readonly relays: readonly LocalRelay[];
  readonly downRelay: string;
}

const CHANNEL = BRAND_CHANNEL;

const it = test.extend<{ networks: Networks }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring.
  networks: async ({}, use) => {
    const { telegram, bot } = await startTelegramChannel();
    const relays = [await startLocalRelay(), await startLocalRelay()];
    const down = await startLocalRelay();
    await down.stop();
    try {
      await use({ telegram, bot, relays, downRelay: down.url });
    } finally {
      await telegram.stop();
      for (const r of relays) await r.stop();
    }
  },
});

// axe-core is injected as a script; the CSP itself is covered by security.spec.ts.
it.use({ bypassCSP: true });

function soon(timeZone: string): { date: string; time: string } {
  const target = Date.now() + 2_000;
  const instant = (target % 60_000) / 1000 >= 45 ? target - (target % 60_000) + 60_000 : target - (target % 60_000);
  const wall = wallTimeOf(instant, timeZone);
  return { date: wall.date, time: wall.time };
}

it('connect Telegram and Nostr through their forms, compose for them and Discord, publish once, in English and Italian', async ({
  app: page,
  kairos,
  discord,
  networks,
}, testInfo) => {
  const sk = generateSecretKey();
  await connectDiscord(kairos, discord, 'Community');

  await openView(page, 'Accounts');
  await page.getByLabel('Network').selectOption({ label: 'Telegram' });
  const tg = page.getByRole('form', { name: 'Connect Telegram' });
  await tg.getByLabel('Name').fill('Brand on Telegram');
  await tg.getByLabel('Bot token').fill(networks.bot.token);
  await tg.getByLabel(/Bot API server/).fill(networks.telegram.origin);
  await tg.getByRole('button', { name: 'Find the bot’s chats' }).click();
  await expect(tg.getByText('@brand_news_bot is in 1 chat.')).toBeVisible();
  await expect(tg.getByLabel('Channel or group')).toHaveValue(String(CHANNEL.id));
  await tg.getByLabel(/Post silently/).check();
  await keepScreenshot(page, testInfo, 'telegram-form');
  await expectNoSeriousA11yViolations(page, testInfo, 'telegram-form');
  await tg.getByRole('button', { name: 'Connect' }).click();
  const accounts = page.getByRole('list', { name: 'Connected accounts' });
  await expect(accounts.getByText('Brand on Telegram')).toBeVisible();
  await expect(accounts.getByText('@brandnews')).toBeVisible();
  await expect(page.getByText(networks.bot.token)).toHaveCount(0);

  await page.getByLabel('Network').selectOption({ label: 'Nostr' });
  const ns = page.getByRole('form', { name: 'Connect Nostr' });
  await ns.getByLabel('Name').fill('Brand on Nostr');
  await ns.getByLabel('Use my secret key (nsec)').check();
  await ns.getByLabel('Secret key', { exact: true }).fill(nsecEncode(sk));
  await ns.getByLabel('Relays', { exact: true }).fill([...networks.relays.map((r) => r.url), networks.downRelay].join('\n'));
  await keepScreenshot(page, testInfo, 'nostr-form');
  await expectNoSeriousA11yViolations(page, testInfo, 'nostr-form');
  await ns.getByRole('button', { name: 'Connect' }).click();
  await expect(accounts.getByText('Brand on Nostr')).toBeVisible();
  await expect(accounts.getByText(/^npub1/)).toBeVisible();
  await keepScreenshot(page, testInfo, 'telegram-nostr-connected');

  const settings = await kairos.invoke('settings.get', {});
  const text = `Harbour lights <tonight> & #music ${Date.now()}`;
  await openView(page, 'Calendar');
  await page.getByRole('button', { name: 'New post' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New post' });
  await dialog.getByLabel('Text').fill(text);
  for (const name of ['Community', 'Brand on Telegram', 'Brand on Nostr'])
    await dialog.getByRole('checkbox', { name: new RegExp(name) }).check();
  await expect(dialog.getByText(new RegExp(`Brand on Telegram: ${text.length} / 4,096`))).toBeVisible();
  await expect(dialog.getByText(new RegExp(`Brand on Nostr: ${[...text].length} / 16,000`))).toBeVisible();
  await expect(dialog.getByText(new RegExp(`Community: ${[...text].length} / 2,000`))).toBeVisible();
  const previews = dialog.getByRole('tablist', { name: 'Preview' });
  for (const name of ['Brand on Telegram', 'Brand on Nostr', 'Community']) {
    await previews.getByRole('tab', { name }).click();
    const panel = dialog.getByRole('tabpanel');
    await expect(panel.getByText(name, { exact: true })).toBeVisible();
    await expect(panel.getByText('#music')).toBeVisible();
    await keepScreenshot(page, testInfo, `preview-${name.toLowerCase().replace(/\s+/g, '-')}`);
  }
  const when = soon(settings.timeZone);
  await dialog.getByLabel('Date', { exact: true }).fill(when.date);
  await dialog.getByLabel('Time', { exact: true }).fill(when.time);
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();

  const chip = page.locator(`[data-date="${when.date}"]`).getByRole('button', { name: /Harbour lights/ });
  await expect(chip).toHaveAttribute('data-status', 'published', { timeout: 30_000 });
  await chip.click();
  const postDialog = page.getByRole('dialog', { name: 'Post' });
  await expect(
    postDialog.locator('.target', { hasText: 'Brand on Telegram' }).getByRole('link', { name: 'Open on Telegram' }),
  ).toHaveAttribute('href', 'https://t.me/brandnews/1');
  await expect(postDialog.locator('.target', { hasText: 'Brand on Nostr' }).getByRole('link', { name: 'Open on Nostr' })).toHaveAttribute(
    'href',
    /^https:\/\/njump\.me\/nevent1/,
  );
  await keepScreenshot(page, testInfo, 'telegram-nostr-published');

  // Each network got the post exactly once, as written.
  expect(networks.telegram.messagesIn(CHANNEL.id).map((m) => [m.text, m.silent])).toEqual([[text, true]]);
  expect(discord.messages.map((m) => m.content)).toEqual([text]);
  for (const relay of networks.relays) {
    const notes = await relay.events({ kinds: [1], authors: [getPublicKey(sk)] });
    expect(notes.map((n) => [n.content, n.tags])).toEqual([[text, [['t', 'music']]]]);
  }

  // The same screens in Italian.
  await postDialog.getByRole('button', { name: /Close/ }).first().click();
  await kairos.invoke('settings.set', { key: 'locale', value: 'it' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await page
    .getByRole('navigation', { name: /Principale|Main/ })
    .getByRole('link', { name: 'Account' })
    .click();
  await page.getByLabel('Rete').selectOption({ label: 'Telegram' });
  await expect(page.getByRole('form', { name: 'Collega Telegram' }).getByLabel('Token del bot')).toBeVisible();
  await keepScreenshot(page, testInfo, 'telegram-form-it');
  await page.getByLabel('Rete').selectOption({ label: 'Nostr' });
  await expect(page.getByRole('form', { name: 'Collega Nostr' }).getByLabel('Relay', { exact: true })).toBeVisible();
  await keepScreenshot(page, testInfo, 'nostr-form-it');
  await page.getByRole('button', { name: 'Nuovo post' }).first().click();
  const nuovo = page.getByRole('dialog', { name: 'Nuovo post' });
  await nuovo.getByLabel('Testo').fill('Luci sul porto stasera #musica');
  for (const name of ['Brand on Telegram', 'Brand on Nostr']) await nuovo.getByRole('checkbox', { name: new RegExp(name) }).check();
  await expect(nuovo.getByText('Brand on Telegram: 30 / 4096')).toBeVisible();
  await expect(nuovo.getByText('Brand on Nostr: 30 / 16.000')).toBeVisible();
  await expect(nuovo.getByLabel('Invia su Telegram senza suono di notifica')).toBeVisible();
  await nuovo.getByRole('tab', { name: 'Brand on Nostr' }).click();
  await expect(nuovo.getByRole('tabpanel').getByText('#musica')).toBeVisible();
  await keepScreenshot(page, testInfo, 'telegram-nostr-composer-it');
});

it('the built kairos command adds Telegram from a token file and Nostr from an nsec file, and posts to both', async ({ networks }) => {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-cli-tgnostr-'));
  const run = (...argv: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'main', 'cli.js'), ...argv, '--data-dir', dir], {
        cwd: ROOT,
        env: { ...process.env, TZ: 'UTC' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
      });
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
      });
      child.on('exit', (code) => resolve({ code, out, err }));
    });
  try {
    const tokenFile = join(dir, 'bot.token');
    writeFileSync(tokenFile, `${networks.bot.token}\n`, { mode: 0o600 });
    const sk = generateSecretKey();
    const nsecFile = join(dir, 'brand.nsec');
    writeFileSync(nsecFile, nsecEncode(sk), { mode: 0o600 });
    const tg = await run(
      'accounts',
      'add',
      'telegram',
      '--name',
      'News',
      '--token-file',
      tokenFile,
      '--chat',
      '@brandnews',
      '--api-base',
      networks.telegram.origin,
    );
    expect(tg.err).toBe('');
    expect(tg.out).toMatch(/Connected .*telegram.*News/);
    const relays = [...networks.relays.map((r) => r.url), networks.downRelay].join(',');
    const ns = await run('accounts', 'add', 'nostr', '--name', 'Notes', '--key', 'nsec', '--nsec-file', nsecFile, '--relays', relays);
    expect(ns.err).toBe('');
    expect(ns.out).toMatch(/Connected .*nostr.*Notes/);
    expect(tg.out + ns.out).not.toContain(networks.bot.token);
    // Backing the key up: stdout is a pipe here, so the nsec comes out alone, with the warning on stderr.
    const exported = await run('accounts', 'export-key', 'Notes');
    expect(exported.code).toBe(0);
    expect(exported.out).toBe(`${nsecEncode(sk)}\n`);
    expect(exported.err).toMatch(/^Warning: this is the secret key of Notes/);
    const post = await run('--json', 'post', 'add', '--text', 'From the command line #cli', '--to', 'news', 'notes');
    expect(post.err).toBe('');
    expect((JSON.parse(post.out) as { status: string }).status).toBe('published');
    expect(networks.telegram.messagesIn(CHANNEL.id).map((m) => m.text)).toEqual(['From the command line #cli']);
    for (const relay of networks.relays) expect(await relay.events({ kinds: [1], authors: [getPublicKey(sk)] })).toHaveLength(1);
    const bad = await run('accounts', 'add', 'telegram', '--token-file', join(dir, 'missing'), '--chat', '@brandnews');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--token-file .*missing: cannot read it \(there is no such file\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
