// Checks a draft against the server's own limits (media size, pixels, count, polls, content warning) before anything is sent.

import { type Issue, issue } from '../../../shared/contract/problems';
import { measureText } from '../../../shared/platforms/rules';
import type { DraftForValidation } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import type { StoredMedia } from '../../core/repos/media';
import { configOf, lengthRuleOf, type MastodonLimits } from './config';

function mediaProblems(m: StoredMedia, limits: MastodonLimits, host: string): Issue[] {
  const out: Issue[] = [];
  const video = m.mime.startsWith('video/') || m.mime === 'image/gif';
  if (limits.supportedMimeTypes && !limits.supportedMimeTypes.includes(m.mime)) {
    out.push(issue('file_type_refused', { fileName: m.fileName, mime: m.mime, network: 'Mastodon', host }));
    return out;
  }
  const maxBytes = video ? limits.videoSizeLimit : limits.imageSizeLimit;
  if (m.bytes > maxBytes)
    out.push(issue('file_too_big', { fileName: m.fileName, network: 'Mastodon', bytes: m.bytes, max: maxBytes, host, video, part: null }));
  if (m.width !== null && m.height !== null) {
    const px = m.width * m.height;
    const maxPx = video ? limits.videoMatrixLimit : limits.imageMatrixLimit;
    if (px > maxPx) {
      out.push(issue('too_many_pixels', { fileName: m.fileName, network: 'Mastodon', width: m.width, height: m.height, max: maxPx, host }));
    }
  }
  return out;
}

export function validateForMastodon(draft: DraftForValidation, account: StoredAccount): Issue[] {
  const { limits, domain } = configOf(account);
  const host = domain || 'this server';
  const problems: Issue[] = [];
  const texts = [draft.text, ...draft.parts];
  const first = draft.media.filter((m) => m.partIndex === 0);
  if (draft.text.trim() === '' && first.length === 0)
    problems.push(issue('needs_text', { network: 'Mastodon', orMedia: 'image', part: null, style: 'to_post' }));
  texts.forEach((_, i) => {
    const media = draft.media.filter((m) => m.partIndex === i);
    const part = texts.length > 1 ? i + 1 : null;
    if (media.length > limits.maxMediaAttachments) {
      problems.push(issue('too_many_attachments', { host, max: limits.maxMediaAttachments, count: media.length, part }));
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
        problems.push(issue('warning_over_limit', { host, part: texts.length > 1 ? i + 1 : null, total, limit: rule.maxLength }));
      }
    });
  }
  const poll = draft.options.poll;
  if (poll) {
    if (first.length > 0) problems.push(issue('poll_and_media', {}));
    if (poll.options.length > limits.pollMaxOptions)
      problems.push(issue('poll_options', { host, count: poll.options.length, max: limits.pollMaxOptions }));
    const long = poll.options.find((o) => [...o].length > limits.pollMaxCharactersPerOption);
    if (long !== undefined) problems.push(issue('poll_option_long', { host, option: long, max: limits.pollMaxCharactersPerOption }));
    if (poll.expiresInSeconds < limits.pollMinExpiration || poll.expiresInSeconds > limits.pollMaxExpiration) {
      problems.push(
        issue('poll_duration', {
          host,
          minMinutes: Math.ceil(limits.pollMinExpiration / 60),
          maxDays: Math.floor(limits.pollMaxExpiration / 86_400),
        }),
      );
    }
  }
  return problems;
}
