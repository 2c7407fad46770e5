// Length rules per network, used by the composer's counters and by the backend's validation alike.

import twitterText from 'twitter-text';
import { type Issue, issue } from '../contract/problems';
import type { PlatformId } from '../domain';

export interface LengthRule {
  readonly platform: PlatformId;
  /** Longest text the network accepts, in `unit`s. */
  readonly maxLength: number;
  /**
   * How the network counts: Unicode code points, user-perceived characters (graphemes), UTF-16 units (Telegram),
   * or X's weighted count (twitter-text: most CJK and emoji weigh 2, every URL 23).
   */
  readonly unit: 'codepoints' | 'graphemes' | 'utf16' | 'weighted';
  /** Every URL counts as this many characters (Mastodon), when set. */
  readonly urlLength?: number;
  /** Mentions count only their local part (Mastodon: @user@host counts as @user). */
  readonly mentionsCountLocalPart?: boolean;
  /** A UTF-8 byte limit on top of the length limit (Bluesky). */
  readonly maxBytes?: number;
}

export const DEFAULT_RULES: Readonly<Record<PlatformId, LengthRule>> = {
  discord: { platform: 'discord', maxLength: 2000, unit: 'codepoints' },
  mastodon: {
    platform: 'mastodon',
    maxLength: 500,
    unit: 'codepoints',
    urlLength: 23,
    mentionsCountLocalPart: true,
  },
  bluesky: { platform: 'bluesky', maxLength: 300, unit: 'graphemes', maxBytes: 3000 },
  // Telegram counts UTF-16 units after entity parsing: 4096 for a message (a caption's 1024 is checked per post).
  telegram: { platform: 'telegram', maxLength: 4096, unit: 'utf16' },
  // Nostr has no protocol limit; relays cap the event size, so notes stay well under the common 64 KiB.
  nostr: { platform: 'nostr', maxLength: 16_000, unit: 'codepoints', maxBytes: 32_000 },
  linkedin: { platform: 'linkedin', maxLength: 3000, unit: 'codepoints' },
  x: { platform: 'x', maxLength: 280, unit: 'weighted' },
};

export interface Measurement {
  readonly length: number;
  readonly maxLength: number;
  readonly bytes: number;
  readonly maxBytes: number | null;
  /** How far over the limit the text is (0 when it fits), in the rule's unit or bytes, whichever is worse. */
  readonly over: number;
  readonly overBytes: number;
  readonly fits: boolean;
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/giu;
const MENTION_PATTERN = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

let segmenter: Intl.Segmenter | undefined;
function countGraphemes(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

function countCodePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The text as the network counts it: URLs shortened to their fixed weight, mentions to their local part. */
function countedText(text: string, rule: LengthRule): string {
  let t = text;
  if (rule.urlLength !== undefined) {
    const placeholder = 'x'.repeat(rule.urlLength);
    t = t.replace(URL_PATTERN, placeholder);
  }
  if (rule.mentionsCountLocalPart) {
    t = t.replace(MENTION_PATTERN, (_m, pre: string, user: string) => `${pre}@${user}`);
  }
  return t;
}

export function measureText(text: string, rule: LengthRule): Measurement {
  const counted = countedText(text, rule);
  const length =
    rule.unit === 'weighted'
      ? twitterText.parseTweet(text).weightedLength
      : rule.unit === 'graphemes'
        ? countGraphemes(counted)
        : rule.unit === 'utf16'
          ? counted.length
          : countCodePoints(counted);
  const bytes = utf8Length(text);
  const over = Math.max(0, length - rule.maxLength);
  const overBytes = rule.maxBytes === undefined ? 0 : Math.max(0, bytes - rule.maxBytes);
  return {
    length,
    maxLength: rule.maxLength,
    bytes,
    maxBytes: rule.maxBytes ?? null,
    over,
    overBytes,
    fits: over === 0 && overBytes === 0,
  };
}

/** One sentence saying how far over the limit a text is, or null when it fits. */
export function describeOverflow(m: Measurement, accountLabel: string): string | null {
  if (m.fits) return null;
  if (m.over > 0) {
    return `Too long for ${accountLabel}: ${m.length} of ${m.maxLength} characters, ${m.over} over.`;
  }
  return `Too long for ${accountLabel}: ${m.bytes} of ${m.maxBytes} bytes, ${m.overBytes} over.`;
}

/** Where a length issue is: the account's label, the 1-based part when it is not the first, a first comment. */
export interface LengthPlace {
  readonly account: string;
  readonly part: number | null;
  readonly firstComment?: boolean;
}

/** The length issue of a measured text (too many characters, else too many bytes), or null when it fits. */
export function overflowIssue(m: Measurement, place: LengthPlace): Issue | null {
  if (m.fits) return null;
  if (m.over > 0) return issue('too_long', { ...place, length: m.length, limit: m.maxLength });
  return issue('too_many_bytes', { ...place, bytes: m.bytes, limit: m.maxBytes ?? 0 });
}

/** The same for a text that carries the content warning line in it (Telegram, Bluesky). */
export function warningOverflowIssue(m: Measurement, network: string, part: number | null): Issue | null {
  if (m.fits) return null;
  if (m.over > 0) return issue('too_long_with_warning', { network, part, length: m.length, limit: m.maxLength });
  return issue('too_long_with_warning', { network, part, length: m.bytes, limit: m.maxBytes ?? 0, bytes: true });
}
