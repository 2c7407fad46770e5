// What X would refuse, in words, before anything is sent: media counts, types and sizes, unsupported options.

import type { DraftForValidation } from '../../core/platforms/types';
import type { StoredMedia } from '../../core/repos/media';

const MB = 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

function problemsOfPart(media: readonly StoredMedia[], where: string): string[] {
  const out: string[] = [];
  const images = media.filter((m) => IMAGE_TYPES.includes(m.mime));
  const moving = media.filter((m) => m.mime === 'image/gif' || m.mime.startsWith('video/'));
  for (const m of media) {
    if (!IMAGE_TYPES.includes(m.mime) && m.mime !== 'image/gif' && m.mime !== 'video/mp4' && m.mime !== 'video/quicktime')
      out.push(`"${m.fileName}" is a ${m.mime} file; X takes JPEG, PNG, WebP and GIF images and MP4 or MOV videos.`);
    const limit = IMAGE_TYPES.includes(m.mime) ? 5 * MB : m.mime === 'image/gif' ? 15 * MB : 512 * MB;
    if (m.bytes > limit)
      out.push(`"${m.fileName}" is ${(m.bytes / MB).toFixed(1)} MB; X accepts up to ${limit / MB} MB for this kind of file.`);
  }
  if (images.length > 4) out.push(`${where} has ${images.length} images; X allows 4 per post.`);
  if (moving.length > 1 || (moving.length === 1 && images.length > 0))
    out.push(`${where} mixes media X cannot post together: one GIF or one video per post, on its own.`);
  return out;
}

export function validateForX(draft: DraftForValidation): string[] {
  const problems: string[] = [];
  const texts = [draft.text, ...draft.parts];
  texts.forEach((text, i) => {
    const media = draft.media.filter((m) => m.partIndex === i);
    const where = texts.length > 1 ? `Part ${i + 1}` : 'The post';
    if (text.trim() === '' && media.length === 0) problems.push(`${where} needs some text or media for X.`);
    problems.push(...problemsOfPart(media, where));
  });
  if (draft.options.contentWarning?.trim()) problems.push('X has no content warnings; remove it or leave X out of this post.');
  if (draft.options.poll) problems.push('Kairos does not post polls to X yet; leave the poll out for X.');
  if (draft.options.visibility && draft.options.visibility !== 'public') problems.push('Posts on X are public; pick Public for X.');
  return problems;
}
