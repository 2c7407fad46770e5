// Rich-text facets for a post: links, hashtags and mentions (resolved to DIDs) with UTF-8 byte offsets.

import { RichText } from '@atproto/api';

export type FacetFeature =
  | { readonly $type: 'app.bsky.richtext.facet#link'; readonly uri: string }
  | { readonly $type: 'app.bsky.richtext.facet#mention'; readonly did: string }
  | { readonly $type: 'app.bsky.richtext.facet#tag'; readonly tag: string };

export interface Facet {
  readonly index: { readonly byteStart: number; readonly byteEnd: number };
  readonly features: readonly FacetFeature[];
}

export interface DetectedText {
  readonly facets: readonly Facet[];
  /** Mentioned handles in order of appearance, without the @. */
  readonly mentions: readonly string[];
  /** The first link in the text (the one a link card is made for), or null. */
  readonly firstLink: string | null;
}

/**
 * Finds links, hashtags and mentions the way the Bluesky app does (byte offsets into the UTF-8 text).
 * A mention's `did` still holds the handle here; resolveMentions replaces it.
 */
export function detectFacets(text: string): DetectedText {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const facets: Facet[] = [];
  const mentions: string[] = [];
  let firstLink: string | null = null;
  for (const f of rt.facets ?? []) {
    const features: FacetFeature[] = [];
    for (const raw of f.features) {
      // The union includes an open `{ $type: string }` member, so read the fields loosely.
      const feat = raw as { $type?: string; uri?: unknown; did?: unknown; tag?: unknown };
      const t = feat.$type;
      if (t === 'app.bsky.richtext.facet#link' && typeof feat.uri === 'string') {
        features.push({ $type: t, uri: feat.uri });
        firstLink ??= feat.uri;
      } else if (t === 'app.bsky.richtext.facet#mention' && typeof feat.did === 'string') {
        features.push({ $type: t, did: feat.did });
        mentions.push(feat.did);
      } else if (t === 'app.bsky.richtext.facet#tag' && typeof feat.tag === 'string') {
        features.push({ $type: t, tag: feat.tag });
      }
    }
    if (features.length) facets.push({ index: { byteStart: f.index.byteStart, byteEnd: f.index.byteEnd }, features });
  }
  return { facets, mentions, firstLink };
}

/** Looks up a handle's DID; null when no account has that handle. */
export type HandleResolver = (handle: string) => Promise<string | null>;

export interface ResolvedFacets {
  readonly facets: readonly Facet[];
  /** Handles that belong to no account; the post must not go out with them silently unlinked. */
  readonly unknown: readonly string[];
}

/** Replaces each mention's handle by the DID it belongs to, asking once per handle. */
export async function resolveMentions(detected: DetectedText, resolve: HandleResolver): Promise<ResolvedFacets> {
  const dids = new Map<string, string | null>();
  for (const handle of new Set(detected.mentions.map((m) => m.toLowerCase()))) dids.set(handle, await resolve(handle));
  const facets = detected.facets.map((f) => ({
    index: f.index,
    features: f.features.map((feat) =>
      feat.$type === 'app.bsky.richtext.facet#mention' ? { ...feat, did: dids.get(feat.did.toLowerCase()) ?? feat.did } : feat,
    ),
  }));
  const unknown = [...dids].filter(([, did]) => did === null).map(([handle]) => handle);
  return { facets, unknown };
}

/** Sentence for handles that could not be found. */
export function unknownMentionsMessage(unknown: readonly string[], where: string): string {
  const list = unknown.map((h) => `@${h}`).join(', ');
  return unknown.length === 1
    ? `Bluesky has no account ${list} (mentioned ${where}). Check the spelling, or write it without the @ if it is not meant as a mention.`
    : `Bluesky has no accounts ${list} (mentioned ${where}). Check the spelling, or write them without the @ if they are not meant as mentions.`;
}
