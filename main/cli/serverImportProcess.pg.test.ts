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
import { requireBuild, runBuiltCli } from '../testing/builtProgram';
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

afterAll(async () => {
  desktop?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
  await fake?.stop();
});

function cli(args: readonly string[]) {
  const env = { ...process.env };
  delete env.KAIROS_SERVER_KEY;
  delete env.KAIROS_DATABASE_URL;
  return runBuiltCli(
    ['server', 'import', '--database', db().url, '--from', desktop.dir, '--key-file', join(work, 'server.key'), ...args],
    env,
  );
}

describe('kairos server import (the built program)', () => {
  it('dry run, then the move: accounts re-sealed or to reconnect, posts and history kept, media copied; a second run is refused', {
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
