// Copies added media into the data directory and records it; adapters read the bytes from there.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MEDIA_MAX_BYTES } from '../../../shared/contract/media';
import { fail } from '../errors';
import { newId } from '../ids';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../privateFiles';
import type { StoredMedia } from '../repos/media';
import type { MediaRecordsStore } from '../stores/types';
import { readImageInfo } from './imageInfo';
import { readRegularFile } from './readRegularFile';
import { claimMismatch, SUPPORTED_MEDIA_WORDS, sniffFile } from './sniff';

export class MediaStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly repo: MediaRecordsStore,
  ) {
    this.dir = join(dataDir, 'media');
  }

  /**
   * Keeps a file the user chose. Its bytes decide what it is: a file that is not an image or video Kairos can
   * post, or not the kind its name or type says, is refused now rather than at publish time.
   */
  async add(fileName: string, claimedMime: string, bytes: Uint8Array, now: number): Promise<StoredMedia> {
    if (bytes.length === 0) throw fail('media_empty', { fileName }, 'media');
    if (bytes.length > MEDIA_MAX_BYTES) throw fail('media_too_large', { fileName, maxMb: MEDIA_MAX_BYTES / 1024 / 1024 }, 'media');
    const sniffed = sniffFile(bytes);
    if (sniffed.kind !== 'media')
      throw fail('media_not_media', { fileName, label: sniffed.label, supported: SUPPORTED_MEDIA_WORDS }, 'media');
    const claimed = claimMismatch(sniffed.format, fileName, claimedMime);
    if (claimed) throw fail('media_misnamed', { fileName, label: sniffed.label, claimed, ext: sniffed.ext }, 'media');
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const info = readImageInfo(buffer);
    const id = newId('med', now);
    const storedName = `${id}${sniffed.ext}`;
    try {
      makePrivateDir(this.dir);
      writeFileSync(join(this.dir, storedName), buffer, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOSPC') throw fail('media_disk_full', { fileName });
      throw fail('media_not_saved', { fileName, detail: code ?? (e as Error).message });
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
  async addFile(path: string, now: number): Promise<StoredMedia> {
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
