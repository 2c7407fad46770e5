// Handlers for adding media files and showing their thumbnails.

import type { MediaView } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { invalid, notFound } from '../errors';
import type { StoredMedia } from '../repos/media';
import type { HandlerMap } from './types';

const PREVIEW_MAX_BYTES = 8 * 1024 * 1024;

function view({ storedName: _s, postId: _p, ...m }: StoredMedia): MediaView {
  return m;
}

export function mediaHandlers(ctx: BackendContext): HandlerMap<'media.add' | 'media.addFile' | 'media.preview'> {
  return {
    'media.add': ({ fileName, mime, dataBase64 }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.length === 0) throw invalid(`${fileName} could not be read (empty or not base64).`, 'media');
      return view(ctx.mediaStore.add(fileName, mime, bytes, ctx.clock.now()));
    },
    'media.addFile': ({ path }) => view(ctx.mediaStore.addFile(path, ctx.clock.now())),
    'media.preview': ({ id }) => {
      const m = ctx.media.get(id);
      if (!m) throw notFound('That file');
      if (!m.mime.startsWith('image/') || m.bytes > PREVIEW_MAX_BYTES) return { dataUrl: '' };
      return { dataUrl: `data:${m.mime};base64,${ctx.mediaStore.read(m).toString('base64')}` };
    },
  };
}
