// `kairos server import` as a person runs it: the built CLI over a desktop data folder the real backend wrote, into a
// real PostgreSQL workspace, with a key file and the server's data folder for the media.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyFileCipher } from '../core/secrets/cipher';
import { generateServerKey, parseServerKey, Sealer } from '../server/key/serverKey';
import { ServerKeyCipher } from '../server/key/serverKeyCipher';
import { migratePg } from '../server/pg/migrate';
import { BUILT_CLI, type RunningProgram, requireBuild, runBuiltCli, startProgram } from '../testing/builtProgram';
import { type DesktopDataDir, makeDesktopDataDir, sealWithKeychain } from '../testing/desktopDataDir';
import { DiscordFake } from '../testing/discordFake';
import { databaseForThisFile } from '../testing/postgresDatabase';

const db = databaseForThisFile('server_import_process');
const KEY = generateServerKey();
let fake: DiscordFake;
let desktop: DesktopDataDir;
let work: string;

beforeAll(async () => {
  requireBuild();
  fake = await new DiscordFake().start();
  desktop = await makeDesktopDataDir(fake, 'kairos-import-process-');
  sealWithKeychain(desktop.dir, desktop.otherAccount);
  work = mkdtempSync(join(tmpdir(), 'kairos-import-server-'));
  writeFileSync(join(work, 'server.key'), `${KEY}\n`, { mode: 0o600 });
  await migratePg(db().pool);
});

let serverProcess: RunningProgram | null = null;

afterAll(async () => {
  if (serverProcess?.alive()) {
    serverProcess.child.kill('SIGKILL');
    await serverProcess.exited;
  }
  desktop?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
  await fake?.stop();
});

function cli(args: readonly string[]) {
  const env = { ...process.env };
  delete env.KAIROS_SERVER_KEY;
  delete env.KAIROS_DATABASE_URL;
  delete env.KAIROS_SERVER_DATA;
  return runBuiltCli(
    ['server', 'import', '--database', db().url, '--from', desktop.dir, '--key-file', join(work, 'server.key'), ...args],
    env,
  );
}

describe('kairos server import (the built program)', () => {
  it('dry run, then the move (logins re-sealed or to reconnect, posts, history, media); a second run is refused; the server publishes a moved post', {
    timeout: 120_000,
  }, async () => {
    const count = async () =>
      (await db().pool.query<{ n: number }>('SELECT (SELECT count(*) FROM posts) + (SELECT count(*) FROM accounts) AS n')).rows[0]?.n;

    const dry = await cli(['--dry-run']);
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toMatch(/^Dry run: nothing was written/m);
    expect(Number(await count())).toBe(0);

    const serverData = join(work, 'server-data');
    const moved = await cli(['--data-dir', serverData]);
    expect(moved.code, moved.out).toBe(0);
    expect(moved.out).toMatch(/2 accounts \(1 re-sealed with the server key, 1 to reconnect\)/);
    expect(moved.out).toMatch(new RegExp(`to reconnect on the workspace: Offers \\(discord, ${desktop.otherAccount}\\)`));
    expect(moved.out).toMatch(/5 posts, \d+ history lines, 1 media record/);
    expect(moved.out).toMatch(/scheduler_lease \(0 rows\): the desktop's publishing lease/);
    expect(moved.out).toContain(`Media: copied 1 media file`);
    expect(moved.out).toMatch(/moved into the workspace from /);
    expect(moved.out).not.toContain(KEY);
    expect(moved.out).not.toContain(desktop.newsWebhook);

    const { rows } = await db().pool.query<{ id: string; status: string; secret: Buffer | null }>(
      'SELECT id, status, secret FROM accounts',
    );
    const news = rows.find((r) => r.id === desktop.newsAccount);
    const server = new ServerKeyCipher(new Sealer(parseServerKey(KEY, 'test')), 'test');
    expect(server.open(news?.secret as Buffer)).toContain(desktop.newsWebhook);
    expect(rows.find((r) => r.id === desktop.otherAccount)).toMatchObject({ status: 'needs_relogin', secret: null });
    expect(KeyFileCipher.inDataDir(desktop.dir).hasKey()).toBe(true);
    expect(
      readFileSync(join(serverData, 'media', desktop.mediaStoredName)).equals(
        readFileSync(join(desktop.dir, 'media', desktop.mediaStoredName)),
      ),
    ).toBe(true);
    const { rows: history } = await db().pool.query('SELECT kind FROM events WHERE post_id = $1 ORDER BY id', [desktop.publishedPost]);
    expect(history.at(-1)?.kind).toBe('moved into the workspace');
    expect(history.map((h) => h.kind)).toContain('published');

    const again = await cli([]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/kairos: The workspace already has 2 accounts \(News .*Offers .*\); 5 posts/);

    // The workspace server publishes a moved post with the re-sealed login; the keychain-only account waits.
    const env = { ...process.env };
    delete env.KAIROS_SERVER_KEY;
    delete env.KAIROS_DATABASE_URL;
    serverProcess = startProgram(
      BUILT_CLI,
      ['server', '--database', db().url, '--port', '0', '--key-file', join(work, 'server.key'), '--data-dir', serverData],
      env,
    );
    const [, url] = await serverProcess.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) /, 60_000);
    const [, code] = await serverProcess.waitFor(/one-time setup code .*: ([A-Za-z0-9_-]{43})\s/);
    const base = url as string;
    const call = async (path: string, body: unknown, cookie?: string) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
      return { json: (await res.json()) as { ok: boolean; value?: unknown }, cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
    };
    const owner = (
      await call('/api/setup', { setupCode: code, email: 'owner@example.org', displayName: 'Olga', password: 'a long owner password' })
    ).cookie as string;
    const accounts = (await call('/api/invoke/accounts.list', {}, owner)).json.value as { id: string; status: string }[];
    expect(accounts.find((a) => a.id === desktop.otherAccount)?.status).toBe('needs_relogin');
    const rescheduled = await call(
      '/api/invoke/posts.reschedule',
      { id: desktop.scheduledPost, when: { kind: 'instant', at: Date.now() + 2_000, timeZone: 'UTC' } },
      owner,
    );
    expect(rescheduled.json.ok, JSON.stringify(rescheduled.json)).toBe(true);
    const deadline = Date.now() + 30_000;
    const sent = () => fake.messages.filter((m) => m.content === 'Spring offers are coming');
    while (sent().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(sent()).toHaveLength(1);
    type Seen = { post: { targets: { accountId: string; status: string }[] }; history: { kind: string }[] };
    const read = async () => (await call('/api/invoke/posts.get', { id: desktop.scheduledPost }, owner)).json.value as Seen;
    const newsStatus = (s: Seen) => s.post.targets.find((t) => t.accountId === desktop.newsAccount)?.status;
    // The message arrived; the outcome is recorded right after it.
    let seen = await read();
    while (newsStatus(seen) !== 'published' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await read();
    }
    expect(newsStatus(seen)).toBe('published');
    expect(seen.post.targets.find((t) => t.accountId === desktop.otherAccount)?.status).not.toBe('published');
    expect(seen.history.map((h) => h.kind)).toContain('moved into the workspace');
    serverProcess.child.kill('SIGTERM');
    expect(await serverProcess.exited).toBe(0);
  });

  it('refuses without a server key, and names a missing --from', { timeout: 60_000 }, async () => {
    const noKey = await runBuiltCli(['server', 'import', '--database', db().url, '--from', desktop.dir], {
      ...process.env,
      KAIROS_SERVER_KEY: '',
    });
    expect(noKey.code).toBe(1);
    expect(noKey.out).toMatch(/needs its server key/);
    const noFrom = await runBuiltCli(['server', 'import', '--database', db().url], process.env);
    expect(noFrom.code).toBe(2);
    expect(noFrom.out).toMatch(/--from is required/);
  });
});
