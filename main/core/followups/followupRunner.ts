// Posts each due first comment once: claimed before the network call, sent as the next part of the thread with its own key.

import type { PostOptions } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { newIdempotencyKey } from '../ids';
import { accountContextFor } from '../platforms/accountContext';
import { PlatformError, type PublishPart } from '../platforms/types';
import { type DueFollowUp, FollowUpsRepo } from './followupRepo';

const LEASE_MS = 2 * 60_000;
const DEADLINE_MS = 100_000;
const MAX_ATTEMPTS = 6;
/** A first comment over a network's spending cap looks again this often (the check is local: it costs nothing). */
const OVER_BUDGET_RECHECK_MS = 15 * 60_000;

/** The first moment of the next UTC month, when a monthly cap starts again. */
function nextUtcMonth(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

export class FollowUpRunner {
  readonly repo: FollowUpsRepo;

  constructor(private readonly ctx: BackendContext) {
    this.repo = new FollowUpsRepo(ctx.db);
  }

  #replyPlatforms(): string[] {
    return [...this.ctx.platforms.values()].filter((a) => a.repliesToOwnPosts === true).map((a) => a.id);
  }

  /** When the scheduler should wake for the next follow-up. */
  nextAt(now: number): number | null {
    const at = this.repo.nextDueAt();
    // Due but not taken by the pass that just ran: paused, or the account needs a login. Look again shortly.
    return at !== null && at <= now ? now + 30_000 : at;
  }

  /** Plans follow-ups of newly published targets, settles lapsed claims, then sends everything due. */
  async run(now: number): Promise<void> {
    this.repo.planPublished(this.#replyPlatforms(), newIdempotencyKey);
    for (const lapsed of this.repo.lapsed(now)) this.#settleLapsed(lapsed);
    for (const f of this.repo.claimDue(now, LEASE_MS, 20)) await this.#send(f);
  }

  /** A claim whose outcome was never written: resend only where the key makes a second reply impossible. */
  #settleLapsed(f: DueFollowUp): void {
    const account = this.ctx.accounts.get(f.accountId);
    const adapter = account ? this.ctx.platforms.get(account.platform) : undefined;
    if (adapter?.idempotentRetry)
      this.repo.finish(f.targetId, 'waiting', 'The last try stopped midway; trying again with the same key.', this.ctx.clock.now());
    else
      this.repo.finish(f.targetId, 'unconfirmed', 'Kairos stopped while posting the first comment; check the post on the network.', null);
    this.ctx.emit({ type: 'posts.changed', postIds: [f.postId] });
  }

  async #send(f: DueFollowUp): Promise<void> {
    const account = this.ctx.accounts.get(f.accountId);
    const adapter = account ? this.ctx.platforms.get(account.platform) : undefined;
    const actx = account ? accountContextFor(this.ctx, account) : null;
    const changed = () => this.ctx.emit({ type: 'posts.changed', postIds: [f.postId] });
    if (!account || !adapter || !actx) {
      this.repo.finish(f.targetId, 'failed', 'The account is gone or needs a new login; the first comment was not posted.', null);
      changed();
      return;
    }
    const stored = this.repo.partsOf(f.targetId);
    if (stored.length === 0 || stored.some((p) => p.done === null)) {
      this.repo.finish(f.targetId, 'failed', 'The post it replies to is not fully on the network.', null);
      changed();
      return;
    }
    const options = JSON.parse(f.options) as PostOptions;
    const parts: PublishPart[] = [
      ...stored.map((p) => ({ index: p.index, text: '', idempotencyKey: p.idempotencyKey, media: [], done: p.done })),
      { index: stored.length, text: f.text, idempotencyKey: f.idempotencyKey, media: [], done: null },
    ];
    let recorded = false;
    const now = () => this.ctx.clock.now();
    try {
      await adapter.publish(
        {
          postId: f.postId,
          targetId: f.targetId,
          text: f.text,
          idempotencyKey: f.idempotencyKey,
          attempt: f.attempts,
          // A reply keeps who may see it and its language; a poll or warning belonged to the post.
          options: {
            ...(options.visibility ? { visibility: options.visibility } : {}),
            ...(options.language ? { language: options.language } : {}),
          },
          parts,
          scheduledAt: null,
        },
        {
          ...actx,
          signal: AbortSignal.timeout(DEADLINE_MS),
          recordPart: (index, part) => {
            if (index !== stored.length) return;
            recorded = true;
            this.repo.recordPublished(f.targetId, part, now());
          },
        },
      );
      if (!recorded)
        this.repo.finish(f.targetId, 'unconfirmed', `${adapter.displayName} did not confirm the first comment; check the post.`, null);
      else
        this.ctx.events.append({
          at: now(),
          actor: 'scheduler',
          kind: 'first comment published',
          postId: f.postId,
          targetId: f.targetId,
          accountId: f.accountId,
        });
    } catch (e) {
      if (recorded) return;
      this.#failed(f, e, adapter.idempotentRetry);
    }
    changed();
  }

  #failed(f: DueFollowUp, e: unknown, idempotent: boolean): void {
    const now = this.ctx.clock.now();
    const message = (e as Error)?.message ?? String(e);
    if (!(e instanceof PlatformError)) {
      this.repo.finish(f.targetId, idempotent ? 'waiting' : 'unconfirmed', `First comment: ${message}`, idempotent ? now + 60_000 : null);
      return;
    }
    if (e.kind === 'over_budget') {
      // The same cap as posts: the comment waits with the reason (never dropped), and goes once the cap is raised or
      // the month turns. Not an attempt that failed, so it does not use up the retries.
      const at = Math.min(now + OVER_BUDGET_RECHECK_MS, nextUtcMonth(now));
      this.repo.finish(f.targetId, 'waiting', `First comment waits: ${message}`, at, { refundAttempt: true });
      this.ctx.events.append({
        at: now,
        actor: 'scheduler',
        kind: 'first comment waiting',
        postId: f.postId,
        targetId: f.targetId,
        accountId: f.accountId,
        detail: message,
      });
      return;
    }
    const retryable =
      e.kind === 'network' || e.kind === 'transient' || e.kind === 'rate_limited' || (e.kind === 'unknown_outcome' && idempotent);
    if (retryable && f.attempts < MAX_ATTEMPTS) {
      const wait = e.options.retryAfterMs ?? Math.min(30 * 60_000, 60_000 * 2 ** (f.attempts - 1));
      this.repo.finish(f.targetId, 'waiting', `First comment: ${message} Trying again.`, now + wait);
    } else if (e.kind === 'unknown_outcome') {
      this.repo.finish(f.targetId, 'unconfirmed', `First comment: ${message} Check the post before posting it by hand.`, null);
    } else {
      this.repo.finish(f.targetId, 'failed', `First comment: ${message}`, null);
    }
    this.ctx.events.append({
      at: now,
      actor: 'scheduler',
      kind: 'first comment not posted',
      postId: f.postId,
      targetId: f.targetId,
      detail: message,
    });
  }
}
