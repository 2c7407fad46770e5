// Checks a draft against the server's own limits (media size, pixels, count, polls, content warning) before anything is sent.

import { measureText } from '../../../shared/platforms/rules';
import type { DraftForValidation } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import type { StoredMedia } from '../../core/repos/media';
import { configOf, lengthRuleOf, type MastodonLimits } from './config';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
const megapixels = (px: number) => `${(px / 1_000_000).toFixed(1).replace(/\.0$/, '')} megapixels`;

function mediaProblems(m: StoredMedia, limits: MastodonLimits, host: string): string[] {
  const out: string[] = [];
  const video = m.mime.startsWith('video/') || m.mime === 'image/gif';
  if (limits.supportedMimeTypes && !limits.supportedMimeTypes.includes(m.mime)) {
    out.push(`"${m.fileName}" is a ${m.mime} file, which ${host} does not accept.`);
    return out;
  }
  const maxBytes = video ? limits.videoSizeLimit : limits.imageSizeLimit;
  if (m.bytes > maxBytes)
    out.push(`"${m.fileName}" is ${mb(m.bytes)}; ${host} accepts ${video ? 'videos' : 'images'} up to ${mb(maxBytes)}.`);
  if (m.width !== null && m.height !== null) {
    const px = m.width * m.height;
    const maxPx = video ? limits.videoMatrixLimit : limits.imageMatrixLimit;
    if (px > maxPx) {
      out.push(
        `"${m.fileName}" is ${m.width}×${m.height} pixels (${megapixels(px)}); ${host} accepts up to ${megapixels(maxPx)}. Use a smaller version.`,
      );
    }
  }
  return out;
}

export function validateForMastodon(draft: DraftForValidation, account: StoredAccount): string[] {
  const { limits, domain } = configOf(account);
  const host = domain || 'this server';
  const problems: string[] = [];
  const texts = [draft.text, ...draft.parts];
  const first = draft.media.filter((m) => m.partIndex === 0);
  if (draft.text.trim() === '' && first.length === 0) problems.push('Mastodon needs some text or an image to post.');
  texts.forEach((_, i) => {
    const media = draft.media.filter((m) => m.partIndex === i);
    const where = texts.length > 1 ? `Part ${i + 1}` : 'The post';
    if (media.length > limits.maxMediaAttachments) {
      problems.push(`${where} has ${media.length} attachments; ${host} allows ${limits.maxMediaAttachments} per post.`);
    }
    for (const m of media) problems.push(...mediaProblems(m, limits, host));
  });
  const cw = draft.options.contentWarning?.trim() ?? '';
  if (cw) {
    const rule = lengthRuleOf(account);
    const cwLength = [...cw].length;
    texts.forEach((t, i) => {
      const m = measureText(t, rule);
      if (m.fits && m.length + cwLength > rule.maxLength) {
        const total = m.length + cwLength;
        const where = texts.length > 1 ? `Part ${i + 1}` : 'The post';
        problems.push(
          `${where} with its content warning is ${total} of ${rule.maxLength} characters, ${total - rule.maxLength} over (${host} counts the warning too).`,
        );
      }
    });
  }
  const poll = draft.options.poll;
  if (poll) {
    if (first.length > 0)
      problems.push('A Mastodon post cannot have both a poll and media; move the media to another part or drop the poll.');
    if (poll.options.length > limits.pollMaxOptions)
      problems.push(`The poll has ${poll.options.length} options; ${host} allows ${limits.pollMaxOptions}.`);
    const long = poll.options.find((o) => [...o].length > limits.pollMaxCharactersPerOption);
    if (long !== undefined)
      problems.push(`The poll option "${long}" is longer than ${limits.pollMaxCharactersPerOption} characters, the most ${host} allows.`);
    if (poll.expiresInSeconds < limits.pollMinExpiration || poll.expiresInSeconds > limits.pollMaxExpiration) {
      problems.push(
        `The poll must run between ${Math.ceil(limits.pollMinExpiration / 60)} minutes and ${Math.floor(limits.pollMaxExpiration / 86_400)} days on ${host}.`,
      );
    }
  }
  return problems;
}
