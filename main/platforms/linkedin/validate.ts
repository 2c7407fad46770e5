// What LinkedIn would refuse or silently lose, in words, before anything is sent.

import type { DraftForValidation } from '../../core/platforms/types';

/** The Images API takes these; the Posts API shows up to 20 images in one multi-image post. */
export const LINKEDIN_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif'];
export const LINKEDIN_MAX_IMAGES = 20;
/** LinkedIn refuses images above about 36 megapixels. */
const MAX_PIXELS = 36_152_320;

export function validateForLinkedIn(draft: DraftForValidation): string[] {
  const problems: string[] = [];
  const media = draft.media.filter((m) => m.partIndex === 0);
  if (draft.text.trim() === '' && media.length === 0) problems.push('LinkedIn needs some text or an image to post.');
  if (draft.parts.length > 0) {
    problems.push(
      'LinkedIn has no threads. Put everything in one post for LinkedIn (give it its own version), or leave LinkedIn out of this thread.',
    );
  }
  if (draft.media.some((m) => m.partIndex > 0))
    problems.push('LinkedIn posts only the first part, so its images must be on the first part.');
  if (media.length > LINKEDIN_MAX_IMAGES)
    problems.push(`The post has ${media.length} images; LinkedIn shows at most ${LINKEDIN_MAX_IMAGES} in one post.`);
  for (const m of media) {
    if (!LINKEDIN_IMAGE_TYPES.includes(m.mime))
      problems.push(`"${m.fileName}" is a ${m.mime} file; LinkedIn posts JPEG, PNG and GIF images only.`);
    else if (m.width !== null && m.height !== null && m.width * m.height > MAX_PIXELS)
      problems.push(`"${m.fileName}" is ${m.width}×${m.height} pixels; LinkedIn accepts up to about 36 megapixels. Use a smaller version.`);
  }
  if (draft.options.contentWarning?.trim())
    problems.push('LinkedIn has no content warnings; remove it or leave LinkedIn out of this post.');
  if (draft.options.poll) problems.push('LinkedIn polls cannot be created through its API; leave the poll out for LinkedIn.');
  if (draft.options.visibility === 'unlisted' || draft.options.visibility === 'direct') {
    problems.push('LinkedIn posts are public or for your connections only; pick Public or Followers only.');
  }
  return problems;
}
