// What the publishing contract suites (posts, transitions, queue, series) open on each engine, and the posts they
// start from. Rows of stores not under test (accounts, media files, pauses, the live scheduler) are seeded by each
// engine's opener with plain SQL.

import type { NewPost } from '../../repos/posts';
import type { PostsStore, SeriesStore } from '../types';

export const T0 = Date.UTC(2026, 2, 10, 9, 0);
export const LEASE = 60_000;

export interface PublishingOpened {
  readonly posts: PostsStore;
  readonly series: SeriesStore;
  /** A connected account (or one in another status) with a sealed login. */
  addAccount(id: string, status?: 'connected' | 'needs_attention' | 'needs_relogin'): Promise<void>;
  /** A media file's record, not attached to any post. */
  addMedia(id: string, now: number): Promise<void>;
  /**
   * Makes `holder` the live scheduler until `until`: SQLite's publishing lease (one holder at a time) or the
   * holder's row in scheduler_processes (PostgreSQL, several at once).
   */
  liveHolder(holder: string, until: number): Promise<void>;
  /** Pauses publishing for everyone (null) or for one account. */
  pause(accountId: string | null, now: number): Promise<void>;
  /** This kind of process ('key_file') cannot open the account's login. */
  unreadable(accountId: string, message: string, now: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenPublishing = () => Promise<PublishingOpened>;

/** A post with one target per account, scheduled at `at` (a draft when null), written a second before T0. */
export function newPost(id: string, accountIds: readonly string[], at: number | null = T0, extra: Partial<NewPost> = {}): NewPost {
  return {
    id,
    text: `Post ${id}`,
    timeZone: 'Europe/Rome',
    scheduledAt: at,
    labels: [],
    options: {},
    parts: [],
    media: [],
    draft: at === null,
    targets: accountIds.map((a) => ({ id: `${id}-${a}`, accountId: a, textOverride: null, idempotencyKey: `key-${id}-${a}` })),
    now: T0 - 1_000,
    ...extra,
  };
}
