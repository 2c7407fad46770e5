// Telegram's and Nostr's shared rules: UTF-16 counting, captions and albums, message links, hashtags and mentions.

import { describe, expect, it } from 'vitest';
import { wordsForIssue } from '../contract/problems';
import { nostrHashtags, nostrMentions } from './nostr';
import { DEFAULT_RULES, measureText } from './rules';
import { telegramPartProblems as partIssues, type TelegramMediaLike, telegramMediaKind, telegramMessageLink } from './telegram';

/** The problems in English; `where` is '' or ' in part N', as the sentences end. */
const telegramPartProblems = (text: string, media: readonly TelegramMediaLike[], where: string) =>
  partIssues(text, media, where ? Number(where.replace(/\D/g, '')) : null).map((i) => wordsForIssue(i));

const png = (i: number, bytes = 1000) => ({ fileName: `p${i}.png`, mime: 'image/png', bytes, partIndex: 0 });

describe('Telegram rules', () => {
  it('counts UTF-16 units, as Telegram does: an emoji outside the BMP is two', () => {
    expect(measureText('ok 🌊', DEFAULT_RULES.telegram).length).toBe(5);
    expect(measureText('x'.repeat(4096), DEFAULT_RULES.telegram).fits).toBe(true);
    expect(measureText(`${'x'.repeat(4095)}🌊`, DEFAULT_RULES.telegram).over).toBe(1);
  });

  it('limits captions to 1024 and albums to 10, and keeps photos and documents apart', () => {
    expect(telegramPartProblems('x'.repeat(1024), [png(1)], '')).toEqual([]);
    expect(telegramPartProblems('x'.repeat(1025), [png(1)], '').join(' ')).toMatch(/caption of 1024 characters; this one has 1025/);
    expect(
      telegramPartProblems(
        '',
        Array.from({ length: 11 }, (_, i) => png(i)),
        '',
      ).join(' '),
    ).toMatch(/at most 10 files; there are 11/);
    const pdf = { fileName: 'a.pdf', mime: 'application/pdf', bytes: 10, partIndex: 0 };
    expect(telegramPartProblems('', [png(1), pdf], ' in part 2').join(' ')).toMatch(/photos and videos, or documents, not both in part 2/);
    expect(telegramMediaKind(png(1, 11 * 1024 * 1024))).toBe('document');
  });

  it('sends MPEG-4 up to 50 MB as a video, which mixes with photos in an album; other videos go as documents', () => {
    const mp4 = { fileName: 'c.mp4', mime: 'video/mp4', bytes: 5_000_000, partIndex: 0 };
    expect(telegramMediaKind(mp4)).toBe('video');
    expect(telegramMediaKind({ ...mp4, mime: 'video/webm' })).toBe('document');
    expect(telegramMediaKind({ ...mp4, bytes: 51 * 1024 * 1024 })).toBe('document');
    expect(telegramPartProblems('', [png(1), mp4], '')).toEqual([]);
    expect(telegramPartProblems('', [mp4, { ...mp4, mime: 'video/webm' }], '').join(' ')).toMatch(/not both/);
  });

  it('links public chats by username and private supergroups through t.me/c', () => {
    expect(telegramMessageLink({ id: -1001234567890, username: 'brandnews' }, 42)).toBe('https://t.me/brandnews/42');
    expect(telegramMessageLink({ id: -1001234567890 }, 42)).toBe('https://t.me/c/1234567890/42');
    expect(telegramMessageLink({ id: -4242 }, 42)).toBeNull();
  });
});

describe('Nostr tags', () => {
  it('finds hashtags once, lower-cased, not inside URLs or HTML entities', () => {
    expect(nostrHashtags('#Launch day #launch #2026x https://x.org/#frag &#123; #città')).toEqual(['launch', '2026x', 'città']);
    expect(nostrHashtags('#2026 is a number')).toEqual([]);
  });

  it('finds nostr:npub and nostr:nprofile mentions, each once', () => {
    const npub = `npub1${'q'.repeat(58)}`;
    expect(nostrMentions(`hi nostr:${npub} and nostr:${npub} and npub1nothere`)).toEqual([npub]);
  });
});
