// Storage faults: a damaged database, a migration killed midway, verified and rotated backups, disk full, read-only.

import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformId } from '../../../shared/domain';
import { featuresWith } from '../../features';
import { createDiscordAdapter } from '../../platforms/discord/adapter';
import { DiscordFake } from '../../testing/discordFake';
import { discordOnly, passTime, startHarness, T0 } from '../../testing/engineHarness';
import { FakeClock } from '../../testing/fakeClock';
import { startMinimalPublisher } from '../../testing/minimalPublisher';
import { createBackend, DATABASE_FILE } from '../backend';
import type { PlatformAdapter } from '../platforms/types';
import { backupInfos, latestVerifiedBackup, restoreBackup, verifyBackup } from './backups';
import { DatabaseDamagedError, loadMigrations, migrate, openDatabase, userVersion } from './database';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HOUR = 3_600_000;

/** Overwrites pages in the middle of the file with noise, the way a failing disk would. */
function damage(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  const noise = Buffer.alloc(4096 * 2, 0xa5);
  writeSync(fd, noise, 0, noise.length, Math.max(4096, Math.floor(size / 4096 / 2) * 4096));
  closeSync(fd);
}

/** Inside the project (a fresh clone has no such folder yet), so bundled children resolve its node_modules. */
function cacheDir(): string {
  const dir = join(root, 'node_modules', '.cache');
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('storage faults', () => {
  let dir: string;
  let fake: DiscordFake;

  beforeEach(async () => {
    dir = mkdtempSync(join(cacheDir(), 'kairos-storage-'));
    fake = await new DiscordFake().start();
  });

  afterEach(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a damaged database stops start-up with an offer of the latest sound backup, which restores cleanly', async () => {
    const clock = new FakeClock(T0);
    const open = () => createBackend({ dataDir: dir, features: featuresWith(discordOnly()), clock, shell: 'cli', runScheduler: false });
    const b = await open();
    const account = await b.call('accounts.connect', { platform: 'discord', name: 'Main', webhookUrl: fake.createWebhook() });
    for (let i = 0; i < 200; i++) {
      await b.call('posts.create', {
        text: `post ${i} ${'x'.repeat(200)}`,
        accountIds: [account.id],
        when: { kind: 'instant', at: T0 + 2 * HOUR, timeZone: 'UTC' },
      });
    }
    const backup = await b.call('database.backupNow', {});
    await b.close();
    const dbPath = join(dir, DATABASE_FILE);
    damage(dbPath);

    const failure = await open().then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(DatabaseDamagedError);
    const damaged = failure as DatabaseDamagedError;
    expect(damaged.message).toContain('has not started publishing');
    expect(damaged.message).toContain(backup.fileName);
    expect(damaged.latestBackup?.fileName).toBe(backup.fileName);

    const aside = restoreBackup(dbPath, damaged.latestBackup?.path ?? '', clock.now());
    expect(existsSync(aside)).toBe(true);
    const again = await open();
    expect(await again.call('posts.list', {})).toHaveLength(200);
    await again.close();
  });

  it('a restore asked for from the app happens at the next start and holds what may have gone out since', async () => {
    const h = await startHarness();
    try {
      const account = await h.backend.call('accounts.connect', { platform: 'discord', name: 'Main', webhookUrl: fake.createWebhook() });
      const early = (
        await h.backend.call('posts.create', {
          text: 'early',
          accountIds: [account.id],
          when: { kind: 'instant', at: T0 + 10 * 60_000, timeZone: 'UTC' },
        })
      ).post;
      const late = (
        await h.backend.call('posts.create', {
          text: 'late',
          accountIds: [account.id],
          when: { kind: 'instant', at: T0 + 5 * HOUR, timeZone: 'UTC' },
        })
      ).post;
      await h.backend.call('database.backupNow', {});
      await passTime(h, 11 * 60_000, 60_000);
      expect(fake.messages.map((m) => m.content)).toEqual(['early']);
      const r = await h.backend.call('database.restoreBackup', {});
      expect(r.restartRequired).toBe(true);
      await h.restart();
      const { post, history } = await h.backend.call('posts.get', { id: early.id });
      // The backup still had it scheduled; it is not sent again, it waits for the user.
      expect(post.status).toBe('held');
      expect(history.at(-1)?.detail).toMatch(/^Restored from the backup of/);
      expect((await h.backend.call('posts.get', { id: late.id })).post.status).toBe('scheduled');
      await passTime(h, 5 * 60_000, 60_000);
      expect(fake.messages).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('backups are integrity-checked, rotated to the last five, and a damaged one is never offered', async () => {
    const h = await startHarness();
    try {
      // The first pass already took the daily backup; a day later there is another.
      expect((await h.backend.call('database.backups', {})).length).toBe(1);
      await passTime(h, 25 * HOUR, HOUR);
      expect((await h.backend.call('database.backups', {})).length).toBe(2);
      for (let i = 0; i < 6; i++) {
        h.clock.advance(60_000);
        await h.backend.call('database.backupNow', {});
      }
      const list = backupInfos(join(h.dir, DATABASE_FILE));
      expect(list).toHaveLength(5);
      expect(list.map((b) => b.at)).toEqual([...list.map((b) => b.at)].sort((a, b) => b - a));
      for (const b of list) expect(verifyBackup(b.path)).toBeNull();
      expect(readdirSync(join(h.dir, 'backups')).filter((f) => f.includes('partial'))).toEqual([]);
      damage((list[0] as { path: string }).path);
      expect(verifyBackup((list[0] as { path: string }).path)).not.toBeNull();
      expect(latestVerifiedBackup(join(h.dir, DATABASE_FILE))?.fileName).toBe(list[1]?.fileName);
    } finally {
      await h.close();
    }
  });

  describe('a migration killed midway', () => {
    let script: string;
    let work: string;

    beforeAll(async () => {
      work = mkdtempSync(join(cacheDir(), 'kairos-migrate-'));
      script = join(work, 'migrateChild.mjs');
      await build({
        entryPoints: [join(root, 'main/testing/migrateChild.ts')],
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        outfile: script,
        external: ['better-sqlite3'],
        banner: {
          js: "import { createRequire as __kairosCreateRequire } from 'node:module'; const require = __kairosCreateRequire(import.meta.url);",
        },
        logLevel: 'error',
      });
      cpSync(join(root, 'main/core/db/migrations'), join(work, 'migrations'), { recursive: true });
    });

    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('leaves the previous schema and rows untouched; the next start migrates cleanly', async () => {
      const path = join(dir, DATABASE_FILE);
      const old = new Database(path);
      migrate(old, loadMigrations(), 2);
      old.exec(`
        INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'discord', 'Main', 'hook', 1, 1);
        INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES ('post_1', 'hello', 'UTC', 5000, 'scheduled', 1, 1);
        INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key) VALUES ('tgt_1', 'post_1', 'acc_1', 'scheduled', 5000, 'k1');`);
      old.close();

      const child = spawn(process.execPath, [script, path, join(work, 'migrations'), '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((res) => child.stdout.on('data', (b: Buffer) => b.toString().includes('migrating') && res()));
      await new Promise((r) => setTimeout(r, 400));
      const exited = new Promise((res) => child.on('exit', res));
      child.kill('SIGKILL');
      await exited;

      const after = new Database(path);
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(userVersion(after)).toBe(2);
      const columns = after
        .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('targets')")
        .all()
        .map((c) => c.name);
      expect(columns).not.toContain('claimed_by');
      expect(after.prepare("SELECT name FROM sqlite_master WHERE name IN ('slow_fill', 'pauses')").all()).toEqual([]);
      after.close();

      const db = await openDatabase(path, { now: T0 });
      expect(userVersion(db)).toBe(loadMigrations().at(-1)?.version);
      expect(db.prepare('SELECT id, status, due_at, intended_at FROM targets').all()).toEqual([
        { id: 'tgt_1', status: 'scheduled', due_at: 5000, intended_at: 5000 },
      ]);
      db.close();
      const [backup] = backupInfos(path);
      expect(backup?.fileName).toMatch(/^kairos-v2-/);
    });
  });

  describe('disk full and read-only', () => {
    async function setUp(adapter?: (db: Database.Database) => PlatformAdapter) {
      const clock = new FakeClock(T0);
      const b = await createBackend({ dataDir: dir, features: featuresWith(discordOnly()), clock, shell: 'cli', runScheduler: false });
      const account = await b.call('accounts.connect', { platform: 'discord', name: 'Main', webhookUrl: fake.createWebhook() });
      const { post } = await b.call('posts.create', {
        text: 'storage test',
        accountIds: [account.id],
        when: { kind: 'instant', at: T0 + 60_000, timeZone: 'UTC' },
      });
      await b.close();
      let dbRef: Database.Database | null = null;
      const platforms = new Map<PlatformId, PlatformAdapter>([
        [
          'discord',
          adapter
            ? adapter(new Proxy({} as Database.Database, { get: (_t, k) => Reflect.get(dbRef as object, k) }))
            : (createDiscordAdapter() as PlatformAdapter),
        ],
      ]);
      const p = await startMinimalPublisher(dir, platforms, clock);
      dbRef = p.db;
      await p.scheduler.idle();
      return { p, clock, postId: post.id };
    }

    it('disk full: nothing is claimed or sent, the message says so, and it goes out once space is back', async () => {
      const { p, clock, postId } = await setUp();
      try {
        // Fill the disk: no free page left, and the event log's last page too full for another entry.
        p.db.exec('CREATE TABLE filler (b BLOB)');
        p.db.pragma(`max_page_count = ${p.db.pragma('page_count', { simple: true }) as number}`);
        const fill = (sql: string) => {
          expect(() => {
            for (;;) p.db.prepare(sql).run();
          }).toThrow(/full/);
        };
        fill('INSERT INTO filler VALUES (randomblob(2000))');
        fill("INSERT INTO events (at, actor, kind) VALUES (0, 'system', 'x')");
        clock.advance(61_000);
        await p.scheduler.idle();
        expect((await p.scheduler.status()).lastError).toMatch(
          /^The disk holding the data folder is full\. Free some space; nothing was half-written/,
        );
        expect(fake.messages).toHaveLength(0);
        const target = (await p.posts.get(postId))?.targets[0];
        expect([target?.status, target?.attempts]).toEqual(['scheduled', 0]);

        p.db.pragma('max_page_count = 1073741823');
        clock.advance(60_000);
        await p.scheduler.idle();
        expect(fake.messages.map((m) => m.content)).toEqual(['storage test']);
        expect((await p.posts.get(postId))?.status).toBe('published');
        expect((await p.scheduler.status()).lastError).toBeNull();
      } finally {
        await p.close();
      }
    });

    it('read-only after sending: the outcome is kept and written when the disk allows, never re-sent', async () => {
      const { p, clock, postId } = await setUp((db) => {
        const inner = createDiscordAdapter() as PlatformAdapter;
        return {
          ...inner,
          async publish(req, ctx) {
            const out = await inner.publish(req, ctx);
            db.pragma('query_only = ON');
            return out;
          },
        };
      });
      try {
        clock.advance(61_000);
        await p.scheduler.idle();
        expect((await p.scheduler.status()).lastError).toMatch(/^Kairos cannot write to the data folder \(it is read-only\)/);
        expect((await p.posts.get(postId))?.targets[0]?.status).toBe('publishing');
        p.db.pragma('query_only = OFF');
        clock.advance(60_000);
        await p.scheduler.idle();
        const target = (await p.posts.get(postId))?.targets[0];
        expect([target?.status, target?.remoteId]).toEqual(['published', fake.messages[0]?.id]);
        expect(fake.messages).toHaveLength(1);
      } finally {
        p.db.pragma('query_only = OFF');
        await p.close();
      }
    });
  });
});
