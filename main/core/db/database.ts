// Opens the SQLite database with the pragmas we rely on, checks it, backs it up and migrates it.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { KairosError } from '../errors';

export type Db = Database.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** Migrations live beside this module in source and beside the bundle in builds. */
export function defaultMigrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'migrations'), join(here, 'db', 'migrations'), join(here, 'core', 'db', 'migrations')];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`The database migrations were not found next to ${here}.`);
}

export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies migrations above the current version, each in its own transaction with its version bump. */
export function migrate(db: Db, migrations: readonly Migration[], upTo = Number.POSITIVE_INFINITY): number {
  let current = userVersion(db);
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}

export interface OpenOptions {
  readonly migrations?: readonly Migration[];
  /** How many pre-migration backups to keep. */
  readonly keepBackups?: number;
  readonly now?: number;
}

export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

/** Backups made before migrations, newest first. */
export function listBackups(dbPath: string): string[] {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs || b.localeCompare(a));
}

function describeStorageError(e: unknown, path: string): KairosError {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new KairosError('storage_error', `The disk holding ${path} is full. Free some space and try again; nothing was changed.`);
  }
  if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS') {
    return new KairosError('storage_error', `Kairos cannot write to ${path}. Check the folder's permissions; nothing was changed.`);
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new KairosError('storage_error', `The database at ${path} is damaged. Restore a backup from ${backupDir(path)}.`);
  }
  return new KairosError('storage_error', `The database at ${path} could not be opened: ${(e as Error).message}`);
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? loadMigrations();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
    applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    }
  } catch (e) {
    throw describeStorageError(e, path);
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const current = userVersion(db);
  if (current > latest) {
    db.close();
    throw new KairosError(
      'storage_error',
      `The database at ${path} was written by a newer Kairos (schema ${current}, this one knows ${latest}). Update Kairos.`,
    );
  }
  if (current < latest && current > 0 && path !== ':memory:') {
    const dir = backupDir(path);
    mkdirSync(dir, { recursive: true });
    const stamp = new Date(options.now ?? Date.now()).toISOString().replace(/[:.]/g, '-');
    try {
      await db.backup(join(dir, `kairos-v${current}-${stamp}.sqlite`));
    } catch (e) {
      db.close();
      throw describeStorageError(e, path);
    }
    for (const old of listBackups(path).slice(options.keepBackups ?? 5)) unlinkSync(old);
  }
  try {
    migrate(db, migrations);
  } catch (e) {
    db.close();
    throw describeStorageError(e, path);
  }
  return db;
}

/** Replaces a damaged database with a backup; the damaged file is kept beside it. */
export function restoreBackup(dbPath: string, backupPath: string, now = Date.now()): string {
  const aside = `${dbPath}.damaged-${now}`;
  if (existsSync(dbPath)) copyFileSync(dbPath, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(dbPath + suffix)) unlinkSync(dbPath + suffix);
  copyFileSync(backupPath, dbPath);
  return aside;
}
