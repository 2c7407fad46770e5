// Domain vocabulary shared by the backend, the renderer and the CLI.

import type { PlatformId } from './platforms';

/** The networks' ids come from their list, shared/platforms/index.ts. */
export { PLATFORM_IDS, type PlatformId } from './platforms';

export const TARGET_STATUSES = [
  'draft',
  'scheduled',
  'publishing',
  'published',
  'retrying',
  'failed',
  'unconfirmed',
  'missed',
  'held',
  'cancelled',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** A post's status summarises its targets; see summarisePostStatus. */
export type PostStatus = TargetStatus | 'partial';
export const POST_STATUSES: readonly PostStatus[] = [...TARGET_STATUSES, 'partial'];

export type AccountStatus = 'connected' | 'needs_attention' | 'needs_relogin';

export interface AccountView {
  readonly id: string;
  readonly platform: PlatformId;
  readonly name: string;
  /** What the user recognises the account by: a channel name, @handle@instance, a handle. */
  readonly handle: string;
  readonly status: AccountStatus;
  readonly statusReason: string | null;
  readonly avatarUrl: string | null;
  readonly createdAt: number;
}

export interface TargetView {
  readonly id: string;
  readonly accountId: string;
  readonly status: TargetStatus;
  readonly textOverride: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly remoteId: string | null;
  readonly remoteUrl: string | null;
  readonly lastError: string | null;
  readonly publishedAt: number | null;
  /** How many parts of a thread are already published on this account. */
  readonly partsPublished: number;
}

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface PollOptions {
  readonly options: readonly string[];
  readonly expiresInSeconds: number;
  readonly multiple: boolean;
}

/** Options a network may or may not support; each adapter uses what it can and says what it cannot. */
export interface PostOptions {
  /** Shown before the text (Mastodon spoiler_text, a Bluesky self-label). */
  readonly contentWarning?: string;
  /** BCP-47 language code such as en or it. */
  readonly language?: string;
  readonly visibility?: Visibility;
  readonly sensitive?: boolean;
  readonly poll?: PollOptions;
  /** The user removed the link card preview. */
  readonly noLinkCard?: boolean;
  /** Hand the post to the network's own scheduler when it has one: auto (account default) or off. */
  readonly handoff?: 'auto' | 'off';
  /** Deliver without a notification sound where the network can (Telegram's disable_notification). */
  readonly silent?: boolean;
  /** Re-posted by the evergreen queues of its labels into free posting slots (docs/IMPORT_EXPORT.md). */
  readonly evergreen?: boolean;
  /** Other wordings an evergreen queue takes in turn, so a repeat is not identical to the last one. */
  readonly evergreenVariants?: string[];
  /** A reply our own account posts under the post (after its last part) some minutes after it goes out. */
  readonly firstComment?: FirstComment;
}

export interface FirstComment {
  readonly text: string;
  readonly delayMinutes: number;
}

export interface MediaView {
  readonly id: string;
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly alt: string;
  /** Focus point, -1..1 on each axis (Mastodon's convention). */
  readonly focus: { readonly x: number; readonly y: number } | null;
  /** Which part of a thread it belongs to (0 = the first). */
  readonly partIndex: number;
}

export interface PostView {
  readonly id: string;
  readonly text: string;
  readonly timeZone: string;
  /** UTC epoch milliseconds; null for an unscheduled draft. */
  readonly scheduledAt: number | null;
  readonly status: PostStatus;
  readonly labels: readonly string[];
  readonly options: PostOptions;
  /** The following parts of a thread, after `text`. Empty for a single post. */
  readonly parts: readonly string[];
  readonly media: readonly MediaView[];
  readonly targets: readonly TargetView[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a calendar or list draws of one of a post's targets. TargetView has these and more. */
export interface TargetMark {
  readonly accountId: string;
  readonly status: TargetStatus;
}

/** How many characters of a post's text a summary carries: more than any calendar or list shows. */
export const SUMMARY_EXCERPT_CHARS = 160;

/**
 * What the calendar and its list draw of a post: enough to show, filter, select and move it. The whole post
 * (text, thread, media, every target's details) comes from posts.get when it is opened.
 */
export interface PostSummary {
  readonly id: string;
  /** The start of the text, at most SUMMARY_EXCERPT_CHARS characters. */
  readonly excerpt: string;
  readonly timeZone: string;
  readonly scheduledAt: number | null;
  readonly status: PostStatus;
  readonly labels: readonly string[];
  readonly targets: readonly TargetMark[];
  readonly updatedAt: number;
}

export function summaryOf(post: PostView): PostSummary {
  return {
    id: post.id,
    excerpt: Array.from(post.text.slice(0, SUMMARY_EXCERPT_CHARS * 2))
      .slice(0, SUMMARY_EXCERPT_CHARS)
      .join(''),
    timeZone: post.timeZone,
    scheduledAt: post.scheduledAt,
    status: post.status,
    labels: post.labels,
    targets: post.targets.map((t) => ({ accountId: t.accountId, status: t.status })),
    updatedAt: post.updatedAt,
  };
}

export interface HistoryEntry {
  readonly at: number;
  readonly actor: 'user' | 'scheduler' | 'system' | 'cli';
  readonly kind: string;
  readonly targetId: string | null;
  readonly accountId: string | null;
  readonly detail: string | null;
  /** On a team workspace, the teammate the line was written for (by name); absent in a desktop database. */
  readonly by?: string;
}

/** Which status a post shows, given its targets' statuses. */
export function summarisePostStatus(statuses: readonly TargetStatus[]): PostStatus {
  if (statuses.length === 0) return 'draft';
  const set = new Set(statuses);
  if (set.size === 1) return statuses[0] as TargetStatus;
  // Anything that needs the user's attention wins, then work in progress.
  for (const s of ['failed', 'unconfirmed', 'missed', 'held', 'publishing', 'retrying'] as const) {
    if (set.has(s)) return s;
  }
  if (set.has('published')) return 'partial';
  if (set.has('scheduled')) return 'scheduled';
  return statuses[0] as TargetStatus;
}
