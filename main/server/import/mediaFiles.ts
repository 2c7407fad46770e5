// The media files of a moved desktop database: which are in its media folder, and their copy into the server's
// data folder, each checked by size after it is written. A copy is never written over a different file.

import { constants, copyFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { makePrivateDir, makePrivateFile } from '../../core/privateFiles';
import { DesktopImportError } from './desktopDatabase';

export interface MediaFile {
  readonly id: string;
  readonly storedName: string;
  readonly bytes: number;
}

export interface MediaPlan {
  readonly sourceDir: string;
  /** Files found in the desktop's media folder. */
  readonly files: readonly { readonly storedName: string; readonly size: number }[];
  readonly totalBytes: number;
  /** Media records whose file is not in the desktop's media folder (their posts cannot publish them). */
  readonly missing: readonly string[];
  /** Files whose size is not the one recorded when they were added (changed or cut off since). */
  readonly sizeDiffers: readonly string[];
}

export function planMedia(sourceDir: string, records: readonly MediaFile[]): MediaPlan {
  const files: { storedName: string; size: number }[] = [];
  const missing: string[] = [];
  const sizeDiffers: string[] = [];
  for (const r of records) {
    // A stored name is a file name Kairos chose; anything with a folder in it is not followed.
    const path = join(sourceDir, r.storedName);
    if (basename(r.storedName) !== r.storedName || !existsSync(path) || !statSync(path).isFile()) {
      missing.push(r.storedName);
      continue;
    }
    const size = statSync(path).size;
    if (size !== r.bytes) sizeDiffers.push(r.storedName);
    files.push({ storedName: r.storedName, size });
  }
  return { sourceDir, files, totalBytes: files.reduce((n, f) => n + f.size, 0), missing, sizeDiffers };
}

/** Copies the files into targetDir; returns the paths written (to remove if the import is rolled back). */
export function copyMediaFiles(plan: MediaPlan, targetDir: string): { copiedPaths: string[]; alreadyThere: number } {
  const copiedPaths: string[] = [];
  let alreadyThere = 0;
  try {
    makePrivateDir(targetDir);
    for (const f of plan.files) {
      const from = join(plan.sourceDir, f.storedName);
      const to = join(targetDir, f.storedName);
      if (existsSync(to)) {
        // The same file copied by an earlier attempt is fine; another file of that name is not replaced.
        if (statSync(to).size === f.size && readFileSync(to).equals(readFileSync(from))) {
          alreadyThere++;
          continue;
        }
        throw new DesktopImportError(
          'media',
          `${to} exists already and is not the desktop's ${f.storedName}. Nothing was written. Move that file away, then import again.`,
        );
      }
      copyFileSync(from, to, constants.COPYFILE_EXCL);
      copiedPaths.push(to);
      makePrivateFile(to);
      const size = statSync(to).size;
      if (size !== f.size)
        throw new DesktopImportError(
          'media',
          `The copy of ${f.storedName} in ${targetDir} has ${size} bytes instead of ${f.size}. Nothing was written. Check the disk there, then import again.`,
        );
    }
  } catch (e) {
    removeCopied(copiedPaths);
    if (e instanceof DesktopImportError) throw e;
    throw new DesktopImportError(
      'media',
      `The media files could not be copied into ${targetDir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Nothing was written. Check that folder (space, permissions), or import without --data-dir and copy them yourself.`,
    );
  }
  return { copiedPaths, alreadyThere };
}

export function removeCopied(paths: readonly string[]): void {
  for (const p of paths) rmSync(p, { force: true });
}
