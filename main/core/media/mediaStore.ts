// Copies added media into the data directory and records it; adapters read the bytes from there.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MEDIA_MAX_BYTES } from '../../../shared/contract/media';
import { invalid, KairosError } from '../errors';
import { newId } from '../ids';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../privateFiles';
import type { MediaRepo, StoredMedia } from '../repos/media';
import { readImageInfo } from './imageInfo';
import { readRegularFile } from './readRegularFile';
import { claimMismatch, SUPPORTED_MEDIA_WORDS, sniffFile } from './sniff';

export class MediaStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly repo: MediaRepo,
  ) {
    this.dir = join(dataDir, 'media');
  }

  /**
   * Keeps a file the user chose. Its bytes decide what it is: a file that is not an image or video Kairos can
   * post, or not the kind its name or type says, is refused now rather than at publish time.
   */
  add(fileName: string, claimedMime: string, bytes: Uint8Array, now: number): StoredMedia {
    if (bytes.length === 0) throw invalid(`${fileName} is empty.`, 'media');
    if (bytes.length > MEDIA_MAX_BYTES) throw invalid(`${fileName} is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`, 'media');
    const sniffed = sniffFile(bytes);
    if (sniffed.kind !== 'media')
      throw invalid(
        `${fileName} is not an image or video: it is ${sniffed.label}. Kairos can post ${SUPPORTED_MEDIA_WORDS} files.`,
        'media',
      );
    const claimed = claimMismatch(sniffed.format, fileName, claimedMime);
    if (claimed)
      throw invalid(
        `${fileName} is ${sniffed.label}, not ${claimed} as its name or type says. Rename it to ${sniffed.ext} or save it again in the format you meant.`,
        'media',
      );
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const info = readImageInfo(buffer);
    const id = newId('med', now);
    const storedName = `${id}${sniffed.ext}`;
    try {
      makePrivateDir(this.dir);
      writeFileSync(join(this.dir, storedName), buffer, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOSPC')
        throw new KairosError('storage_error', `The disk is full, so ${fileName} could not be saved. Free some space and add it again.`);
      throw new KairosError('storage_error', `${fileName} could not be saved in the Kairos data folder (${code ?? (e as Error).message}).`);
    }
    return this.repo.add({
      id,
      fileName,
      mime: sniffed.mime,
      bytes: bytes.length,
      width: info?.width ?? null,
      height: info?.height ?? null,
      storedName,
      now,
    });
  }

  /** A file named by a path: only from the CLI or the desktop's own open dialog, never from a page. */
  addFile(path: string, now: number): StoredMedia {
    return this.add(basename(path), '', readRegularFile(path, MEDIA_MAX_BYTES), now);
  }

  pathOf(m: StoredMedia): string {
    return join(this.dir, m.storedName);
  }

  read(m: StoredMedia): Buffer {
    return readFileSync(this.pathOf(m));
  }

  /** Removes a stored file; one already gone is fine. */
  removeFile(storedName: string): void {
    rmSync(join(this.dir, basename(storedName)), { force: true });
  }
}
