// The desktop side of a move into a workspace: the data folder's SQLite database, checked and copied with SQLite's
// online backup into a private temporary file, so a desktop app that is running is never disturbed and every table
// is read as of one moment. An older database is brought up to date in that copy only; the original is never written.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../core/backend';
import { type Db, loadMigrations, migrate, userVersion } from '../../core/db/database';
import { parseJsonObject } from '../../core/parse';
import { EventLog } from '../../core/repos/events';
import { PauseRepo } from '../../core/repos/pause';

export type DesktopImportErrorCode =
  | 'no_database'
  | 'damaged'
  | 'not_kairos'
  | 'too_new'
  | 'publishing'
  | 'schema'
  | 'conflict'
  | 'media'
  | 'failed';

/** Why nothing was moved; the message says what to do and never carries a credential. */
export class DesktopImportError extends Error {
  constructor(
    readonly code: DesktopImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DesktopImportError';
  }
}

/** The tables every Kairos desktop database has had since its first schema. */
const KAIROS_TABLES = ['accounts', 'posts', 'targets', 'events'];

export interface DesktopSnapshot {
  /** The private copy, read-write (nothing writes it after the upgrade). */
  readonly db: Db;
  readonly path: string;
  /** The schema of the original file, before the copy was brought up to date. */
  readonly schema: number;
  readonly upgradedTo: number;
  close(): void;
}

function damaged(path: string, detail: string): DesktopImportError {
  // SQLite's report can run to many lines; its first lines say enough.
  const said = detail.replace(/\s+/g, ' ').trim();
  detail = said.length > 200 ? `${said.slice(0, 199)}…` : said;
  return new DesktopImportError(
    'damaged',
    `The desktop database ${path} is damaged (${detail}). Nothing was moved. Restore a sound backup first (kairos database restore --data-dir …, or the desktop app's Settings > Backups), then import again.`,
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Who holds the desktop database's publishing lease, in words, or null when nobody does. A lease left by a process
 * of this machine that has gone does not count: nothing publishes from it any more.
 */
export function leaseHolder(db: Db, now: number): string | null {
  const row = db
    .prepare<[], { description: string; expires_at: number }>('SELECT description, expires_at FROM scheduler_lease WHERE id = 1')
    .get();
  if (!row || row.expires_at <= now) return null;
  const d = parseJsonObject(row.description);
  if (d && d.host === hostname() && typeof d.pid === 'number' && !processAlive(d.pid)) return null;
  if (!d) return 'another Kairos process';
  const field = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
  return `Kairos (${field(d.shell)}, process ${field(d.pid)} on ${field(d.host)})`;
}

/** Opens DATA_DIR/kairos.sqlite read-only, checks it, and returns an up-to-date private copy of it. */
export async function snapshotDesktopDatabase(dataDir: string, now: number): Promise<DesktopSnapshot> {
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path))
    throw new DesktopImportError(
      'no_database',
      `There is no Kairos database in ${dataDir} (no ${DATABASE_FILE}). Give the desktop's data folder with --from (the folder the desktop app or "kairos --data-dir" uses).`,
    );
  const migrations = loadMigrations();
  const known = migrations.at(-1)?.version ?? 0;
  let source: Db | undefined;
  let schema: number;
  const work = mkdtempSync(join(tmpdir(), 'kairos-import-'));
  const copyPath = join(work, DATABASE_FILE);
  const removeWork = () => rmSync(work, { recursive: true, force: true });
  try {
    try {
      source = new Database(path, { readonly: true, fileMustExist: true });
      const check = source.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw damaged(path, String(check));
      schema = userVersion(source);
      const tables = new Set(
        source
          .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
          .all()
          .map((r) => r.name),
      );
      if (schema === 0 || !KAIROS_TABLES.every((t) => tables.has(t)))
        throw new DesktopImportError(
          'not_kairos',
          `${path} is an SQLite database, but not a Kairos one (it has no Kairos schema). Give the data folder of a Kairos desktop with --from.`,
        );
      if (schema > known)
        throw new DesktopImportError(
          'too_new',
          `The desktop database ${path} was written by a newer Kairos (schema ${schema}; this one knows ${known}). Update this Kairos, then import again.`,
        );
      // One consistent copy, page by page, while the desktop app may go on writing the original.
      await source.backup(copyPath);
    } catch (e) {
      if (e instanceof DesktopImportError) throw e;
      const code = (e as { code?: string }).code ?? '';
      if (code === 'SQLITE_NOTADB')
        throw new DesktopImportError('not_kairos', `${path} is not a Kairos database (not an SQLite file at all).`);
      if (code.startsWith('SQLITE_CORRUPT')) throw damaged(path, (e as Error).message);
      throw new DesktopImportError('failed', `The desktop database ${path} could not be read: ${(e as Error).message}`);
    } finally {
      source?.close();
    }
    const db = new Database(copyPath);
    let upgradedTo: number;
    try {
      upgradedTo = migrate(db, migrations);
    } catch (e) {
      db.close();
      throw new DesktopImportError(
        'failed',
        `The desktop database (schema ${schema}) could not be brought up to schema ${known} in a copy: ${(e as Error).message}. Open it once with the desktop app, then import again.`,
      );
    }
    const holder = leaseHolder(db, now);
    if (holder) {
      db.close();
      throw new DesktopImportError(
        'publishing',
        `${holder} is publishing from this desktop database. Quit it first (the desktop app, "kairos run" or "kairos serve"), so nothing goes out from both places, then import again.`,
      );
    }
    return {
      db,
      path,
      schema,
      upgradedTo,
      close() {
        db.close();
        removeWork();
      },
    };
  } catch (e) {
    removeWork();
    throw e;
  }
}

/**
 * After a move: publishing from the desktop database is paused (its crisis brake, with the reason), so the desktop app
 * or `kairos run` opened on it later does not publish the posts the workspace now publishes. Returns why it could not
 * be paused, or null; the move itself is committed either way.
 */
export function pauseMovedDesktop(dataDir: string, now: number, workspace: string): string | null {
  let db: Db | undefined;
  try {
    db = new Database(join(dataDir, DATABASE_FILE), { fileMustExist: true, timeout: 5_000 });
    new PauseRepo(db, new EventLog(db)).pause({
      accountId: null,
      reason: `These posts moved into the workspace (${workspace}) on ${new Date(now).toISOString().slice(0, 10)}: they are published from there. Resume here only for posts written on this computer since.`,
      resumeAt: null,
      now,
      actor: 'cli',
    });
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}
