// Posts each due first comment once: claimed before the network call, sent as the next part of the thread with its own key.

import { PostOptionsSchema } from '../../../shared/contract/posts';
import type { PostOptions } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { newIdempotencyKey } from '../ids';
import { accountContextFor } from '../platforms/accountContext';
import { PlatformError, type PublishPart } from '../platforms/types';
import { parseStored } from '../stores/stored';
import type { FollowUpsStore } from '../stores/types';
import type { DueFollowUp } from './followupRepo';

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
  readonly repo: FollowUpsStore;
  /** When the next follow-up is due, as the last pass left it (the scheduler asks without waiting). */
  #nextDue: number | null = null;

  constructor(private readonly ctx: BackendContext) {
    this.repo = ctx.stores.followUps;
  }

  #replyPlatforms(): string[] {
    return [...this.ctx.platforms.values()].filter((a) => a.repliesToOwnPosts === true).map((a) => a.id);
  }

  /** When the scheduler should wake for the next follow-up. */
  nextAt(now: number): number | null {
    const at = this.#nextDue;
    // Due but not taken by the pass that just ran: paused, or the account needs a login. Look again shortly.
    return at !== null && at <= now ? now + 30_000 : at;
  }

  /** Plans follow-ups of newly published targets, settles lapsed claims, then sends everything due. */
  async run(now: number): Promise<void> {
    try {
      await this.repo.planPublished(this.#replyPlatforms(), newIdempotencyKey);
      for (const lapsed of await this.repo.lapsed(now)) await this.#settleLapsed(lapsed);
      for (const f of await this.repo.claimDue(now, LEASE_MS, 20)) await this.#send(f);
    } finally {
      // Follow-ups are planned and settled only here, so what this pass leaves is when the next one is due.
      this.#nextDue = await this.repo.nextDueAt();
    }
  }

  /** A claim whose outcome was never written: resend only where the key makes a second reply impossible. */
  async #settleLapsed(f: DueFollowUp): Promise<void> {
    const account = await this.ctx.accounts.get(f.accountId);
    const adapter = account ? this.ctx.platforms.get(account.platform) : undefined;
    if (adapter?.idempotentRetry)
      await this.repo.finish(f.targetId, 'waiting', 'The last try stopped midway; trying again with the same key.', this.ctx.clock.now());
    else
      await this.repo.finish(
        f.targetId,
        'unconfirmed',
        'Kairos stopped while posting the first comment; check the post on the network.',
        null,
      );
    this.ctx.emit({ type: 'posts.changed', postIds: [f.postId] });
  }

  async #send(f: DueFollowUp): Promise<void> {
    const account = await this.ctx.accounts.get(f.accountId);
    const adapter = account ? this.ctx.platforms.get(account.platform) : undefined;
    const actx = account ? await accountContextFor(this.ctx, account) : null;
    const changed = () => this.ctx.emit({ type: 'posts.changed', postIds: [f.postId] });
    if (!account || !adapter || !actx) {
      await this.repo.finish(f.targetId, 'failed', 'The account is gone or needs a new login; the first comment was not posted.', null);
      changed();
      return;
    }
    const stored = await this.repo.partsOf(f.targetId);
    if (stored.length === 0 || stored.some((p) => p.done === null)) {
      await this.repo.finish(f.targetId, 'failed', 'The post it replies to is not fully on the network.', null);
      changed();
      return;
    }
    let options: PostOptions;
    try {
      options = parseStored(PostOptionsSchema, f.options, 'post_options', f.postId);
    } catch (e) {
      // A damaged row says so on the follow-up instead of stopping every first comment after it.
      await this.repo.finish(f.targetId, 'failed', (e as Error).message, null);
      changed();
      return;
    }
    const parts: PublishPart[] = [
      ...stored.map((p) => ({ index: p.index, text: '', idempotencyKey: p.idempotencyKey, media: [], done: p.done })),
      { index: stored.length, text: f.text, idempotencyKey: f.idempotencyKey, media: [], done: null },
    ];
    let recorded = false;
    // Each part is written the moment the adapter reports it; the write is awaited before the outcome is decided.
    let recording: Promise<void> = Promise.resolve();
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
          recordPart: async (index, part) => {
            if (index !== stored.length) return;
            recorded = true;
            recording = this.repo.recordPublished(f.targetId, part, now());
            // Also awaited after publish() returns; if the adapter throws first, the claim lapses and is settled as a crash.
            recording.catch(() => undefined);
            await recording;
          },
        },
      );
      await recording;
      if (!recorded)
        await this.repo.finish(
          f.targetId,
          'unconfirmed',
          `${adapter.displayName} did not confirm the first comment; check the post.`,
          null,
        );
      else
        await this.ctx.events.append({
          at: now(),
          actor: 'scheduler',
          kind: 'first comment published',
          postId: f.postId,
          targetId: f.targetId,
          accountId: f.accountId,
        });
    } catch (e) {
      if (recorded) return;
      await this.#failed(f, e, adapter.idempotentRetry);
    }
    changed();
  }

  async #failed(f: DueFollowUp, e: unknown, idempotent: boolean): Promise<void> {
    const now = this.ctx.clock.now();
    const message = (e as Error)?.message ?? String(e);
    if (!(e instanceof PlatformError)) {
      await this.repo.finish(
        f.targetId,
        idempotent ? 'waiting' : 'unconfirmed',
        `First comment: ${message}`,
        idempotent ? now + 60_000 : null,
      );
      return;
    }
    if (e.kind === 'over_budget') {
      // The same cap as posts: the comment waits with the reason (never dropped), and goes once the cap is raised or
      // the month turns. Not an attempt that failed, so it does not use up the retries.
      const at = Math.min(now + OVER_BUDGET_RECHECK_MS, nextUtcMonth(now));
      await this.repo.finish(f.targetId, 'waiting', `First comment waits: ${message}`, at, { refundAttempt: true });
      await this.ctx.events.append({
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
      await this.repo.finish(f.targetId, 'waiting', `First comment: ${message} Trying again.`, now + wait);
    } else if (e.kind === 'unknown_outcome') {
      await this.repo.finish(f.targetId, 'unconfirmed', `First comment: ${message} Check the post before posting it by hand.`, null);
    } else {
      await this.repo.finish(f.targetId, 'failed', `First comment: ${message}`, null);
    }
    await this.ctx.events.append({
      at: now,
      actor: 'scheduler',
      kind: 'first comment not posted',
      postId: f.postId,
      targetId: f.targetId,
      detail: message,
    });
  }
}
