// The app.bsky.feed.post record for one part: text, content labels, languages, reply references.

import type { PostOptions } from '../../../shared/domain';
import type { Facet } from './facets';

export interface StrongRef {
  readonly uri: string;
  readonly cid: string;
}

export interface ReplyRef {
  readonly root: StrongRef;
  readonly parent: StrongRef;
}

/** A blob reference exactly as com.atproto.repo.uploadBlob returned it. */
export type BlobRef = Readonly<Record<string, unknown>>;

export type PostEmbed =
  | {
      readonly $type: 'app.bsky.embed.images';
      readonly images: readonly {
        readonly image: BlobRef;
        readonly alt: string;
        readonly aspectRatio: { readonly width: number; readonly height: number };
      }[];
    }
  | {
      readonly $type: 'app.bsky.embed.external';
      readonly external: { readonly uri: string; readonly title: string; readonly description: string; readonly thumb?: BlobRef };
    };

export interface PostRecord {
  readonly $type: 'app.bsky.feed.post';
  readonly text: string;
  readonly createdAt: string;
  readonly facets?: readonly Facet[];
  readonly langs?: readonly string[];
  readonly labels?: { readonly $type: 'com.atproto.label.defs#selfLabels'; readonly values: readonly { readonly val: string }[] };
  readonly embed?: PostEmbed;
  readonly reply?: ReplyRef;
}

/** Self-label values the Bluesky app honours on an author's own posts, and the words that choose them. */
const LABEL_WORDS: readonly (readonly [string, RegExp])[] = [
  ['porn', /\b(porn|porno|pornographic|pornography|xxx)\b/u],
  ['sexual', /\b(sexual|sex|suggestive|nsfw|lewd)\b/u],
  ['nudity', /\b(nude|nudes|nudity|naked)\b/u],
  ['graphic-media', /\b(graphic|graphic-media|gore|gory|violence|violent|blood|injury|injuries)\b/u],
];

export interface WarningPlan {
  /** Self-labels for every part of the post. */
  readonly labels: readonly string[];
  /**
   * Bluesky has no free-text warning: one it has no label for is written as the first line of the post
   * instead, so readers still see it.
   */
  readonly prefix: string | null;
}

export function planContentWarning(warning: string | undefined): WarningPlan {
  const w = warning?.trim();
  if (!w) return { labels: [], prefix: null };
  const lower = w.toLowerCase();
  const labels = LABEL_WORDS.filter(([, re]) => re.test(lower)).map(([val]) => val);
  return labels.length ? { labels, prefix: null } : { labels: [], prefix: `CW: ${w}\n\n` };
}

/** A part's text as it is posted: the first part carries the warning line when there is one. */
export function postedText(text: string, partIndex: number, options: PostOptions): string {
  const { prefix } = planContentWarning(options.contentWarning);
  return partIndex === 0 && prefix ? `${prefix}${text}` : text;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

export interface RecordParts {
  readonly text: string;
  readonly facets: readonly Facet[];
  readonly options: PostOptions;
  readonly createdAt: string;
  readonly embed?: PostEmbed | undefined;
  readonly reply?: ReplyRef | undefined;
}

export function buildPostRecord(p: RecordParts): PostRecord {
  const { labels } = planContentWarning(p.options.contentWarning);
  return {
    $type: 'app.bsky.feed.post',
    text: p.text,
    createdAt: p.createdAt,
    ...(p.facets.length ? { facets: p.facets } : {}),
    ...(p.options.language ? { langs: [p.options.language] } : {}),
    ...(labels.length ? { labels: { $type: 'com.atproto.label.defs#selfLabels', values: labels.map((val) => ({ val })) } } : {}),
    ...(p.embed ? { embed: p.embed } : {}),
    ...(p.reply ? { reply: p.reply } : {}),
  };
}

/**
 * Whether a record found under our key is the one Kairos meant to write: same text, replying to the same
 * post (`parentUri` undefined: parent unknown, not compared). createdAt differs between attempts, so it is not compared.
 */
export function isOurRecord(found: unknown, expectedText: string, parentUri: string | null | undefined): boolean {
  const r = found as { text?: unknown; reply?: { parent?: { uri?: unknown } } } | null;
  if (!r || r.text !== expectedText) return false;
  if (parentUri === undefined) return true;
  const foundParent = typeof r.reply?.parent?.uri === 'string' ? r.reply.parent.uri : null;
  return foundParent === parentUri;
}

/** The public web link of a post. */
export function postWebUrl(handleOrDid: string, rkey: string): string {
  return `https://bsky.app/profile/${handleOrDid}/post/${rkey}`;
}
