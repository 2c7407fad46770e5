// Uploads a part's media with alt text and focus point, then waits for the server to finish processing it.

import type { AccountContext } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { StoredMedia } from '../../core/repos/media';
import type { MastodonApi } from './api';
import type { MastodonSecret } from './config';

export interface MediaTiming {
  /** Waits between processing checks; the last one repeats. */
  readonly pollDelaysMs: readonly number[];
  /** How long a file may stay "processing" before the attempt gives up (and the engine retries later). */
  readonly processingTimeoutMs: number;
}

export const DEFAULT_MEDIA_TIMING: MediaTiming = { pollDelaysMs: [250, 500, 1000, 2000, 3000], processingTimeoutMs: 90_000 };

interface MediaJson {
  readonly id?: unknown;
  readonly url?: unknown;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

async function waitUntilProcessed(api: MastodonApi, id: string, m: StoredMedia, timing: MediaTiming, signal?: AbortSignal): Promise<void> {
  const started = Date.now();
  for (let i = 0; ; i++) {
    const delay = timing.pollDelaysMs[Math.min(i, timing.pollDelaysMs.length - 1)] ?? 1000;
    if (Date.now() - started + delay > timing.processingTimeoutMs) {
      throw new PlatformError(
        'transient',
        `${api.host} was still processing "${m.fileName}" after ${Math.round(timing.processingTimeoutMs / 1000)} s; Kairos will try again later.`,
      );
    }
    await sleep(delay, signal);
    let res: Awaited<ReturnType<typeof api.call<MediaJson>>>;
    try {
      res = await api.call<MediaJson>({ method: 'GET', path: `/api/v1/media/${encodeURIComponent(id)}`, accept: [206] });
    } catch (e) {
      if (e instanceof PlatformError && e.kind === 'invalid') {
        throw new PlatformError('invalid', `${api.host} could not process "${m.fileName}". ${e.message} Try another file.`, {
          field: 'media',
        });
      }
      throw e;
    }
    if (res.status === 200 && typeof res.body?.url === 'string') return;
  }
}

/** Uploads every file of one part in order and returns the server's media ids, each ready to attach. */
export async function uploadPartMedia(
  api: MastodonApi,
  media: readonly StoredMedia[],
  ctx: AccountContext<MastodonSecret>,
  timing: MediaTiming,
  what: string | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const m of media) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(ctx.readMedia(m))], { type: m.mime }), m.fileName);
    if (m.alt.trim()) form.append('description', m.alt);
    if (m.focus) form.append('focus', `${m.focus.x.toFixed(2)},${m.focus.y.toFixed(2)}`);
    const res = await api.call<MediaJson>({
      method: 'POST',
      path: '/api/v2/media',
      form,
      timeoutMs: 120_000,
      what: what ? `${what}, ${m.fileName}` : m.fileName,
    });
    const id = res.body?.id;
    if (typeof id !== 'string')
      throw new PlatformError('transient', `${api.host} accepted "${m.fileName}" but did not say which media it created.`);
    if (res.status === 202 || typeof res.body?.url !== 'string') await waitUntilProcessed(api, id, m, timing, ctx.signal);
    ids.push(id);
  }
  return ids;
}
