// A team workspace for the browser specs: its own PostgreSQL cluster, the BUILT `kairos server` on it (on a fresh data
// folder), and the steps people take in its pages: the owner set up with the printed code, invitations, joining.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, type Page, type TestInfo } from '@playwright/test';
import { generateServerKey } from '../../main/server/key/serverKey';
import { createTestDatabase, type PostgresCluster, startPostgresCluster, type TestDatabase } from '../../main/testing/postgres';
import { ROOT } from './kairos';

const CLI = join(ROOT, 'dist', 'main', 'cli.js');
export const PASSWORD = 'a long enough password';

export interface RunningWorkspace {
  /** The server's address, http://127.0.0.1:<port>. */
  readonly base: string;
  readonly setupCode: string;
  readonly db: TestDatabase;
  /** Stops the server (SIGTERM, as systemd would), keeps its output with the test, removes the database and cluster. */
  stop(testInfo: TestInfo): Promise<void>;
}

/** Starts the cluster and the built server, and waits for the lines naming its address and the setup code. */
export async function startWorkspace(label: string): Promise<RunningWorkspace> {
  const missing = [CLI, join(ROOT, 'dist', 'pages', 'review.html'), join(ROOT, 'dist', 'renderer', 'index.html')].filter(
    (f) => !existsSync(f),
  );
  if (missing.length > 0) throw new Error(`Build Kairos first (npm run build). Missing: ${missing.join(', ')}`);
  const cluster: PostgresCluster = await startPostgresCluster();
  const db = await createTestDatabase(cluster, label);
  const dataDir = mkdtempSync(join(tmpdir(), 'kairos-workspace-e2e-'));
  let output = '';
  const server: ChildProcess = spawn(process.execPath, [CLI, 'server', '--database', db.url, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, KAIROS_SERVER_KEY: generateServerKey(), TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.setEncoding('utf8');
  server.stderr?.setEncoding('utf8');
  server.stderr?.on('data', (c: string) => {
    output += c;
  });
  const { base, setupCode } = await new Promise<{ base: string; setupCode: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kairos server did not start within 60 s:\n${output}`)), 60_000);
    server.once('exit', (code) => reject(new Error(`kairos server exited (${code}):\n${output}`)));
    server.stdout?.on('data', (c: string) => {
      output += c;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(output)?.[1];
      const code = /one-time setup code .*: ([A-Za-z0-9_-]{43})\s/.exec(output)?.[1];
      if (url && code) {
        clearTimeout(timer);
        resolve({ base: url, setupCode: code });
      }
    });
  });
  return {
    base,
    setupCode,
    db,
    async stop(testInfo) {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      await testInfo.attach('kairos-server.log', { body: output, contentType: 'text/plain' });
      await db.drop();
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser context of one person: an exception in any of its pages fails the test. */
export async function person(browser: Browser, base: string, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  return { context, page };
}

/** The owner opens the empty workspace, is sent to set it up, pastes the code, and lands in the app. */
export async function setUpOwner(page: Page, setupCode: string, name: string, email: string): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Setup code').fill(setupCode);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create the owner' }).click();
  // Setup leads into the app, which names who is signed in.
  await expect(page).toHaveURL(/\/app\/$/);
  await expect(page.getByText(`Signed in as ${name} (owner)`)).toBeVisible();
}

/** On the workspace's home page: an invitation link for one role. */
export async function invite(owner: Page, role: 'editor' | 'approver', email: string): Promise<string> {
  await owner.getByLabel('Role').selectOption(role);
  await owner.getByLabel('Their email address (optional)').fill(email);
  await owner.getByRole('button', { name: 'Make an invitation link' }).click();
  const link = owner.getByTestId('invitation-link');
  await expect(link).toHaveValue(/\/join#invitation=/);
  return link.inputValue();
}

export async function joinAs(page: Page, link: string, name: string, email: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Join the workspace' })).toBeVisible();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Join' }).click();
  // Joining leads into the app, which names who is signed in.
  await expect(page).toHaveURL(/\/app\/$/);
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
}

/** A POST a person's browser makes with its session (a contract channel at /api/invoke/<channel>, or a review route): its value. */
export async function postAs<T>(page: Page, base: string, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(path, { headers: { origin: base }, data });
  const body = (await res.json()) as { ok: boolean; value?: T };
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return body.value as T;
}
