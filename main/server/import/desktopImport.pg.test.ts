// Moving a desktop database, written by the real desktop backend, into a real PostgreSQL workspace: row for row,
// credentials re-sealed, keychain-only logins left to reconnect, every refusal writing nothing.

import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, DATABASE_FILE } from '../../core/backend';
import { KeyFileCipher } from '../../core/secrets/cipher';
import { createSqliteStores } from '../../core/stores/sqlite';
import { SETTING_DEFAULTS } from '../../core/stores/testing/opened';
import { FEATURES } from '../../features';
import { type DesktopDataDir, makeDesktopDataDir, sealWithKeychain } from '../../testing/desktopDataDir';
import { DiscordFake } from '../../testing/discordFake';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { postgresAddress } from '../../testing/postgresDatabase';
import { Sealer } from '../key/serverKey';
import { ServerKeyCipher } from '../key/serverKeyCipher';
import { loadPgMigrations, migratePg } from '../pg/migrate';
import { appendEvent } from '../pg/stores/pgDb';
import { PgPostsStore } from '../pg/stores/posts';
import { DesktopImportError, type ImportOptions, importDesktopDatabase, MOVED_KIND, RECONNECT_REASON } from './desktopImport';

const cipher = new ServerKeyCipher(new Sealer(randomBytes(32)), 'a test key');
let fake: DiscordFake;
let desktop: DesktopDataDir;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  fake = await new DiscordFake().start();
  desktop = await makeDesktopDataDir(fake);
});
afterAll(async () => {
  desktop?.remove();
  await fake?.stop();
});
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function workspace(upTo?: number): Promise<TestDatabase> {
  const db = await createTestDatabase(postgresAddress(), 'desktop_import');
  cleanup.push(() => db.drop());
  await migratePg(db.pool, upTo === undefined ? {} : { upTo });
  return db;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the desktop folder a test may change. */
function desktopCopy(): string {
  const dir = tempDir('kairos-desktop-copy-');
  cpSync(desktop.dir, dir, { recursive: true });
  return dir;
}

/** Imports a copy of the desktop folder (a move pauses the folder it came from), unless the test names one. */
const run = (pool: pg.Pool, o: Partial<ImportOptions> = {}) =>
  importDesktopDatabase({ pool, from: o.from ?? desktopCopy(), cipher, host: 'studio-laptop', ...o });

async function refusal(p: Promise<unknown>): Promise<DesktopImportError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DesktopImportError);
  return e as DesktopImportError;
}

function sqliteRows(dir: string, table: string): Record<string, unknown>[] {
  const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT rowid AS kairos_rowid, * FROM ${table}`).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function columnTypes(pool: pg.Pool, table: string): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return new Map(rows.map((r) => [r.column_name, r.data_type]));
}

const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** What PostgreSQL gave back, in the desktop's terms: times as epoch ms, dates as text, 64-bit numbers as numbers. */
function fromPg(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (value instanceof Date) return type === 'date' ? localDate(value) : value.getTime();
  if (type === 'bigint') return Number(value);
  return value;
}

/** What the desktop row should look like there: JSON parsed, 0/1 flags as booleans. */
function expectedFromSqlite(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === 'jsonb') return JSON.parse(value as string);
  if (type === 'boolean') return value === 1;
  return value;
}

/** Every column the two tables share, row for row, sorted by the given key. */
async function expectSameRows(pool: pg.Pool, table: string, key: readonly string[], skip: readonly string[] = [], dir = desktop.dir) {
  const types = await columnTypes(pool, table);
  const desktopRows = sqliteRows(dir, table);
  expect(desktopRows.length, `${table} has rows on the desktop`).toBeGreaterThan(0);
  const shared = Object.keys(desktopRows[0] as object).filter((c) => types.has(c) && !skip.includes(c));
  const sortKey = (r: Record<string, unknown>) => key.map((k) => String(r[k])).join('\u0000');
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => (sortKey(a) < sortKey(b) ? -1 : 1);
  const expected = desktopRows
    .map((r) => Object.fromEntries(shared.map((c) => [c, expectedFromSqlite(r[c], types.get(c) as string)])))
    .sort(byKey);
  const { rows } = await pool.query(`SELECT ${shared.map((c) => `"${c}"`).join(', ')} FROM ${table}`);
  const actual = rows.map((r) => Object.fromEntries(shared.map((c) => [c, fromPg(r[c], types.get(c) as string)]))).sort(byKey);
  expect(actual).toEqual(expected);
  return shared;
}

describe('kairos server import: moving a desktop database into a workspace', () => {
  it('copies posts, targets, thread parts, history, media and series row for row, with their ids and order', async () => {
    const ws = await workspace();
    const serverData = tempDir('kairos-server-data-');
    const summary = await run(ws.pool, { serverDataDir: serverData });

    const postCols = await expectSameRows(ws.pool, 'posts', ['id']);
    expect(postCols).toEqual(expect.arrayContaining(['labels', 'options', 'parts', 'scheduled_at', 'series_id', 'occurrence_at']));
    expect(postCols).not.toContain('target_marks');
    await expectSameRows(ws.pool, 'targets', ['id']);
    await expectSameRows(ws.pool, 'target_parts', ['target_id', 'part_index']);
    await expectSameRows(ws.pool, 'media', ['id']);
    await expectSameRows(ws.pool, 'recurring_series', ['id']);
    await expectSameRows(ws.pool, 'pauses', ['scope']);
    await expectSameRows(ws.pool, 'settings', ['key']);
    await expectSameRows(ws.pool, 'accounts', ['id'], ['secret']);
    // Feature tables come along because the workspace has them, without code of their own here.
    await expectSameRows(ws.pool, 'posting_schedules', ['account_id']);
    await expectSameRows(ws.pool, 'posting_slots', ['account_id', 'weekday', 'time']);
    await expectSameRows(ws.pool, 'evergreen_queues', ['label']);
    await expectSameRows(ws.pool, 'watch_terms', ['id']);

    // The history: the desktop's lines with their own ids, then one line per post saying it moved.
    const types = await columnTypes(ws.pool, 'events');
    const desktopEvents = sqliteRows(desktop.dir, 'events');
    const { rows: events } = await ws.pool.query(
      `SELECT id, at, actor, kind, post_id, target_id, account_id, detail FROM events ORDER BY id`,
    );
    const copiedEvents = events.filter((e) => e.kind !== MOVED_KIND);
    expect(copiedEvents.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, fromPg(v, types.get(k) as string)])))).toEqual(
      desktopEvents.map(({ kairos_rowid: _r, ...e }) => e),
    );
    const moved = events.filter((e) => e.kind === MOVED_KIND);
    const posts = sqliteRows(desktop.dir, 'posts');
    expect(moved.map((e) => e.post_id).sort()).toEqual(posts.map((p) => p.id).sort());
    expect(new Set(moved.map((e) => `${e.actor} ${e.detail}`))).toEqual(new Set(['system from studio-laptop']));
    expect(Math.min(...moved.map((e) => Number(e.id)))).toBeGreaterThan(Math.max(...desktopEvents.map((e) => e.id as number)));

    // targets.position keeps the order targets were added (the desktop's rowid); new rows number after them.
    const { rows: positions } = await ws.pool.query<{ id: string; position: string }>('SELECT id, position FROM targets');
    const rowids = new Map(sqliteRows(desktop.dir, 'targets').map((t) => [t.id, t.kairos_rowid]));
    for (const p of positions) expect(Number(p.position)).toBe(rowids.get(p.id));
    const next = await appendEvent(ws.pool, { at: Date.now(), actor: 'user', kind: 'edited', postId: desktop.draftPost });
    expect(next).toBe(Math.max(...events.map((e) => Number(e.id))) + 1);

    // The published post's thread parts and remote link came along.
    const { rows: published } = await ws.pool.query(`SELECT status, remote_url, published_at FROM targets WHERE post_id = $1`, [
      desktop.publishedPost,
    ]);
    expect(published).toEqual([{ status: 'published', remote_url: expect.stringContaining('http'), published_at: expect.any(Date) }]);
    const { rows: occurrence } = await ws.pool.query(`SELECT count(*)::int AS n FROM posts WHERE series_id = $1`, [desktop.seriesId]);
    expect(occurrence[0].n).toBeGreaterThanOrEqual(1);

    // Media files, copied into the server's data folder and identical.
    const copy = join(serverData, 'media', desktop.mediaStoredName);
    expect(readFileSync(copy).equals(readFileSync(join(desktop.dir, 'media', desktop.mediaStoredName)))).toBe(true);

    expect(summary).toMatchObject({
      dryRun: false,
      posts: posts.length,
      historyLines: desktopEvents.length,
      mediaRecords: 1,
      media: { target: join(serverData, 'media'), copied: 1, missing: [], sizeDiffers: [] },
      renumbered: [],
    });
    expect(summary.accounts.map((a) => [a.name, a.login]).sort()).toEqual([
      ['News', 'resealed'],
      ['Offers', 'resealed'],
    ]);
    expect(summary.leftOut).toEqual(
      expect.arrayContaining([
        { name: 'scheduler_lease', rows: 0, why: expect.stringMatching(/publishing lease.*row locks/) },
        { name: 'credential_problems', rows: 0, why: expect.stringMatching(/checks each login/) },
        { name: 'app_preferences', rows: expect.any(Number), why: expect.stringMatching(/desktop app's own preferences/) },
      ]),
    );
    expect(summary.columnsLeftOut).toContainEqual({ name: 'posts.target_marks', rows: posts.length, why: expect.stringMatching(/join/) });
    expect(summary.workspaceOnly).toEqual(expect.arrayContaining(['users', 'sessions', 'approvals', 'audit_log']));
    expect(summary.tables.map((t) => t.name).indexOf('accounts')).toBeLessThan(summary.tables.map((t) => t.name).indexOf('targets'));
  });

  it('re-seals every key-file credential with the server key: the server opens the same login', async () => {
    const ws = await workspace();
    await run(ws.pool);
    const keyFile = KeyFileCipher.inDataDir(desktop.dir);
    const desktopAccounts = sqliteRows(desktop.dir, 'accounts');
    const { rows } = await ws.pool.query<{ id: string; secret: Buffer; status: string }>('SELECT id, secret, status FROM accounts');
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      const before = desktopAccounts.find((a) => a.id === r.id)?.secret as Buffer;
      const login = keyFile.open(before);
      expect(cipher.open(r.secret)).toBe(login);
      expect(r.secret.equals(before)).toBe(false);
      expect(r.secret.includes(Buffer.from(login))).toBe(false);
      expect(r.status).toBe('connected');
    }
    expect(cipher.open((rows.find((r) => r.id === desktop.newsAccount) as { secret: Buffer }).secret)).toContain(desktop.newsWebhook);
  });

  it('a login only the desktop keychain can open is not copied: the account waits to be reconnected, its posts with it', async () => {
    const dir = desktopCopy();
    sealWithKeychain(dir, desktop.otherAccount);
    const ws = await workspace();
    const summary = await run(ws.pool, { from: dir });
    const { rows } = await ws.pool.query('SELECT id, status, status_reason, secret FROM accounts ORDER BY name');
    expect(rows).toEqual([
      { id: desktop.newsAccount, status: 'connected', status_reason: null, secret: expect.any(Buffer) },
      { id: desktop.otherAccount, status: 'needs_relogin', status_reason: RECONNECT_REASON, secret: null },
    ]);
    expect(RECONNECT_REASON).toMatch(/^Reconnect this account on the workspace: its login stayed on the computer it came from/);
    const { rows: waiting } = await ws.pool.query(`SELECT post_id, status FROM targets WHERE account_id = $1 ORDER BY post_id`, [
      desktop.otherAccount,
    ]);
    expect(waiting.map((t) => t.post_id).sort()).toEqual([desktop.draftPost, desktop.scheduledPost].sort());
    expect(summary.accounts.find((a) => a.id === desktop.otherAccount)).toEqual({
      id: desktop.otherAccount,
      name: 'Offers',
      platform: 'discord',
      login: 'reconnect',
    });
  });

  it('refuses when the workspace already has the same accounts or posts, naming them, and writes nothing', async () => {
    const ws = await workspace();
    await run(ws.pool);
    const counts = async () =>
      (
        await ws.pool.query(
          `SELECT (SELECT count(*) FROM accounts)::int AS a, (SELECT count(*) FROM posts)::int AS p, (SELECT count(*) FROM events)::int AS e,
                  (SELECT count(*) FROM targets)::int AS t, (SELECT count(*) FROM media)::int AS m`,
        )
      ).rows[0];
    const before = await counts();
    const e = await refusal(run(ws.pool));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain(`News ${desktop.newsAccount}`);
    expect(e.message).toContain(desktop.threadPost);
    expect(e.message).toMatch(/Nothing was written/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a damaged file, a file that is not a Kairos database, and a database newer than this Kairos', async () => {
    const ws = await workspace();
    const damaged = desktopCopy();
    const file = join(damaged, DATABASE_FILE);
    const bytes = readFileSync(file);
    // Pages 2 onwards overwritten: the header still says SQLite, the tables do not make sense.
    bytes.fill(0xa5, 4096, Math.min(bytes.length, 4096 * 6));
    writeFileSync(file, bytes);
    const d = await refusal(run(ws.pool, { from: damaged }));
    expect(d.code).toBe('damaged');
    expect(d.message).toMatch(/is damaged.*Nothing was moved/);

    const notSqlite = tempDir('kairos-not-a-db-');
    writeFileSync(join(notSqlite, DATABASE_FILE), 'these are my notes, not a database'.repeat(200));
    expect((await refusal(run(ws.pool, { from: notSqlite }))).code).toBe('not_kairos');
    const otherSqlite = tempDir('kairos-other-db-');
    const other = new Database(join(otherSqlite, DATABASE_FILE));
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    expect((await refusal(run(ws.pool, { from: otherSqlite }))).message).toMatch(/not a Kairos one/);
    expect((await refusal(run(ws.pool, { from: tempDir('kairos-empty-') }))).code).toBe('no_database');

    const newer = desktopCopy();
    const n = new Database(join(newer, DATABASE_FILE));
    n.pragma('user_version = 99');
    n.close();
    const tooNew = await refusal(run(ws.pool, { from: newer }));
    expect(tooNew.code).toBe('too_new');
    expect(tooNew.message).toMatch(/newer Kairos \(schema 99; this one knows \d+\)/);

    const { rows } = await ws.pool.query('SELECT (SELECT count(*) FROM accounts)::int + (SELECT count(*) FROM posts)::int AS n');
    expect(rows[0].n).toBe(0);
  });

  it('refuses while a desktop process holds the publishing lease, and a workspace whose schema is not current', async () => {
    const dir = desktopCopy();
    const running = await createBackend({ dataDir: dir, features: FEATURES, shell: 'cli', systemTimeZone: 'Europe/Rome' });
    try {
      expect(await running.scheduler.start()).toBe(true);
      const ws = await workspace();
      const e = await refusal(run(ws.pool, { from: dir }));
      expect(e.code).toBe('publishing');
      expect(e.message).toMatch(
        new RegExp(`Kairos \\(cli, process ${process.pid} on .*\\) is publishing from this desktop database. Quit it first`),
      );
      await running.scheduler.stop();
      await expect(run(ws.pool, { from: dir, dryRun: true })).resolves.toMatchObject({ dryRun: true });
    } finally {
      await running.close();
    }

    const latest = loadPgMigrations().at(-1)?.version ?? 0;
    const old = await workspace(latest - 1);
    const s = await refusal(run(old.pool));
    expect(s.code).toBe('schema');
    expect(s.message).toContain(`schema ${latest - 1}; this Kairos needs ${latest}`);
    const { rows } = await old.pool.query('SELECT count(*)::int AS n FROM accounts');
    expect(rows[0].n).toBe(0);
  });

  it('a dry run does everything, says what it would copy, and writes nothing (not even media files)', async () => {
    const ws = await workspace();
    const serverData = tempDir('kairos-server-data-');
    const dry = await run(ws.pool, { dryRun: true, serverDataDir: serverData });
    const { rows } = await ws.pool.query(
      `SELECT (SELECT count(*) FROM accounts)::int AS a, (SELECT count(*) FROM posts)::int AS p, (SELECT count(*) FROM events)::int AS e`,
    );
    expect(rows[0]).toEqual({ a: 0, p: 0, e: 0 });
    expect(existsSync(join(serverData, 'media'))).toBe(false);
    expect(dry).toMatchObject({ dryRun: true, posts: sqliteRows(desktop.dir, 'posts').length, media: { copied: 0 } });
    const from = desktopCopy();
    const real = await run(ws.pool, { from });
    expect({ ...real, dryRun: true, media: null, from: null, desktopPaused: false }).toEqual({ ...dry, media: null, from: null });
    expect(dry.desktopPaused).toBe(false);
    // The move paused the folder it came from, with the reason in its history; a dry run pauses nothing.
    expect(real.desktopPaused).toBe(true);
    const moved = new Database(join(from, DATABASE_FILE), { readonly: true });
    try {
      expect(moved.prepare(`SELECT scope, actor, resume_at FROM pauses WHERE scope = 'all'`).all()).toEqual([
        { scope: 'all', actor: 'cli', resume_at: null },
      ]);
      const line = moved.prepare(`SELECT kind, detail FROM events ORDER BY id DESC LIMIT 1`).get() as { kind: string; detail: string };
      expect(line.kind).toBe('publishing paused');
      expect(line.detail).toMatch(/^These posts moved into the workspace/);
    } finally {
      moved.close();
    }
    expect(sqliteRows(desktop.dir, 'pauses').some((p) => p.scope === 'all')).toBe(false);
  });

  it('a workspace with history of its own: the desktop lines are numbered after it, in their order', async () => {
    const ws = await workspace();
    await appendEvent(ws.pool, { at: Date.now(), actor: 'system', kind: 'workspace started' });
    await appendEvent(ws.pool, { at: Date.now(), actor: 'system', kind: 'workspace started' });
    const summary = await run(ws.pool);
    expect(summary.renumbered).toEqual(['events.id']);
    const { rows } = await ws.pool.query<{ id: string; kind: string }>(
      `SELECT id, kind FROM events WHERE kind NOT IN ($1, 'workspace started') ORDER BY id`,
      [MOVED_KIND],
    );
    expect(rows.map((r) => r.kind)).toEqual(sqliteRows(desktop.dir, 'events').map((e) => e.kind));
    expect(rows.map((r) => Number(r.id))).toEqual(sqliteRows(desktop.dir, 'events').map((e) => (e.id as number) + 2));
  });

  it("keeps the workspace's own setting values, and names media records whose file the desktop no longer has", async () => {
    const ws = await workspace();
    await ws.pool.query(`INSERT INTO settings (key, value) VALUES ('timeZone', 'America/New_York')`);
    const dir = desktopCopy();
    rmSync(join(dir, 'media', desktop.mediaStoredName));
    const summary = await run(ws.pool, { from: dir });
    expect(summary.keptWorkspaceValues).toEqual(['settings.timeZone']);
    const { rows } = await ws.pool.query(`SELECT value FROM settings WHERE key = 'timeZone'`);
    expect(rows).toEqual([{ value: 'America/New_York' }]);
    expect(summary.media).toMatchObject({ files: [], missing: [desktop.mediaStoredName] });
    const { rows: media } = await ws.pool.query('SELECT id FROM media');
    expect(media).toEqual([{ id: desktop.mediaId }]);
  });

  it("the workspace's posts store reads every moved post as the desktop's store did, history and all", async () => {
    const ws = await workspace();
    await run(ws.pool);
    const sqlite = new Database(join(desktop.dir, DATABASE_FILE), { readonly: true });
    cleanup.push(() => {
      sqlite.close();
    });
    const desktopPosts = createSqliteStores(sqlite, SETTING_DEFAULTS).posts;
    const workspacePosts = new PgPostsStore(ws.pool);
    const all = await desktopPosts.list({});
    expect(all.length).toBe(5);
    expect(await workspacePosts.list({})).toEqual(all);
    for (const p of all) {
      expect(await workspacePosts.get(p.id)).toEqual(await desktopPosts.get(p.id));
      const history = await workspacePosts.history(p.id);
      expect(history.slice(0, -1)).toEqual(await desktopPosts.history(p.id));
      expect(history.at(-1)).toMatchObject({ kind: MOVED_KIND, actor: 'system', detail: 'from studio-laptop' });
    }
  });

  it('numbers over time come along too: snapshots (their latest kept by triggers on both sides), followers by day, replies', async () => {
    const dir = desktopCopy();
    const db = new Database(join(dir, DATABASE_FILE));
    const target = (db.prepare('SELECT id FROM targets WHERE post_id = ?').get(desktop.publishedPost) as { id: string }).id;
    const t = Date.UTC(2026, 2, 1, 9, 0);
    const snapshot = db.prepare(
      `INSERT INTO metric_snapshots (target_id, milestone, taken_at, state, likes, reposts, replies, quotes, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'network')`,
    );
    snapshot.run(target, '1h', t, 'counted', 3, 1, 0, null);
    snapshot.run(target, '24h', t + 86_400_000, 'counted', 5, 2, 1, 0);
    snapshot.run(target, 'manual', t + 2 * 86_400_000, 'deleted', null, null, null, null);
    db.prepare(`INSERT INTO follower_counts VALUES (?, '2026-03-01', 120, 10, ?, 'network')`).run(desktop.newsAccount, t);
    db.prepare(`INSERT INTO audience_posts VALUES (?, 'r1', 'reply', ?, 'Ann', 'Nice one', NULL, 'en', ?, 1, 0, 0, ?)`).run(
      desktop.newsAccount,
      target,
      t,
      t,
    );
    db.prepare(`INSERT INTO signal_history VALUES (?, 'trends', '', '[{"name":"spring"}]', ?)`).run(desktop.newsAccount, t);
    db.close();
    const ws = await workspace();
    const summary = await run(ws.pool, { from: dir });
    await expectSameRows(ws.pool, 'metric_snapshots', ['id'], [], dir);
    await expectSameRows(ws.pool, 'metric_latest', ['target_id'], [], dir);
    await expectSameRows(ws.pool, 'follower_counts', ['account_id', 'day'], [], dir);
    await expectSameRows(ws.pool, 'audience_posts', ['account_id', 'remote_id'], [], dir);
    await expectSameRows(ws.pool, 'signal_history', ['account_id', 'kind', 'term', 'fetched_at'], [], dir);
    const { rows } = await ws.pool.query('SELECT likes, deleted FROM metric_latest');
    expect(rows).toEqual([{ likes: 5, deleted: true }]);
    expect(summary.tables).toEqual(expect.arrayContaining([{ name: 'metric_snapshots', rows: 3 }]));
  });
});
