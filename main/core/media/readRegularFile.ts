// Reads a file named by a path the user gave (the CLI, the desktop's open dialog): regular files only, never links or devices.
// Messages name the file, never its folder, since the desktop dialog's answers reach the page.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { fail } from '../errors';

function whatItIs(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a file';
}

function tooLarge(name: string, maxBytes: number) {
  return fail('media_file_too_large', { fileName: name, maxMb: Math.round(maxBytes / 1024 / 1024) }, 'media');
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
    throw fail(
      'file_unreadable',
      { name, why: code === 'ENOENT' ? 'missing' : code === 'EACCES' ? 'denied' : (code ?? 'unreadable') },
      'media',
    );
  }
  if (st.isSymbolicLink()) throw fail('file_is_link', { name, hint: true }, 'media');
  if (!st.isFile()) throw fail('file_not_regular', { name, is: whatItIs(st) }, 'media');
  if (st.size > maxBytes) throw tooLarge(name, maxBytes);
  let fd: number;
  try {
    // O_NOFOLLOW and O_NONBLOCK do not exist on Windows, where lstat above is the guard.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ELOOP') throw fail('file_is_link', { name, hint: false }, 'media');
    throw fail('file_unreadable', { name, why: code === 'EACCES' ? 'denied' : (code ?? 'unreadable') }, 'media');
  }
  try {
    const open = fstatSync(fd);
    if (!open.isFile() || open.ino !== st.ino || open.dev !== st.dev) throw fail('file_changed', { name }, 'media');
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
