// The scheduler: sleeps until the next due target, claims it before any network call, publishes, records.

import type { SchedulerStatus } from '../../../shared/contract';
import type { Clock, TimerHandle } from '../clock';
import type { MediaStore } from '../media/mediaStore';
import { accountContextFor } from '../platforms/accountContext';
import type { PlatformRegistry } from '../platforms/types';
import { PlatformError } from '../platforms/types';
import type { AccountsRepo } from '../repos/accounts';
import type { ClaimedTarget, PostsRepo } from '../repos/posts';
import type { SecretStore } from '../secrets/secretStore';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from './backoff';
import type { SchedulerLease } from './lease';

export interface SchedulerDeps {
  readonly posts: PostsRepo;
  readonly accounts: AccountsRepo;
  readonly platforms: PlatformRegistry;
  readonly secrets: SecretStore;
  readonly mediaStore: MediaStore;
  readonly clock: Clock;
  readonly lease: SchedulerLease;
  readonly onPostsChanged: (postIds: readonly string[]) => void;
  readonly onAccountsChanged: () => void;
  readonly onStatus: (status: SchedulerStatus) => void;
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
}

/** Longest single sleep: the queue is re-read at least this often even if nothing woke us. */
export const MAX_WAIT_MS = 60_000;
const LEASE_TTL_MS = 3 * MAX_WAIT_MS;
/** How long a claimed target may stay in `publishing` before it is considered abandoned. */
export const PUBLISH_LEASE_MS = 2 * 60_000;
const BATCH = 50;
const CONCURRENCY = 4;

export class Scheduler {
  #timer: TimerHandle | null = null;
  #running = false;
  #heldElsewhere = false;
  #busy: Promise<void> | null = null;
  #again = false;
  #lastError: string | null = null;
  readonly #backoff: BackoffPolicy;
  readonly #random: () => number;

  constructor(private readonly d: SchedulerDeps) {
    this.#backoff = d.backoff ?? DEFAULT_BACKOFF;
    this.#random = d.random ?? Math.random;
  }

  status(): SchedulerStatus {
    return {
      running: this.#running && !this.#heldElsewhere,
      heldElsewhere: this.#heldElsewhere,
      holder: this.#heldElsewhere ? this.d.lease.describeHolder() : null,
      nextDueAt: this.d.posts.nextDueAt(),
      lastError: this.#lastError,
    };
  }

  /** Starts the loop. Returns false when another process holds the publishing lease (we keep checking). */
  start(): boolean {
    this.#running = true;
    const got = this.d.lease.acquire(this.d.clock.now(), LEASE_TTL_MS);
    this.#heldElsewhere = !got;
    this.d.onStatus(this.status());
    this.wake();
    return got;
  }

  /** Re-reads the queue now: after a change to it, on resume from sleep, on network return. */
  wake(): void {
    if (!this.#running) return;
    this.#timer?.cancel();
    this.#timer = null;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = this.#tick().finally(() => {
      this.#busy = null;
      if (this.#again) {
        this.#again = false;
        this.wake();
      } else {
        this.#arm();
      }
    });
  }

  #arm(): void {
    if (!this.#running) return;
    const now = this.d.clock.now();
    const next = this.d.posts.nextDueAt();
    const wait = next === null ? MAX_WAIT_MS : Math.min(MAX_WAIT_MS, Math.max(0, next - now));
    this.#timer = this.d.clock.setTimer(wait, () => this.wake());
  }

  async #tick(): Promise<void> {
    const now = this.d.clock.now();
    const had = this.#heldElsewhere;
    this.#heldElsewhere = !this.d.lease.acquire(now, LEASE_TTL_MS);
    if (had !== this.#heldElsewhere) this.d.onStatus(this.status());
    if (this.#heldElsewhere) return;
    try {
      this.recoverAbandoned();
      await this.publishDue();
      if (this.#lastError) {
        this.#lastError = null;
        this.d.onStatus(this.status());
      }
    } catch (e) {
      this.#lastError = (e as Error).message;
      this.d.onStatus(this.status());
    }
  }

  /**
   * Targets left in `publishing` by a process that stopped mid-call: the post may have gone out.
   * They become `unconfirmed` for the user to check; nothing is sent again blindly.
   */
  recoverAbandoned(): void {
    const now = this.d.clock.now();
    const stale = this.d.posts.expiredPublishing(now);
    for (const s of stale) {
      this.d.posts.finishAttempt(
        s.targetId,
        {
          status: 'unconfirmed',
          reason: 'Kairos stopped while publishing this; it may or may not have gone out. Check the network and decide.',
        },
        now,
      );
    }
    if (stale.length) this.d.onPostsChanged([...new Set(stale.map((s) => s.postId))]);
  }

  /** Claims every due target and publishes them: one account's posts in order, accounts side by side. */
  async publishDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = this.d.posts.claimDue(this.d.clock.now(), PUBLISH_LEASE_MS, BATCH);
      if (claimed.length === 0) return total;
      this.d.onPostsChanged([...new Set(claimed.map((c) => c.postId))]);
      const byAccount = new Map<string, ClaimedTarget[]>();
      for (const c of claimed) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c]);
      const queues = [...byAccount.values()];
      const workers = Array.from({ length: Math.min(CONCURRENCY, queues.length) }, async () => {
        for (let q = queues.shift(); q; q = queues.shift()) {
          for (const target of q) await this.#publishOne(target);
        }
      });
      await Promise.all(workers);
      total += claimed.length;
    }
  }

  async #publishOne(t: ClaimedTarget): Promise<void> {
    const { accounts, posts, clock } = this.d;
    const account = accounts.get(t.accountId);
    const adapter = account ? this.d.platforms.get(account.platform) : undefined;
    const ctx = account ? accountContextFor(this.d, account, t.targetId) : null;
    if (!account || !adapter || ctx === null) {
      posts.finishAttempt(
        t.targetId,
        { status: 'failed', reason: 'The account for this post is missing or has no credentials. Reconnect it in Accounts.' },
        clock.now(),
      );
      this.d.onPostsChanged([t.postId]);
      return;
    }
    try {
      const outcome = await adapter.publish(
        {
          postId: t.postId,
          targetId: t.targetId,
          text: t.text,
          idempotencyKey: t.idempotencyKey,
          attempt: t.attempt,
          options: t.options,
          parts: t.parts,
          scheduledAt: t.scheduledAt,
        },
        ctx,
      );
      posts.finishAttempt(t.targetId, { status: 'published', remoteId: outcome.remoteId, remoteUrl: outcome.remoteUrl }, clock.now());
    } catch (e) {
      this.#recordFailure(t, e);
    }
    this.d.onPostsChanged([t.postId]);
  }

  #recordFailure(t: ClaimedTarget, e: unknown): void {
    const { posts, accounts, clock } = this.d;
    const now = clock.now();
    const pe = e instanceof PlatformError ? e : null;
    const message = pe?.message ?? `Unexpected error while publishing: ${(e as Error).message}`;
    switch (pe?.kind) {
      case 'rate_limited': {
        const wait = (pe.options.retryAfterMs ?? 5_000) + Math.floor(this.#random() * 1_000);
        posts.finishAttempt(t.targetId, { status: 'retrying', nextAt: now + wait, reason: message }, now);
        return;
      }
      case 'network':
      case 'transient': {
        if (t.attempt >= this.#backoff.maxAttempts) {
          posts.finishAttempt(t.targetId, { status: 'failed', reason: `Gave up after ${t.attempt} attempts. ${message}` }, now);
          return;
        }
        const wait = backoffDelay(t.attempt, this.#backoff, this.#random());
        posts.finishAttempt(t.targetId, { status: 'retrying', nextAt: now + wait, reason: message }, now);
        return;
      }
      case 'auth':
      case 'gone': {
        accounts.setStatus(t.accountId, pe.kind === 'auth' ? 'needs_relogin' : 'needs_attention', message, now);
        // The post waits for the account to be fixed; other accounts carry on.
        posts.finishAttempt(t.targetId, { status: 'scheduled', reason: message, dueAt: t.scheduledAt ?? now }, now);
        this.d.onAccountsChanged();
        return;
      }
      case 'invalid':
        posts.finishAttempt(t.targetId, { status: 'failed', reason: message }, now);
        return;
      default:
        // Unknown outcome, or an error we cannot classify: it may have been sent. Never resend blindly.
        posts.finishAttempt(t.targetId, { status: 'unconfirmed', reason: `${message} Check the network and decide.` }, now);
    }
  }

  /** Stops the loop after the current batch has been recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#timer?.cancel();
    this.#timer = null;
    await this.#busy;
    this.d.lease.release();
  }

  /** Resolves when the scheduler has nothing in flight (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#busy) await this.#busy;
  }
}
