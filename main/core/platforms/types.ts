// The interface every network implements: connect, rules, validate, publish, signals and metrics.

import type { PlatformId } from '../../../shared/domain';
import type { LengthRule } from '../../../shared/platforms/rules';
import type { StoredAccount } from '../repos/accounts';

/** What a successful connection yields: what to show, what to keep in the clear, what to seal. */
export interface Connection<Secret> {
  readonly handle: string;
  readonly avatarUrl: string | null;
  readonly config: Readonly<Record<string, unknown>>;
  readonly secret: Secret;
}

export interface PublishRequest {
  readonly postId: string;
  readonly targetId: string;
  readonly text: string;
  /** Chosen and stored before the first attempt; the same on every retry. */
  readonly idempotencyKey: string;
  readonly attempt: number;
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
  | 'unknown_outcome';

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

export interface PlatformAdapter<Input = unknown, Secret = unknown> {
  readonly id: PlatformId;
  readonly displayName: string;
  /** Checks the input with the network and returns what to store. Throws PlatformError with a clear message. */
  connect(input: Input, signal?: AbortSignal): Promise<Connection<Secret>>;
  lengthRule(account: StoredAccount): LengthRule;
  /** Problems that would make the network refuse this text, in words; empty when it fits. */
  validate(text: string, account: StoredAccount): string[];
  publish(request: PublishRequest, ctx: AccountContext<Secret>): Promise<PublishOutcome>;
}

export type PlatformRegistry = ReadonlyMap<PlatformId, PlatformAdapter>;
