// Media for X through the v2 upload endpoints: initialize, append chunks, finalize, wait for processing, alt text.

import { PlatformError } from '../../core/platforms/types';
import type { StoredMedia } from '../../core/repos/media';
import type { XApi } from './api';

export interface XMediaTiming {
  /** Bounds on how long to wait between STATUS checks, whatever check_after_secs says. */
  readonly minPollMs: number;
  readonly maxPollMs: number;
  /** Give up waiting for processing after this long. */
  readonly processingTimeoutMs: number;
}

export const DEFAULT_X_MEDIA_TIMING: XMediaTiming = { minPollMs: 1_000, maxPollMs: 10_000, processingTimeoutMs: 5 * 60_000 };

/** Appended in pieces of this size (X accepts up to 5 MB per segment). */
const CHUNK_BYTES = 4 * 1024 * 1024;

export function categoryOf(mime: string): 'tweet_image' | 'tweet_gif' | 'tweet_video' {
  if (mime === 'image/gif') return 'tweet_gif';
  return mime.startsWith('video/') ? 'tweet_video' : 'tweet_image';
}

interface ProcessingInfo {
  readonly state?: unknown;
  readonly check_after_secs?: unknown;
  readonly error?: { readonly message?: unknown };
}

interface MediaData {
  readonly data?: { readonly id?: unknown; readonly processing_info?: ProcessingInfo };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new PlatformError('transient', 'Stopped while X was processing the media.'));
    });
  });

async function waitForProcessing(
  api: XApi,
  id: string,
  first: ProcessingInfo | undefined,
  media: StoredMedia,
  timing: XMediaTiming,
  signal?: AbortSignal,
) {
  let info = first;
  const deadline = Date.now() + timing.processingTimeoutMs;
  while (info && info.state !== 'succeeded') {
    if (info.state === 'failed') {
      const why = typeof info.error?.message === 'string' ? info.error.message : 'no reason given';
      throw new PlatformError('invalid', `X could not process "${media.fileName}" (${why}). Try another file.`);
    }
    if (Date.now() > deadline)
      throw new PlatformError('transient', `X took too long to process "${media.fileName}"; Kairos will try again.`);
    const after = typeof info.check_after_secs === 'number' ? info.check_after_secs * 1000 : timing.minPollMs;
    await sleep(Math.min(timing.maxPollMs, Math.max(timing.minPollMs, after)), signal);
    const status = await api.call<MediaData>({
      method: 'GET',
      path: '/2/media/upload',
      query: { command: 'STATUS', media_id: id },
      what: `checking "${media.fileName}"`,
    });
    info = status.body?.data?.processing_info;
  }
}

/** Uploads one file and returns its media id, ready to attach. */
export async function uploadXMedia(
  api: XApi,
  media: StoredMedia,
  bytes: Buffer,
  timing: XMediaTiming,
  signal?: AbortSignal,
): Promise<string> {
  const init = await api.call<MediaData>({
    method: 'POST',
    path: '/2/media/upload/initialize',
    json: { media_type: media.mime, total_bytes: bytes.length, media_category: categoryOf(media.mime) },
    what: `starting the upload of "${media.fileName}"`,
  });
  const id = init.body?.data?.id;
  if (typeof id !== 'string') throw new PlatformError('transient', `X did not start the upload of "${media.fileName}".`);
  for (let offset = 0, segment = 0; offset < bytes.length; offset += CHUNK_BYTES, segment++) {
    const form = new FormData();
    form.set('segment_index', String(segment));
    form.set('media', new Blob([new Uint8Array(bytes.subarray(offset, offset + CHUNK_BYTES))]), 'chunk');
    await api.call({ method: 'POST', path: `/2/media/upload/${id}/append`, form, what: `uploading "${media.fileName}"` });
  }
  const fin = await api.call<MediaData>({ method: 'POST', path: `/2/media/upload/${id}/finalize`, what: `finishing "${media.fileName}"` });
  await waitForProcessing(api, id, fin.body?.data?.processing_info, media, timing, signal);
  if (media.alt.trim()) {
    await api.call({
      method: 'POST',
      path: '/2/media/metadata',
      json: { id, metadata: { alt_text: { text: media.alt.slice(0, 1000) } } },
      what: `adding the description of "${media.fileName}"`,
    });
  }
  return id;
}
