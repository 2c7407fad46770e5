// Media as the server documents it: v2 upload (200 for small images, 202 while video processes), polling with 206, updates.

import type { FakeCore } from './core';
import { mediaEntity } from './entities';
import { errorReply, type FakeReply, type FakeRequest, json, notFound, requireUser } from './protocol';
import { type FakeMedia, nextSnowflake } from './state';

function parseFocus(raw: string | undefined): { x: number; y: number } | null | 'invalid' {
  if (raw === undefined || raw === '') return null;
  const [x, y] = raw.split(',').map(Number);
  if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1 || Math.abs(y) > 1)
    return 'invalid';
  return { x, y };
}

async function upload(core: FakeCore, req: FakeRequest, processingFails: boolean): Promise<FakeReply> {
  const t = requireUser(req, 'write:media');
  if ('status' in t) return t;
  const file = req.params.file('file');
  if (!file) return errorReply(422, "Validation failed: File can't be blank");
  const l = core.settings.limits;
  const mime = file.type;
  if (!l.supportedMimeTypes.includes(mime)) return errorReply(422, 'Validation failed: File content type is invalid, File is invalid');
  const isVideo = mime.startsWith('video/') || mime === 'image/gif';
  const limit = isVideo ? l.videoSizeLimit : l.imageSizeLimit;
  if (file.size > limit)
    return errorReply(422, `Validation failed: File file size must be less than ${Math.floor(limit / 1024 / 1024)} MB`);
  const focus = parseFocus(req.params.string('focus'));
  if (focus === 'invalid') return errorReply(422, 'Validation failed: Focus is invalid');
  const description = req.params.string('description') ?? null;
  if (description && [...description].length > 1500)
    return errorReply(422, 'Validation failed: Description is too long (maximum is 1500 characters)');
  const media: FakeMedia = {
    id: nextSnowflake(),
    userId: t.userId,
    type: mime === 'image/gif' ? 'gifv' : isVideo ? 'video' : 'image',
    mime,
    bytes: file.size,
    fileName: file.name || 'upload',
    description,
    focus,
    pollsUntilReady: isVideo ? core.settings.videoProcessingPolls : 0,
    failed: processingFails,
    statusId: null,
    scheduledId: null,
  };
  core.mediaById.set(media.id, media);
  const body = mediaEntity(core, media);
  return json(media.pollsUntilReady > 0 || media.failed ? 202 : 200, body);
}

export async function handleMedia(core: FakeCore, req: FakeRequest, processingFails: () => boolean): Promise<FakeReply | null> {
  const { method, path } = req;
  if (method === 'POST' && (path === '/api/v2/media' || path === '/api/v1/media')) return upload(core, req, processingFails());
  const one = /^\/api\/v1\/media\/([^/]+)$/.exec(path);
  if (!one) return null;
  const t = requireUser(req, 'write:media');
  if ('status' in t) return t;
  const media = core.mediaById.get(one[1] as string);
  if (!media || media.userId !== t.userId) return notFound();
  if (method === 'GET') {
    if (media.failed) return errorReply(422, 'Validation failed: File could not be processed');
    if (media.pollsUntilReady > 0) {
      media.pollsUntilReady--;
      return json(206, mediaEntity(core, { ...media, pollsUntilReady: media.pollsUntilReady + 1 }));
    }
    return json(200, mediaEntity(core, media));
  }
  if (method === 'PUT') {
    if (media.statusId) return errorReply(422, 'Validation failed: Media is already attached to a post');
    const focus = parseFocus(req.params.string('focus'));
    if (focus === 'invalid') return errorReply(422, 'Validation failed: Focus is invalid');
    if (req.params.has('description')) media.description = req.params.string('description') ?? null;
    if (focus) media.focus = focus;
    return json(200, mediaEntity(core, media));
  }
  if (method === 'DELETE') {
    if (media.statusId || media.scheduledId) return errorReply(422, 'Media attachment is currently used by a status');
    core.mediaById.delete(media.id);
    return json(200, {});
  }
  return null;
}
