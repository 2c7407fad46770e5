// Keeps the data folder private to its user: the folder and its subfolders 0700, the database, backups, media,
// logs and key file 0600. New files are created that way; files an older Kairos left open to others are fixed at open.

import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

// Windows has no POSIX modes: the user's profile folder ACLs protect the data folder there.
const HAS_POSIX_MODES = process.platform !== 'win32';

/** Subfolders of the data folder that hold only Kairos's own files, all private. */
const PRIVATE_SUBFOLDERS = ['backups', 'media', 'logs'];
/** Files directly in the data folder that are Kairos's: the database and its companions, the key file, logs, markers. */
const OWN_FILE = /^(kairos|secrets\.key|restore-on-start)|\.log(\.\d+)?$/;

function setMode(path: string, mode: number): void {
  if (!HAS_POSIX_MODES) return;
  try {
    const st = lstatSync(path);
    // A symlink is never followed: its target is not Kairos's to change.
    if (st.isSymbolicLink() || (st.mode & 0o777) === mode) return;
    chmodSync(path, mode);
  } catch (e) {
    // Gone meanwhile, or a file system without permission bits: nothing to tighten.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM' && code !== 'ENOTSUP') throw e;
  }
}

/** Creates a folder (and its parents) readable only by this user, and tightens it if it existed. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  setMode(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file readable only by this user; a missing file is fine. */
export function makePrivateFile(path: string): void {
  setMode(path, PRIVATE_FILE_MODE);
}

/** Creates the file empty and private if it does not exist, so whatever writes it next (SQLite) keeps that mode. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  makePrivateFile(path);
}

/** The data folder at open: private itself, and every Kairos file and folder in it private too. */
export function tightenDataDir(dataDir: string): void {
  makePrivateDir(dataDir);
  if (!HAS_POSIX_MODES) return;
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const path = join(dataDir, entry.name);
    if (entry.isFile() && OWN_FILE.test(entry.name)) makePrivateFile(path);
    else if (entry.isDirectory() && PRIVATE_SUBFOLDERS.includes(entry.name)) tightenFolder(path);
  }
}

function tightenFolder(dir: string): void {
  setMode(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile()) makePrivateFile(path);
    else if (entry.isDirectory()) tightenFolder(path);
  }
}
