// Handlers for adding media (bytes from a page, a path from the CLI, the desktop's open dialog) and showing thumbnails.

import type { MediaView } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { fail, notFound } from '../errors';
import { startUnusedMediaSweeper } from '../media/unusedMedia';
import type { StoredMedia } from '../repos/media';
import type { HandlerMap } from './types';

const PREVIEW_MAX_BYTES = 8 * 1024 * 1024;

function view({ storedName: _s, postId: _p, ...m }: StoredMedia): MediaView {
  return m;
}

export function mediaHandlers(ctx: BackendContext): HandlerMap<'media.add' | 'media.addFile' | 'media.preview' | 'media.pick'> {
  startUnusedMediaSweeper(ctx);
  return {
    'media.add': async ({ fileName, mime, dataBase64, bytes }) => {
      const data = bytes ?? Buffer.from(dataBase64 ?? '', 'base64');
      if (data.length === 0) throw fail('media_unreadable_base64', { fileName }, 'media');
      return view(await ctx.mediaStore.add(fileName, mime, data, ctx.clock.now()));
    },
    'media.addFile': async ({ path }) => view(await ctx.mediaStore.addFile(path, ctx.clock.now())),
    'media.pick': async () => {
      if (!ctx.pickMediaFiles) throw fail('media_dialog_desktop_only', {});
      const paths = await ctx.pickMediaFiles();
      // The paths never leave this process: the page gets the stored media only.
      const added: ReturnType<typeof view>[] = [];
      for (const path of paths) added.push(view(await ctx.mediaStore.addFile(path, ctx.clock.now())));
      return added;
    },
    'media.preview': async ({ id }) => {
      const m = await ctx.media.get(id);
      if (!m) throw notFound('file');
      // Stored media was sniffed when it was added, so its type is what its bytes are.
      if (!m.mime.startsWith('image/') || m.bytes > PREVIEW_MAX_BYTES) return { dataUrl: '' };
      return { dataUrl: `data:${m.mime};base64,${ctx.mediaStore.read(m).toString('base64')}` };
    },
  };
}
