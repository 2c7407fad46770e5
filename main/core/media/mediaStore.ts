// Copies added media into the data directory and records it; adapters read the bytes from there.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { MEDIA_MAX_BYTES } from '../../../shared/contract/media';
import { invalid, KairosError } from '../errors';
import { newId } from '../ids';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../privateFiles';
import type { MediaRepo, StoredMedia } from '../repos/media';
import { readImageInfo, sniffMime } from './imageInfo';

const EXT_BY_MIME: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'video/quicktime': '.mov',
};

export const SUPPORTED_MIME = Object.keys(EXT_BY_MIME);

export class MediaStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly repo: MediaRepo,
  ) {
    this.dir = join(dataDir, 'media');
  }

  add(fileName: string, claimedMime: string, bytes: Buffer, now: number): StoredMedia {
    if (bytes.length === 0) throw invalid(`${fileName} is empty.`, 'media');
    if (bytes.length > MEDIA_MAX_BYTES) throw invalid(`${fileName} is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`, 'media');
    const mime = sniffMime(bytes, claimedMime);
    const ext = EXT_BY_MIME[mime];
    if (!ext) throw invalid(`${fileName} is not an image or video Kairos can post (PNG, JPEG, GIF, WebP, MP4, WebM, MOV).`, 'media');
    const info = readImageInfo(bytes);
    const id = newId('med', now);
    const storedName = `${id}${ext}`;
    try {
      makePrivateDir(this.dir);
      writeFileSync(join(this.dir, storedName), bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOSPC')
        throw new KairosError('storage_error', `The disk is full, so ${fileName} could not be saved. Free some space and add it again.`);
      throw new KairosError('storage_error', `${fileName} could not be saved in the Kairos data folder (${code ?? (e as Error).message}).`);
    }
    return this.repo.add({
      id,
      fileName,
      mime,
      bytes: bytes.length,
      width: info?.width ?? null,
      height: info?.height ?? null,
      storedName,
      now,
    });
  }

  addFile(path: string, now: number): StoredMedia {
    let bytes: Buffer;
    try {
      if (statSync(path).size > MEDIA_MAX_BYTES)
        throw invalid(`${basename(path)} is larger than ${MEDIA_MAX_BYTES / 1024 / 1024} MB.`, 'media');
      bytes = readFileSync(path);
    } catch (e) {
      if (e instanceof KairosError) throw e;
      throw invalid(`Cannot read ${path}: ${(e as { code?: string }).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`, 'media');
    }
    const guess = Object.entries(EXT_BY_MIME).find(
      ([, ext]) => ext === extname(path).toLowerCase() || (ext === '.jpg' && extname(path).toLowerCase() === '.jpeg'),
    );
    return this.add(basename(path), guess?.[0] ?? 'application/octet-stream', bytes, now);
  }

  pathOf(m: StoredMedia): string {
    return join(this.dir, m.storedName);
  }

  read(m: StoredMedia): Buffer {
    return readFileSync(this.pathOf(m));
  }
}
