// Deletes media no post uses any more, a day after it stopped being used (docs/MEDIA.md says when and why).

import type { BackendContext } from '../context';
import { logSurvived } from '../logs/survived';

/**
 * How long a file stays after nothing uses it: long enough for a composer left open, an upload not saved yet,
 * or a post deleted with Undo still on screen; short enough that a data folder does not fill with leftovers.
 */
export const UNUSED_MEDIA_GRACE_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes the rows and files of media unused for the grace period; returns how many went. */
export async function deleteUnusedMedia(ctx: Pick<BackendContext, 'media' | 'mediaStore'>, now: number): Promise<number> {
  // The rows go first: a crash in between leaves a stray file, never a row whose file is missing.
  const removed = await ctx.media.removeUnused(now - UNUSED_MEDIA_GRACE_MS, now);
  for (const m of removed) ctx.mediaStore.removeFile(m.storedName);
  return removed.length;
}

/** Sweeps once at start, then every hour of the backend's clock, until the backend closes. */
export function startUnusedMediaSweeper(ctx: BackendContext): void {
  let timer: { cancel(): void } | null = null;
  let closed = false;
  const sweep = () => {
    deleteUnusedMedia(ctx, ctx.clock.now())
      .catch((e) => {
        // A busy or read-only database: the next sweep tries again; nothing is lost by waiting.
        if (!closed) logSurvived('the sweep of unused media files failed', e);
      })
      .finally(() => {
        // An hour after this sweep ended.
        if (!closed) timer = ctx.clock.setTimer(SWEEP_EVERY_MS, sweep);
      });
  };
  ctx.lifecycle.onClose(() => {
    closed = true;
    timer?.cancel();
  });
  sweep();
}
