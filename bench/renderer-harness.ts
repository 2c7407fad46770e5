// For the renderer benchmarks: `kairos serve` on a seeded data folder, and Debian's Chromium opened on it.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';

/** bench/run.mjs runs from the project root; the built app is there. */
export const ROOT = process.cwd();
const CLI = join(ROOT, 'dist', 'main', 'cli.js');
const RENDERER = join(ROOT, 'dist', 'renderer', 'index.html');

/** The same Chromium and flags as the end-to-end tests (playwright.config.ts). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface Served {
  readonly openUrl: string;
  readonly origin: string;
  readonly token: string;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  const missing = [CLI, RENDERER].filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`Build Kairos first (npm run build). Missing: ${missing.join(', ')}`);
}

export async function serve(dataDir: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kairos serve did not start:\n${output}`)), 30_000);
    let pending = '';
    child.stdout?.on('data', (c: Buffer) => {
      pending += c.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const url = (JSON.parse(line) as { url?: string }).url;
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        } catch {
          // Not the line with the URL.
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`kairos serve exited (${code}):\n${output}`)));
  });
  const url = new URL(openUrl);
  return {
    openUrl,
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Opens the app through its one-time link and waits for the live connection, as the e2e fixture does. */
export async function openApp(browser: Browser, served: Served, init?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  if (init) await init(page);
  await page.goto(served.openUrl);
  await page.locator('.connection--live').waitFor();
  return page;
}

export function stats(samples: readonly number[]): { median: number; p95: number; max: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: pick(0.5), p95: pick(0.95), max: s.at(-1) as number, min: s[0] as number };
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`;
