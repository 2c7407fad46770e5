// What X would refuse, in words, before anything is sent: media counts, types and sizes, unsupported options.

import { type Issue, issue } from '../../../shared/contract/problems';
import type { DraftForValidation } from '../../core/platforms/types';
import type { StoredMedia } from '../../core/repos/media';

const MB = 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

function problemsOfPart(media: readonly StoredMedia[], part: number | null): Issue[] {
  const out: Issue[] = [];
  const images = media.filter((m) => IMAGE_TYPES.includes(m.mime));
  const moving = media.filter((m) => m.mime === 'image/gif' || m.mime.startsWith('video/'));
  for (const m of media) {
    if (!IMAGE_TYPES.includes(m.mime) && m.mime !== 'image/gif' && m.mime !== 'video/mp4' && m.mime !== 'video/quicktime')
      out.push(issue('file_type_refused', { fileName: m.fileName, mime: m.mime, network: 'X' }));
    const limit = IMAGE_TYPES.includes(m.mime) ? 5 * MB : m.mime === 'image/gif' ? 15 * MB : 512 * MB;
    if (m.bytes > limit) out.push(issue('file_too_big', { fileName: m.fileName, network: 'X', bytes: m.bytes, max: limit, part }));
  }
  if (images.length > 4) out.push(issue('too_many_files', { network: 'X', max: 4, count: images.length, part }));
  if (moving.length > 1 || (moving.length === 1 && images.length > 0)) out.push(issue('media_mix', { part }));
  return out;
}

export function validateForX(draft: DraftForValidation): Issue[] {
  const problems: Issue[] = [];
  const texts = [draft.text, ...draft.parts];
  texts.forEach((text, i) => {
    const media = draft.media.filter((m) => m.partIndex === i);
    const part = texts.length > 1 ? i + 1 : null;
    if (text.trim() === '' && media.length === 0) problems.push(issue('needs_text', { network: 'X', orMedia: 'media', part }));
    problems.push(...problemsOfPart(media, part));
  });
  if (draft.options.contentWarning?.trim()) problems.push(issue('no_content_warnings', { network: 'X' }));
  if (draft.options.poll) problems.push(issue('no_polls', { network: 'X' }));
  if (draft.options.visibility && draft.options.visibility !== 'public') problems.push(issue('public_only', { network: 'X' }));
  return problems;
}
