// Database backups: taken with SQLite's online backup, integrity-checked before they count, rotated, and restorable.

import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { fail } from '../errors';
import { parseJsonObject } from '../parse';
import { makePrivateDir, makePrivateFile, PRIVATE_FILE_MODE } from '../privateFiles';
import { holdAfterRestore } from '../publishing/restoreHold';

type Db = Database.Database;

export interface BackupInfo {
  readonly path: string;
  readonly fileName: string;
  /** When it was written (file time, UTC ms). */
  readonly at: number;
  readonly bytes: number;
}

/** How many backups to keep; older ones are deleted after each new verified backup. */
export const KEEP_BACKUPS = 5;
const PARTIAL = '.partial';
const RESTORE_MARKER = 'restore-on-start.json';

export function backupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

/** Finished backups, newest first. */
export function listBackups(dbPath: string): string[] {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite') && !f.startsWith('.'))
    .map((f) => join(dir, f))
    .sort((a, b) => takenAt(b) - takenAt(a) || b.localeCompare(a));
}

const STAMP = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/;

/** When a backup was taken: the time in its name (written with the app's clock), else the file's time. */
function takenAt(path: string): number {
  const m = STAMP.exec(path);
  if (m) {
    const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
    if (!Number.isNaN(at)) return at;
  }
  return Math.round(statSync(path).mtimeMs);
}

function infoOf(path: string): BackupInfo {
  return { path, fileName: basename(path), at: takenAt(path), bytes: statSync(path).size };
}

export function backupInfos(dbPath: string): BackupInfo[] {
  return listBackups(dbPath).map(infoOf);
}

/** Null when the file is a sound SQLite database; otherwise what is wrong with it, in words. */
export function verifyBackup(path: string): string | null {
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const result = db.pragma('integrity_check', { simple: true });
    return result === 'ok' ? null : `it fails SQLite's integrity check (${String(result)})`;
  } catch (e) {
    return `it cannot be read (${(e as Error).message})`;
  } finally {
    db?.close();
  }
}

/** Deletes all but the newest `keep` backups. */
export function rotateBackups(dbPath: string, keep = KEEP_BACKUPS): void {
  for (const old of listBackups(dbPath).slice(Math.max(1, keep))) unlinkSync(old);
}

/**
 * Writes a backup and keeps it only if it passes SQLite's integrity check; a failed or interrupted one never
 * replaces a good one (it is written under a temporary name first). The copy is a single self-contained file.
 */
export async function createVerifiedBackup(
  db: Db,
  dbPath: string,
  opts: { now: number; label: string; keep?: number },
): Promise<BackupInfo> {
  const dir = backupDir(dbPath);
  makePrivateDir(dir);
  const stamp = new Date(opts.now).toISOString().replace(/[:.]/g, '-');
  const finalPath = join(dir, `kairos-${opts.label}-${stamp}.sqlite`);
  const partial = join(dir, `.${basename(finalPath)}${PARTIAL}`);
  // Leftovers of a backup interrupted by a crash are never valid; clear them first.
  for (const f of readdirSync(dir)) if (f.endsWith(PARTIAL)) unlinkSync(join(dir, f));
  await db.backup(partial);
  makePrivateFile(partial);
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problem = verifyBackup(partial);
  if (problem) {
    unlinkSync(partial);
    throw fail('backup_not_kept', { path: dbPath, reason: problem });
  }
  renameSync(partial, finalPath);
  rotateBackups(dbPath, opts.keep ?? KEEP_BACKUPS);
  return infoOf(finalPath);
}

/** The newest backup that passes the integrity check, or null. */
export function latestVerifiedBackup(dbPath: string): BackupInfo | null {
  for (const path of listBackups(dbPath)) if (verifyBackup(path) === null) return infoOf(path);
  return null;
}

/** Replaces the database with a verified backup; the replaced file is kept beside it. Returns where. */
export function restoreBackup(dbPath: string, backupPath: string, now = Date.now()): string {
  const problem = verifyBackup(backupPath);
  if (problem) throw fail('backup_unrestorable', { reason: problem });
  const aside = `${dbPath}.damaged-${now}`;
  if (existsSync(dbPath)) copyFileSync(dbPath, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(dbPath + suffix)) {
      copyFileSync(dbPath + suffix, aside + suffix);
      unlinkSync(dbPath + suffix);
    }
  }
  copyFileSync(backupPath, dbPath);
  makePrivateFile(dbPath);
  holdWhatMayHaveGoneOut(dbPath, takenAt(backupPath), now);
  return aside;
}

/**
 * A backup is older than the queue it replaces: posts due since then may already have gone out. They are held
 * for the user to check instead of being sent again (the holdAfterRestore transition, which works on a backup
 * taken before later migrations).
 */
function holdWhatMayHaveGoneOut(dbPath: string, backupAt: number, now: number): void {
  const db = new Database(dbPath);
  try {
    holdAfterRestore(db, backupAt, now);
  } finally {
    db.close();
  }
}

/** Asks for a restore at the next start, for a database that is open now and cannot be swapped under the app. */
export function requestRestoreOnNextStart(dbPath: string, backupPath: string): void {
  writeFileSync(join(dirname(dbPath), RESTORE_MARKER), JSON.stringify({ backup: basename(backupPath) }), { mode: PRIVATE_FILE_MODE });
}

/** Applies a requested restore before the database is opened; returns the restored backup's path, or null. */
export function applyPendingRestore(dbPath: string, now: number): string | null {
  const marker = join(dirname(dbPath), RESTORE_MARKER);
  if (!existsSync(marker)) return null;
  // A marker that is not JSON names no backup: it is removed, and nothing is restored.
  const backup = parseJsonObject(readFileSync(marker, 'utf8'))?.backup;
  const name = typeof backup === 'string' ? backup : undefined;
  unlinkSync(marker);
  if (!name || name.includes('/') || name.includes('\\')) return null;
  const path = join(backupDir(dbPath), name);
  if (!existsSync(path)) return null;
  restoreBackup(dbPath, path, now);
  return path;
}
