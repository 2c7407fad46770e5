// Opens the SQLite database with the pragmas we rely on, checks it, backs it up and migrates it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type Problem, wordsFor } from '../../../shared/contract';
import { fail, KairosError, problem } from '../errors';
import { ensurePrivateFile, makePrivateDir, makePrivateFile } from '../privateFiles';
import { applyPendingRestore, type BackupInfo, createVerifiedBackup, KEEP_BACKUPS, latestVerifiedBackup } from './backups';

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
  // Source tree: beside this file. Bundles: beside the entry point, or one level up from a shared chunk.
  const candidates = [join(here, 'migrations'), join(here, '..', 'migrations'), join(here, 'core', 'db', 'migrations')];
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
  /** How many backups to keep (pre-migration and periodic together). */
  readonly keepBackups?: number;
  readonly now?: number;
}

export { backupDir, listBackups, restoreBackup } from './backups';

/** A database that fails SQLite's checks at start-up. Nothing publishes; the newest sound backup is offered. */
export class DatabaseDamagedError extends KairosError {
  constructor(
    readonly path: string,
    /** The newest backup that passes the integrity check, or null when there is none. */
    readonly latestBackup: BackupInfo | null,
    detail: string,
  ) {
    super(
      problem('database_damaged_at_start', {
        path,
        detail,
        backup: latestBackup ? { at: new Date(latestBackup.at).toISOString(), fileName: latestBackup.fileName } : null,
      }),
    );
    this.name = 'DatabaseDamagedError';
  }
}

const CORRUPT_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_VTAB',
]);

/** Whether an error says the database file itself is damaged. */
export function isCorruption(e: unknown): boolean {
  return CORRUPT_CODES.has((e as { code?: string })?.code ?? '');
}

/**
 * A sentence for a storage failure (disk full, read-only, damaged, I/O error), or null when the error is not about
 * storage. Every SQLite write runs in a transaction, so the sentence can promise nothing was half-written.
 */
export function storageProblem(e: unknown, path = 'the data folder'): string | null {
  const p = storageProblemOf(e, path);
  return p ? wordsFor(p) : null;
}

/** The same, as a problem from the catalog. */
export function storageProblemOf(e: unknown, path = 'the data folder'): Problem | null {
  const code = (e as { code?: string })?.code ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return problem('storage_full', { path });
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return problem('storage_read_only', { path });
  }
  if (isCorruption(e)) return problem('database_damaged', { path });
  if (code.startsWith('SQLITE_IOERR')) return problem('storage_io_error', { path, code });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return problem('storage_locked', { path });
  return null;
}

function describeStorageError(e: unknown, path: string): KairosError {
  if (isCorruption(e)) return new DatabaseDamagedError(path, latestVerifiedBackup(path), (e as Error).message);
  return new KairosError(storageProblemOf(e, path) ?? problem('database_unopenable', { path, detail: (e as Error).message }));
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? loadMigrations();
  if (path !== ':memory:') {
    makePrivateDir(dirname(path));
    // A restore asked for while the app was running happens here, before anything opens the file.
    applyPendingRestore(path, options.now ?? Date.now());
  }
  let db: Db | undefined;
  try {
    if (path !== ':memory:') {
      // SQLite gives the -wal, -shm and journal files the database file's mode, so a private database keeps them private.
      ensurePrivateFile(path);
      for (const suffix of ['-wal', '-shm', '-journal']) makePrivateFile(path + suffix);
    }
    db = new Database(path);
    applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
  } catch (e) {
    db?.close();
    throw describeStorageError(e, path);
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const current = userVersion(db);
  if (current > latest) {
    db.close();
    throw fail('database_too_new', { path, schema: current, known: latest });
  }
  if (current < latest && current > 0 && path !== ':memory:') {
    try {
      await createVerifiedBackup(db, path, {
        now: options.now ?? Date.now(),
        label: `v${current}`,
        keep: options.keepBackups ?? KEEP_BACKUPS,
      });
    } catch (e) {
      db.close();
      throw e instanceof KairosError ? e : describeStorageError(e, path);
    }
  }
  try {
    migrate(db, migrations);
  } catch (e) {
    db.close();
    throw describeStorageError(e, path);
  }
  return db;
}
