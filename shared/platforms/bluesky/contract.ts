// Bluesky in the contract: the connect form (handle and app password) and its channels, the composer's link card
// preview and a check of mentioned handles.

import { z } from 'zod';
import { Id } from '../../contract/common';
import { AccountName, type NetworkDefinition } from '../network';

export const blueskyRequests = {
  /** Fetches a link's card (title, description, picture) in the main process, for the composer to show. */
  'bluesky.linkCard': z.object({
    url: z
      .string()
      .trim()
      .min(1, 'Type or paste a link.')
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), 'Only http and https links can have cards.'),
  }),
  /** Which @handles in a text belong to no Bluesky account, asked through one of the user's accounts. */
  'bluesky.checkMentions': z.object({
    accountId: Id,
    text: z.string().max(10_000),
  }),
} as const;

export interface LinkCardPreview {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  /** A small JPEG as a data: URL, or null when the page has no picture. */
  readonly imageDataUrl: string | null;
}

export interface BlueskyResponses {
  'bluesky.linkCard': LinkCardPreview;
  'bluesky.checkMentions': { readonly unknown: readonly string[] };
}

export const blueskyNetwork = {
  id: 'bluesky',
  connect: z.object({
    platform: z.literal('bluesky'),
    name: AccountName,
    /** A handle (alice.bsky.social) or a DID. */
    identifier: z.string().trim().min(1, 'Type your handle, e.g. alice.bsky.social.'),
    appPassword: z.string().trim().min(1, 'Paste an app password.'),
    /** The PDS or entryway to start from; defaults to https://bsky.social. */
    service: z.string().trim().optional(),
  }),
  requests: blueskyRequests,
  metricSource: 'bluesky-appview',
} as const satisfies NetworkDefinition;
