// `kairos serve` and `npm start` (dist/main/start.js) as people start them: the built program, stdin closed, real
// clock; a post scheduled a few seconds ahead through the HTTP contract with the printed token arrives once.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_CLI, BUILT_START, eventually, REPO_ROOT, type RunningProgram, requireBuild, startProgram } from '../testing/builtProgram';
import { DiscordFake } from '../testing/discordFake';

/** Where the desktop binary is installed, `npm start` opens the window; --browser asks for this mode anyway. */
function electronInstalled(): boolean {
  try {
    const path = createRequire(join(REPO_ROOT, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path);
  } catch (e) {
    // Not installed, or installed without its binary (electron's index.js throws): no Electron here.
    if (e instanceof Error) return false;
    throw e;
  }
}

async function invoke<T>(base: string, token: string, channel: string, payload: unknown): Promise<T> {
  const res = await fetch(`${base}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value as T;
}

describe('browser mode, the built program', () => {
  let dir: string;
  let fake: DiscordFake;
  let program: RunningProgram | null = null;

  beforeAll(() => requireBuild());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-browser-'));
    fake = await new DiscordFake().start();
  });
  afterEach(async () => {
    if (program?.alive()) program.child.kill('SIGKILL');
    await program?.exited;
    program = null;
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: readonly { name: string; script: string; args: string[]; banner: RegExp }[] = [
    { name: 'kairos serve', script: BUILT_CLI, args: ['--data-dir', '{dir}', 'serve'], banner: /running in browser mode/ },
    {
      name: 'npm start (dist/main/start.js), in browser mode',
      script: BUILT_START,
      args: [...(electronInstalled() ? ['--browser'] : []), '--data-dir', '{dir}'],
      banner: electronInstalled() ? /running in browser mode/ : /Electron binary is not installed.*\n.*running in browser mode/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: publishes a post due in a few seconds exactly once, and exits 0 on SIGTERM`, { timeout: 90_000 }, async () => {
      program = startProgram(
        c.script,
        c.args.map((a) => (a === '{dir}' ? dir : a)),
      );
      const [, openUrl] = await program.waitFor(/Open (http:\/\/127\.0\.0\.1:\d+\/\S*)/, 60_000);
      await program.waitFor(c.banner);
      const url = new URL(openUrl as string);
      const token = url.searchParams.get('token') as string;
      expect(token.length).toBeGreaterThan(20);

      // Without the token, nothing.
      const refused = await fetch(`${url.origin}/api/invoke/posts.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(refused.status).toBe(401);

      const account = await invoke<{ id: string }>(url.origin, token, 'accounts.connect', {
        platform: 'discord',
        name: 'Community',
        webhookUrl: fake.createWebhook(),
      });
      const dueAt = Date.now() + 3_000;
      const { post } = await invoke<{ post: { id: string } }>(url.origin, token, 'posts.create', {
        text: `Due soon via ${c.name}`,
        accountIds: [account.id],
        when: { kind: 'instant', at: dueAt, timeZone: 'UTC' },
      });
      const published = await eventually(async () => {
        const got = await invoke<{ post: { status: string } }>(url.origin, token, 'posts.get', { id: post.id });
        return got.post.status === 'published' ? got : null;
      }, 'the post to be published');
      expect(published.post.status).toBe('published');
      const sent = fake.messages.filter((m) => m.content === `Due soon via ${c.name}`);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.receivedAt).toBeGreaterThanOrEqual(dueAt);
      expect(program.alive()).toBe(true);

      program.child.kill('SIGTERM');
      expect(await program.exited).toBe(0);
      const db = new Database(join(dir, 'kairos.sqlite'), { readonly: true });
      try {
        expect(db.prepare('SELECT count(*) AS n FROM scheduler_lease').get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
      expect(fake.messages.filter((m) => m.content === `Due soon via ${c.name}`)).toHaveLength(1);
    });
  }
});
