// Playwright fixtures: a fake Discord, a Kairos server on a fresh data folder, and a page signed in to it.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { DiscordFake } from '../../main/testing/discordFake';
import { UnpluggableRelay } from '../../main/testing/unpluggableRelay';
import { type KairosServer, ROOT, startKairos } from './kairos';

export { expect } from '@playwright/test';

interface Fixtures {
  /** A Discord webhook server on 127.0.0.1, in the test process, so the test can read what it received. */
  readonly discord: DiscordFake;
  /** A relay in front of the Discord fake: unplug() makes it unreachable (a lost network), plugIn() brings it back. */
  readonly discordRelay: UnpluggableRelay;
  /** `kairos serve` on its own temporary data folder; stopped and removed after the test. */
  readonly kairos: KairosServer;
  /** The page, opened through the server's one-time link and showing the app. */
  readonly app: Page;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring.
  discord: async ({}, use) => {
    const fake = await new DiscordFake().start();
    await use(fake);
    await fake.stop();
  },
  discordRelay: async ({ discord }, use) => {
    const relay = new UnpluggableRelay(Number(new URL(discord.origin).port));
    await relay.plugIn();
    await use(relay);
    await relay.unplug();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring.
  kairos: async ({}, use, testInfo) => {
    const server = await startKairos();
    try {
      await use(server);
    } finally {
      await server.stop();
      await testInfo.attach('kairos-serve.log', { body: server.output(), contentType: 'text/plain' });
    }
  },
  app: async ({ page, kairos }, use, testInfo) => {
    // An exception in the page is a bug even when the screen looks fine: collect them and fail the test.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}\n${error.stack ?? ''}`));
    await page.goto(kairos.openUrl);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // The live event stream is up once the sidebar says so; tests rely on live updates.
    await expect(page.locator('.connection--live')).toBeVisible();
    await use(page);
    if (errors.length > 0) await testInfo.attach('page-errors.txt', { body: errors.join('\n\n'), contentType: 'text/plain' });
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

/** Connects a Discord webhook account through the contract; `hook` names the webhook on the fake server. */
export function connectDiscord(
  kairos: Pick<KairosServer, 'invoke'>,
  discord: Pick<DiscordFake, 'createWebhook'>,
  name: string,
  hook?: string,
) {
  return kairos.invoke('accounts.connect', { platform: 'discord', name, webhookUrl: discord.createWebhook(hook) });
}

/** Moves to a view through the sidebar, as a person would. */
export async function openView(page: Page, name: 'Calendar' | 'Queue' | 'Drafts' | 'Accounts' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Keeps a screenshot under test-results/screenshots, and attaches it to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = join(ROOT, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core on the page and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    const results = await axe.run();
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  await testInfo.attach(`axe-${label}.json`, { body: JSON.stringify(violations, null, 2), contentType: 'application/json' });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The axe-core source, for pages whose CSP would refuse an injected script tag. */
export const AXE_SOURCE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
export const readAxeSource = (): string => readFileSync(AXE_SOURCE_PATH, 'utf8');

/** A date (YYYY-MM-DD) `days` ahead of today in UTC, the zone a fresh Kairos starts in. */
export function utcDateAhead(days: number, from = Date.now()): string {
  return new Date(from + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of a week at least `weeksAhead` weeks away, so a week view of it shows no "today" and opens at 8:00. */
export function mondayAhead(weeksAhead: number, from = Date.now()): string {
  const d = new Date(from + weeksAhead * 7 * 86_400_000);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString().slice(0, 10);
}

export function addDaysIso(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant of a UTC wall time. */
export function utcAt(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00.000Z`);
}

/** Opens a calendar layout and a date the way a person would: the layout button, then "Go to date". */
export async function showCalendar(page: Page, layout: 'Month' | 'Week' | 'Day' | 'List', date?: string): Promise<void> {
  await page.getByRole('button', { name: layout, exact: true }).click();
  await expect(page.getByRole('button', { name: layout, exact: true })).toHaveAttribute('aria-pressed', 'true');
  if (!date) return;
  await page.getByRole('button', { name: 'Go to date' }).click();
  const dialog = page.getByRole('dialog', { name: 'Go to a date' });
  await dialog.getByLabel('Date', { exact: true }).fill(date);
  await dialog.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(dialog).toBeHidden();
}
