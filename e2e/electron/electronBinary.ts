// Finds the Electron executable the way node_modules/electron does, without throwing when it was never downloaded.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const MISSING_BINARY_REASON =
  'Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD=1); these specs run where it is.';

/** The executable's absolute path, or null when `npm install` skipped the download. */
export function electronExecutable(): string | null {
  const packageDir = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const executable = join(distDir, relative);
  return existsSync(executable) ? executable : null;
}

/** The built main-process entry; the specs test what `npm run build` produced, not sources. */
export function builtMainEntry(): string {
  const entry = join(REPO_ROOT, 'dist', 'main', 'electron-main.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist; run npm run build before the Electron specs.`);
  return entry;
}
