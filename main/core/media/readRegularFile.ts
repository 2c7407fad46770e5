// Reads a file named by a path the user gave (the CLI, the desktop's open dialog): regular files only, never links or devices.
// Messages name the file, never its folder, since the desktop dialog's answers reach the page.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { invalid } from '../errors';

function whatItIs(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a file';
}

function tooLarge(name: string, maxBytes: number) {
  return invalid(`${name} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, the most Kairos keeps for one file.`, 'media');
}

/**
 * lstat first (a link, a pipe or a device is refused without being opened), then open with O_NOFOLLOW and
 * O_NONBLOCK (a swap to a link or a pipe in between cannot block or redirect us), fstat the open file and
 * check it is the same one, and read at most its size, which was checked against `maxBytes` before reading.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  const name = basename(path);
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw invalid(
      `Cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable')}.`,
      'media',
    );
  }
  if (st.isSymbolicLink())
    throw invalid(`${name} is a link to another file; Kairos adds only the file itself. Give the real file's path.`, 'media');
  if (!st.isFile())
    throw invalid(`${name} is not a regular file (it is ${whatItIs(st)}); Kairos adds only image and video files.`, 'media');
  if (st.size > maxBytes) throw tooLarge(name, maxBytes);
  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK do not exist on Windows, where lstat above is the guard.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ELOOP') throw invalid(`${name} is a link to another file; Kairos adds only the file itself.`, 'media');
    throw invalid(`Cannot read ${name}: ${code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable')}.`, 'media');
  }
  try {
    const open = fstatSync(fd);
    if (!open.isFile() || open.ino !== st.ino || open.dev !== st.dev)
      throw invalid(`${name} changed while Kairos was opening it; add it again.`, 'media');
    if (open.size > maxBytes) throw tooLarge(name, maxBytes);
    const bytes = Buffer.alloc(open.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === bytes.length ? bytes : bytes.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
