// What the "current conversation" panel shows: trends, search hits and mentions from each network.

import { z } from 'zod';
import { PLATFORM_IDS, type PlatformId } from './domain';

export interface TrendItem {
  readonly platform: PlatformId;
  readonly accountId: string;
  /** A hashtag without '#', or a topic's display name. */
  readonly name: string;
  readonly kind: 'tag' | 'topic' | 'link' | 'post';
  readonly url: string | null;
  /** Recent daily use, oldest first, when the network gives it (Mastodon history). */
  readonly history: readonly number[];
  /** People or posts using it now, when known. */
  readonly volume: number | null;
}

export interface SignalPost {
  readonly platform: PlatformId;
  readonly accountId: string;
  readonly id: string;
  readonly url: string | null;
  readonly author: string;
  readonly text: string;
  readonly createdAt: number;
  /** For search hits: the term that matched. */
  readonly term?: string;
  /** For mentions: whether the account has replied to it. */
  readonly answered?: boolean;
}

export interface SignalBundle {
  readonly fetchedAt: number;
  readonly trends: readonly TrendItem[];
  readonly searchHits: readonly SignalPost[];
  readonly mentions: readonly SignalPost[];
}

export interface PostMetrics {
  readonly targetId: string;
  readonly likes: number;
  readonly reposts: number;
  readonly replies: number;
  readonly quotes: number | null;
  readonly fetchedAt: number;
}

/** The shape of a stored trend (the signal cache and history keep them as JSON). */
export const TrendItemSchema: z.ZodType<TrendItem> = z.object({
  platform: z.enum(PLATFORM_IDS),
  accountId: z.string(),
  name: z.string(),
  kind: z.enum(['tag', 'topic', 'link', 'post']),
  url: z.string().nullable(),
  history: z.array(z.number()),
  volume: z.number().nullable(),
});

/** The shape of a stored search hit or mention. */
export const SignalPostSchema: z.ZodType<SignalPost> = z.object({
  platform: z.enum(PLATFORM_IDS),
  accountId: z.string(),
  id: z.string(),
  url: z.string().nullable(),
  author: z.string(),
  text: z.string(),
  createdAt: z.number(),
  term: z.string().optional(),
  answered: z.boolean().optional(),
});
