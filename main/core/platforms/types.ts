// The interface every network implements: connect, rules, validate, publish, signals and metrics.

import type { Issue } from '../../../shared/contract/problems';
import type { PlatformId, PostOptions } from '../../../shared/domain';
import type { LengthRule } from '../../../shared/platforms/rules';
import type { PostCostView } from '../../../shared/platforms/xCost';
import type { SignalPost, TrendItem } from '../../../shared/signals';
import type { StoredAccount } from '../repos/accounts';
import type { StoredMedia } from '../repos/media';

/** What a successful connection yields: what to show, what to keep in the clear, what to seal. */
export interface Connection<Secret> {
  readonly handle: string;
  readonly avatarUrl: string | null;
  readonly config: Readonly<Record<string, unknown>>;
  readonly secret: Secret;
}

/** A part the network already has, as recorded after it was confirmed. */
export interface PublishedPart {
  readonly remoteId: string;
  readonly remoteUrl: string | null;
  /** Platform-specific references needed to reply to it (a Bluesky uri and cid). */
  readonly ref?: Readonly<Record<string, string>>;
}

/** One part of a thread as a network call needs it, with what is already published of it. */
export interface PublishPart {
  readonly index: number;
  readonly text: string;
  /** Stored before the part's first attempt; the same on every retry. */
  readonly idempotencyKey: string;
  readonly media: readonly StoredMedia[];
  /** Set when an earlier attempt already published this part. */
  readonly done: PublishedPart | null;
}

/** What an adapter is asked to publish: one post on one account, built from the queue's claim. */
export interface PublishRequest {
  readonly postId: string;
  readonly targetId: string;
  /** The first part's text, as this account will post it. */
  readonly text: string;
  /** Chosen and stored before the first attempt; the same on every retry (the first part's key). */
  readonly idempotencyKey: string;
  readonly attempt: number;
  readonly options: PostOptions;
  /**
   * Every part in order (a single post has one). Each has its own stored key, its media and, when an
   * earlier attempt already published it, `done`: publish only the parts without it, replying to the last done one.
   */
  readonly parts: readonly PublishPart[];
  /** When the post was meant to go out (for hand-off to a server-side scheduler). */
  readonly scheduledAt: number | null;
}

/** What a validator sees: the text for this account, the thread's other parts, media and options. */
export interface DraftForValidation {
  readonly text: string;
  readonly parts: readonly string[];
  readonly media: readonly StoredMedia[];
  readonly options: PostOptions;
}

export interface PublishOutcome {
  readonly remoteId: string;
  readonly remoteUrl: string | null;
}

export interface AccountContext<Secret> {
  readonly account: StoredAccount;
  readonly secret: Secret;
  /** Persists refreshed credentials (rotated tokens) immediately. */
  saveSecret(secret: Secret): void;
  /** Persists non-secret account settings learned while publishing (limits, capabilities). */
  saveConfig(config: Readonly<Record<string, unknown>>): void;
  /** Records a published part at once, so that a failure later in a thread resumes after it. */
  recordPart(index: number, part: PublishedPart): void;
  /** The bytes of an attached media file. */
  readMedia(media: StoredMedia): Buffer;
  readonly signal?: AbortSignal;
}

export type PlatformErrorKind =
  /** The network or the server could not be reached; wait for the network and try again. */
  | 'network'
  /** A temporary server problem (5xx, timeout before sending); retry with backoff. */
  | 'transient'
  /** Too many requests; retry after `retryAfterMs`. */
  | 'rate_limited'
  /** Credentials were refused; the account needs the user. Never retried. */
  | 'auth'
  /** The account's destination is gone (deleted webhook, suspended account). Never retried. */
  | 'gone'
  /** The server refused the content; retrying cannot help. */
  | 'invalid'
  /** The request may or may not have created the post. */
  | 'unknown_outcome'
  /** Sending it would spend more than the account's cap (X's pay-per-use API); it waits for the user. */
  | 'over_budget';

export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly options: { readonly retryAfterMs?: number; readonly status?: number; readonly field?: string } = {},
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** A token bucket: `burst` requests may go at once after a quiet spell, then one more every `refillMs`. */
export interface BucketSpec {
  /** How many requests may go at once after a quiet spell. */
  readonly burst: number;
  /** One more request is allowed every this many milliseconds. */
  readonly refillMs: number;
}

/** How fast Kairos may call a network, kept under what the network allows so that a server rarely has to say 429. */
export interface RequestBudget {
  /** Applies to each account (webhook, Mastodon account, Bluesky DID) on its own; null for no such limit. */
  readonly perAccount: BucketSpec | null;
  /** Applies to all accounts of the network together (per-IP or per-app limits); null for no such limit. */
  readonly perPlatform: BucketSpec | null;
}

/** The conversation panel's share of a network's reading limit: requests per window, per account. */
export interface ConversationBudget {
  /** Requests the panel may make per window; the rest of the network's limit is left to publishing. */
  readonly capacity: number;
  readonly windowMs: number;
}

/** How a network treats a post identical to an earlier one on the same account. */
export type RepeatPolicy = 'refuses' | 'discourages' | 'allows';

export interface PlatformAdapter<Input = unknown, Secret = unknown> extends SignalSource<Secret> {
  readonly id: PlatformId;
  readonly displayName: string;
  /**
   * The connect input's field a refusal from connect() points at when the refusal names none (Discord: the webhook
   * URL is the whole credential). Without it such a refusal points at no field.
   */
  readonly connectField?: string;
  /** Checks the input with the network and returns what to store. Throws PlatformError with a clear message. */
  connect(input: Input, signal?: AbortSignal): Promise<Connection<Secret>>;
  lengthRule(account: StoredAccount): LengthRule;
  /**
   * Problems that would make the network refuse this post, as issues (media limits, missing text,
   * unsupported options); empty when it is fine. Length is checked by the caller with lengthRule.
   */
  validate(draft: DraftForValidation, account: StoredAccount): Issue[];
  /**
   * Publishes the parts that are not done yet and returns the first part's remote id and link.
   * Throws PlatformError; call ctx.recordPart after each part is confirmed.
   */
  publish(request: PublishRequest, ctx: AccountContext<Secret>): Promise<PublishOutcome>;
  /**
   * True when repeating a create with the same stored idempotency material cannot create a second post
   * (Mastodon's Idempotency-Key, a Bluesky record key). Then an unknown outcome may be retried safely.
   */
  readonly idempotentRetry: boolean;
  /** True when the account can reply under its own post (a first comment): publish() then takes an extra part. */
  readonly repliesToOwnPosts?: boolean;
  /**
   * Settles an unknown outcome: looks for the part on the network by its stored key or in the account's
   * recent posts. Returns it when found, null when surely absent; throws when it cannot tell.
   */
  findPublished?(request: PublishRequest, part: PublishPart, ctx: AccountContext<Secret>): Promise<PublishedPart | null>;
  /** What each post costs on this account and what was spent this month, for networks that charge per post (X). */
  postCost?(account: StoredAccount): PostCostView;
  /** Whether the account's secret key is held by Kairos and may be backed up by the user, and where it came from. */
  secretKeyExport?(account: StoredAccount): 'generated' | 'imported' | null;
  /**
   * The scheduler's budget for publishing to this network, one publish counting as one unit. Without it publishes
   * are not spaced out (the server's 429 and its Retry-After still pause the account).
   */
  readonly publishBudget?: RequestBudget;
  /**
   * Where an account of this network lives when neither its settings nor its credentials name a server: the origin
   * the online check probes for it. Without it (a network whose accounts always name their server) nothing is probed.
   */
  readonly probeOrigin?: string;
  /** How the network treats an identical repeat, for the evergreen queue's warnings; 'discourages' when absent. */
  readonly repeatPolicy?: RepeatPolicy;
}

/** What the conversation panel asks a network for; each part is optional for networks without it. */
export interface SignalQuery {
  /** Hashtags (without '#') and keywords to search recent public posts for. */
  readonly terms: readonly string[];
  readonly limit?: number;
}

/** A published post's remote identity, for fetching its numbers. */
export interface PublishedRef {
  readonly targetId: string;
  readonly remoteId: string;
  readonly ref?: Readonly<Record<string, string>>;
}

export interface RemoteMetrics {
  readonly targetId: string;
  readonly likes: number;
  readonly reposts: number;
  readonly replies: number;
  readonly quotes: number | null;
}

/** A published post's counters as read now; a post the network no longer has is 'deleted', never zeros. */
export type PostSnapshot = ({ readonly state: 'counted' } & RemoteMetrics) | { readonly state: 'deleted'; readonly targetId: string };

/** Someone's reply to one of our posts, as the network shows it now. */
export interface AudienceReply {
  readonly remoteId: string;
  readonly author: string;
  readonly text: string;
  readonly url: string | null;
  readonly language: string | null;
  readonly createdAt: number;
  readonly likes: number | null;
  readonly reposts: number | null;
  readonly replies: number | null;
}

/** An account's own numbers (for growth over time). */
export interface AccountNumbers {
  readonly followers: number;
  readonly following: number | null;
}

/** Optional reading side of a network: what people talk about, mentions, and numbers for our posts. */
export interface SignalSource<Secret = unknown> {
  fetchTrends?(ctx: AccountContext<Secret>): Promise<TrendItem[]>;
  searchRecent?(query: SignalQuery, ctx: AccountContext<Secret>): Promise<SignalPost[]>;
  fetchMentions?(ctx: AccountContext<Secret>): Promise<SignalPost[]>;
  fetchMetrics?(posts: readonly PublishedRef[], ctx: AccountContext<Secret>): Promise<RemoteMetrics[]>;
  /**
   * Counters of published posts for the time series. A post the network surely no longer has is 'deleted';
   * one it cannot answer for yet (not indexed) is left out, to be asked again later. Throws PlatformError.
   */
  snapshotPosts?(posts: readonly PublishedRef[], ctx: AccountContext<Secret>): Promise<PostSnapshot[]>;
  /** How many posts one snapshotPosts request reads (1 when absent): the collector spends one budget token a batch. */
  readonly snapshotBatchSize?: number;
  /**
   * The metrics collector's budget for reading numbers (snapshots, replies, followers), counted in requests. Without
   * it the collector does not space out its reads.
   */
  readonly metricsBudget?: RequestBudget;
  /**
   * The conversation panel's budget for trends, searches and mentions. Without it the panel asks sparingly
   * (DEFAULT_CONVERSATION_BUDGET in main/core/conversation/budget.ts).
   */
  readonly conversationBudget?: ConversationBudget;
  /** Direct replies to one of our published posts by other people. Throws PlatformError 'invalid' when the
   * network will not give them to this account (an access tier without search): the counts are kept, and the
   * reason is shown instead of the replies. */
  fetchReplies?(post: PublishedRef, ctx: AccountContext<Secret>): Promise<AudienceReply[]>;
  fetchAccountNumbers?(ctx: AccountContext<Secret>): Promise<AccountNumbers>;
}

export type PlatformRegistry = ReadonlyMap<PlatformId, PlatformAdapter>;
