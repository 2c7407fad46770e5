// What LinkedIn would refuse or silently lose, in words, before anything is sent.

import { type Issue, issue } from '../../../shared/contract/problems';
import type { DraftForValidation } from '../../core/platforms/types';

/** The Images API takes these; the Posts API shows up to 20 images in one multi-image post. */
export const LINKEDIN_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif'];
export const LINKEDIN_MAX_IMAGES = 20;
/** LinkedIn refuses images above about 36 megapixels. */
const MAX_PIXELS = 36_152_320;

export function validateForLinkedIn(draft: DraftForValidation): Issue[] {
  const problems: Issue[] = [];
  const media = draft.media.filter((m) => m.partIndex === 0);
  if (draft.text.trim() === '' && media.length === 0)
    problems.push(issue('needs_text', { network: 'LinkedIn', orMedia: 'image', part: null, style: 'to_post' }));
  if (draft.parts.length > 0) problems.push(issue('no_threads', { network: 'LinkedIn' }));
  if (draft.media.some((m) => m.partIndex > 0)) problems.push(issue('media_first_part_only', {}));
  if (media.length > LINKEDIN_MAX_IMAGES)
    problems.push(issue('too_many_files', { network: 'LinkedIn', max: LINKEDIN_MAX_IMAGES, count: media.length, part: null }));
  for (const m of media) {
    if (!LINKEDIN_IMAGE_TYPES.includes(m.mime))
      problems.push(issue('file_type_refused', { fileName: m.fileName, mime: m.mime, network: 'LinkedIn' }));
    else if (m.width !== null && m.height !== null && m.width * m.height > MAX_PIXELS)
      problems.push(
        issue('too_many_pixels', { fileName: m.fileName, network: 'LinkedIn', width: m.width, height: m.height, max: MAX_PIXELS }),
      );
  }
  if (draft.options.contentWarning?.trim()) problems.push(issue('no_content_warnings', { network: 'LinkedIn' }));
  if (draft.options.poll) problems.push(issue('no_polls', { network: 'LinkedIn' }));
  if (draft.options.visibility === 'unlisted' || draft.options.visibility === 'direct') problems.push(issue('public_or_connections', {}));
  return problems;
}
