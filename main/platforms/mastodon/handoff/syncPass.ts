// One hand-off pass: keep remote copies in step with the posts, notice what the server published or lost, hand over new posts.

import type { BackendContext } from '../../../core/context';
import { newIdempotencyKey } from '../../../core/ids';
import { PlatformError } from '../../../core/platforms/types';
import { type MediaTiming, uploadPartMedia } from '../media';
import { publishedFrom, statusBody, statusMatches } from '../publish';
import { type AccessCache, type AccountAccess, dayOf, SCHEDULED_DAILY_LIMIT, SCHEDULED_TOTAL_LIMIT } from './access';
import type { HandoffRow, TargetSnapshot } from './handoffRepo';
import { cancelScheduled, createScheduled, moveScheduled } from './remote';
import type { HandoffStore } from './stores';

/** The server refuses less than 5 minutes ahead; one more minute covers the request and clock differences. */
export const HANDOFF_MIN_LEAD_MS = 6 * 60_000;
/** Mastodon refuses a scheduled_at less than 5 minutes ahead, and publishes at once one already past. */
const SERVER_MIN_OFFSET_MS = 5 * 60_000;
/** Under this lead when the request is about to leave (a slow media upload), the hand-over is not attempted. */
const LAST_MOMENT_LEAD_MS = SERVER_MIN_OFFSET_MS + 30_000;
/** How long after its time a handed-off post may take to appear before Kairos calls it unconfirmed. */
export const PUBLISH_GRACE_MS = 15 * 60_000;

export interface HandoffSummary {
  handedOff: number;
  moved: number;
  pulledBack: number;
  published: number;
  cancelled: number;
  unconfirmed: number;
  keptLocal: number;
  errors: string[];
}

export const emptySummary = (): HandoffSummary => ({
  handedOff: 0,
  moved: 0,
  pulledBack: 0,
  published: 0,
  cancelled: 0,
  unconfirmed: 0,
  keptLocal: 0,
  errors: [],
});

const iso = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/:\d\d\.\d{3}Z$/, ' UTC')
    .replace('T', ' ');

export class SyncPass {
  readonly summary = emptySummary();
  readonly changedPosts = new Set<string>();
  /** Accounts whose remote list must be compared with what Kairos holds in this pass. */
  readonly reconcileAccounts = new Set<string>();
  /** Targets taken back from a server in this pass (reported to the crisis brake). */
  readonly pulledBackIds: string[] = [];
  released = false;

  constructor(
    private readonly ctx: BackendContext,
    private readonly repo: HandoffStore,
    private readonly access: AccessCache,
    private readonly timing: MediaTiming,
  ) {}

  /**
   * Read afresh at each use: a pass waits on the network, and a laptop may sleep in the middle of it, so the time it
   * started is no ground for deciding whether a post's time has come.
   */
  get now(): number {
    return this.ctx.clock.now();
  }

  async event(s: { postId: string; targetId: string; accountId: string }, kind: string, detail: string): Promise<void> {
    await this.ctx.events.append({
      at: this.now,
      actor: 'system',
      kind,
      postId: s.postId,
      targetId: s.targetId,
      accountId: s.accountId,
      detail,
    });
    this.changedPosts.add(s.postId);
  }

  async #fail(a: AccountAccess, e: unknown): Promise<void> {
    this.summary.errors.push(await this.access.fail(a, e, this.now));
  }

  /** Why a target may not (or no longer) be held by the server, or null when it may. */
  async ineligible(s: TargetSnapshot, a: AccountAccess): Promise<string | null> {
    if (s.status !== 'scheduled') return `it is now ${s.status}`;
    if (await this.ctx.scheduler.engine?.brake.isPaused(s.accountId)) return 'publishing is paused';
    if (!a.config.handoff.enabled) return 'hand-off is switched off for this account';
    if (s.options.handoff === 'off') return 'hand-off is switched off for this post';
    if (s.partCount > 1) return 'threads are published by Kairos itself';
    return null;
  }

  /**
   * Takes a remote copy back. When it is already gone and its time has come it may have gone out, so the
   * account's statuses decide; gone before its time, the post is simply Kairos's again.
   */
  async takeBack(a: AccountAccess, row: HandoffRow, s: TargetSnapshot | null, reason: string): Promise<void> {
    await this.repo.markReleasing(row.targetId, this.now);
    const existed = row.remoteId ? await cancelScheduled(a.api, row.remoteId) : true;
    if (!s) {
      await this.repo.forget(row.targetId);
      if (existed) this.summary.pulledBack++;
      return;
    }
    if (!existed) {
      // Gone already: published by the server (perhaps a moment ago) or deleted there. Its statuses decide.
      const found = (await a.recent()).find((st) => statusMatches(st, s.text, null, (row.remoteAt ?? this.now) - 2 * 60_000));
      const published = found ? publishedFrom(found) : null;
      if (published) return this.#recordServerPublished(a, s, published, `published by ${a.config.domain}'s scheduler`);
      if ((row.remoteAt ?? 0) <= this.now + SERVER_MIN_OFFSET_MS) {
        // Its time is (nearly) here: the server's queue may still be publishing it, so reconciliation waits for it.
        await this.repo.setState(row.targetId, 'scheduled', this.now);
        this.reconcileAccounts.add(a.account.id);
        return;
      }
    }
    await this.repo.release(row.targetId);
    this.released = true;
    this.summary.pulledBack++;
    this.pulledBackIds.push(row.targetId);
    await this.event(
      s,
      'taken back',
      `Kairos took this post back from ${a.config.domain}'s scheduler and will publish it itself: ${reason}.`,
    );
  }

  async maintain(row: HandoffRow): Promise<void> {
    const s = await this.repo.snapshot(row.targetId);
    if (row.state === 'kept_local') {
      if (s?.status !== 'scheduled' || s.dueAt !== row.dueAt || s.contentHash !== row.contentHash) await this.repo.forget(row.targetId);
      return;
    }
    if (!(await this.access.exists(row.accountId))) {
      await this.repo.forget(row.targetId);
      this.summary.errors.push(
        'A copy scheduled on a Mastodon server could not be removed because its account was removed from Kairos; delete it there.',
      );
      return;
    }
    const a = await this.access.get(row.accountId);
    if (!a) return;
    try {
      if (row.state === 'creating') await this.#recoverCreating(a, row, s);
      else if (row.state === 'releasing') await this.takeBack(a, row, s, 'an earlier attempt to take it back was interrupted');
      else await this.#maintainScheduled(a, row, s);
    } catch (e) {
      await this.#fail(a, e);
    }
  }

  async #maintainScheduled(a: AccountAccess, row: HandoffRow, s: TargetSnapshot | null): Promise<void> {
    if (!s) return this.takeBack(a, row, null, 'the post was deleted');
    const reason = await this.ineligible(s, a);
    if (reason) return this.takeBack(a, row, s, reason);
    if (s.contentHash !== row.contentHash) return this.takeBack(a, row, s, 'it was edited, so the new version will be handed over instead');
    if (s.dueAt === row.remoteAt || s.dueAt === null || row.remoteId === null) return;
    if (s.dueAt < this.now + HANDOFF_MIN_LEAD_MS) return this.takeBack(a, row, s, 'it was moved to less than 6 minutes from now');
    try {
      if (!(await moveScheduled(a.api, row.remoteId, s.dueAt))) {
        this.reconcileAccounts.add(a.account.id);
        return;
      }
    } catch (e) {
      if (e instanceof PlatformError && e.kind === 'invalid')
        return this.takeBack(a, row, s, `${a.config.domain} refused the new time (${e.message})`);
      throw e;
    }
    await this.repo.moveRemote(row.targetId, s.dueAt, s.dueAt, this.now);
    this.summary.moved++;
    await this.event(s, 'hand-off moved', `${a.config.domain}'s scheduler will now publish it at ${iso(s.dueAt)}.`);
  }

  /** A pass stopped between "about to create" and "created": find the copy it may have made before anything else. */
  async #recoverCreating(a: AccountAccess, row: HandoffRow, s: TargetSnapshot | null): Promise<void> {
    const unchanged = s !== null && s.contentHash === row.contentHash && s.dueAt === row.dueAt;
    const held = await a.remoteScheduled();
    const known = new Set((await this.repo.rows()).flatMap((r) => (r.remoteId ? [r.remoteId] : [])));
    const free = held.filter((r) => !known.has(r.id) && r.at === row.dueAt);
    const remote = s ? free.find((r) => r.text === s.text) : undefined;
    if (remote && s && unchanged && (await this.repo.commitScheduled(row.targetId, remote.id, remote.at, s, this.now))) {
      this.summary.handedOff++;
      await this.event(
        s,
        'handed off',
        `${a.config.domain} holds this post and will publish it at ${iso(remote.at)}, even if this computer is off.`,
      );
      return;
    }
    if (remote) {
      await cancelScheduled(a.api, remote.id);
    } else if (s && unchanged) {
      // A server that ignores scheduled_at may have published it at once.
      const found = (await a.recent()).find((st) => statusMatches(st, s.text, null, row.updatedAt - 60_000));
      if (found) return this.#serverIgnoredSchedule(a, s, found);
    } else if (free.length > 0) {
      this.summary.errors.push(
        `A copy of a post that was edited or deleted meanwhile may still be scheduled on ${a.config.domain} for ${iso(row.dueAt ?? this.now)}; check the scheduled posts there.`,
      );
    }
    await this.repo.forget(row.targetId);
  }

  /** Compares what the server holds with what Kairos handed it: published, deleted there, or still waiting. */
  async reconcile(accountId: string): Promise<void> {
    const a = await this.access.get(accountId);
    if (!a) return;
    try {
      const ids = new Set((await a.remoteScheduled()).map((r) => r.id));
      for (const row of await this.repo.rows()) {
        if (row.accountId !== accountId || row.state !== 'scheduled' || row.remoteId === null || ids.has(row.remoteId)) continue;
        const s = await this.repo.snapshot(row.targetId);
        if (!s) {
          await this.repo.forget(row.targetId);
          continue;
        }
        await this.#settleVanished(a, row, s);
      }
    } catch (e) {
      await this.#fail(a, e);
    }
  }

  async #settleVanished(a: AccountAccess, row: HandoffRow, s: TargetSnapshot): Promise<void> {
    const at = row.remoteAt ?? s.dueAt ?? this.now;
    if (at > this.now) {
      const detail = `The scheduled copy was deleted on ${a.config.domain}, so Kairos cancelled this post there. Reschedule it to post it again.`;
      const reason = `The scheduled copy was deleted on ${a.config.domain}.`;
      if (await this.repo.settle(row.targetId, 'cancelled', reason, this.now, { kind: 'cancelled', detail })) {
        this.summary.cancelled++;
        this.changedPosts.add(s.postId);
      }
      return;
    }
    const found = (await a.recent()).find((st) => statusMatches(st, s.text, null, at - 2 * 60_000));
    const published = found ? publishedFrom(found) : null;
    if (published) return this.#recordServerPublished(a, s, published, `published by ${a.config.domain}'s scheduler`);
    if (this.now < at + PUBLISH_GRACE_MS) return;
    const reason = `The copy scheduled on ${a.config.domain} disappeared and Kairos cannot find the published post. Check the account on ${a.config.domain} and decide.`;
    if (await this.repo.settle(row.targetId, 'unconfirmed', reason, this.now, { kind: 'unconfirmed', detail: reason })) {
      this.summary.unconfirmed++;
      this.changedPosts.add(s.postId);
    }
  }

  /** Hands every eligible post to its server's scheduler, within the server's limits. */
  async handOver(): Promise<void> {
    for (const s of await this.repo.candidates(this.now + HANDOFF_MIN_LEAD_MS)) {
      const row = await this.repo.row(s.targetId);
      if (row && (row.state !== 'kept_local' || (row.dueAt === s.dueAt && row.contentHash === s.contentHash))) continue;
      const a = await this.access.get(s.accountId);
      if (!a || (await this.ineligible(s, a)) !== null || s.dueAt === null) continue;
      try {
        const held = await a.remoteScheduled();
        if (held.length >= SCHEDULED_TOTAL_LIMIT) {
          await this.#keepLocal(s, `${a.config.domain} already holds ${SCHEDULED_TOTAL_LIMIT} scheduled posts for this account, its limit`);
          continue;
        }
        if (held.filter((r) => dayOf(r.at) === dayOf(s.dueAt as number)).length >= SCHEDULED_DAILY_LIMIT) {
          await this.#keepLocal(
            s,
            `${a.config.domain} allows ${SCHEDULED_DAILY_LIMIT} scheduled posts per day and ${dayOf(s.dueAt)} is full`,
          );
          continue;
        }
        await this.#handOverOne(a, s, s.dueAt);
      } catch (e) {
        await this.#fail(a, e);
      }
    }
  }

  async #keepLocal(s: TargetSnapshot, reason: string): Promise<void> {
    await this.repo.keepLocal(s, reason, this.now);
    this.summary.keptLocal++;
    await this.event(s, 'kept for local publishing', `Kairos will publish this post itself (keep Kairos running at that time): ${reason}.`);
  }

  async #handOverOne(a: AccountAccess, s: TargetSnapshot, at: number): Promise<void> {
    const key = newIdempotencyKey();
    // From here until the outcome is recorded, the scheduler leaves this target alone.
    if (!(await this.repo.beginCreating(s, key, this.now))) return;
    let outcome: Awaited<ReturnType<typeof createScheduled>>;
    try {
      const mediaIds = await uploadPartMedia(a.api, s.media, a.actx, this.timing, undefined);
      if (at - this.now < LAST_MOMENT_LEAD_MS) {
        // The upload took the margin: the server would refuse it (or publish it at once), so Kairos keeps it.
        await this.repo.forget(s.targetId);
        return;
      }
      outcome = await createScheduled(a.api, statusBody(s.text, s.options, true, mediaIds, null), at, key);
    } catch (e) {
      if (e instanceof PlatformError && e.kind === 'invalid') {
        await this.#keepLocal(s, `${a.config.domain} refused to hold it (${e.message})`);
        return;
      }
      // An unknown outcome keeps the "creating" row: the next pass looks for the copy before trying again.
      if (!(e instanceof PlatformError && e.kind === 'unknown_outcome')) await this.repo.forget(s.targetId);
      throw e;
    }
    if (outcome.kind === 'published') {
      const published = publishedFrom(outcome.status);
      // Mastodon publishes at once a time that has passed (older versions: one under 5 minutes ahead) when the
      // request reached it: that is the rule, not a server ignoring scheduled_at.
      if (published && at - this.now <= SERVER_MIN_OFFSET_MS) {
        await this.#recordServerPublished(
          a,
          s,
          published,
          `published at once by ${a.config.domain}: the hand-over reached it after the post's time`,
        );
        return;
      }
      await this.#serverIgnoredSchedule(a, s, outcome.status);
      return;
    }
    a.added(outcome.remote);
    if (!(await this.repo.commitScheduled(s.targetId, outcome.remote.id, outcome.remote.at, s, this.now))) {
      await cancelScheduled(a.api, outcome.remote.id);
      await this.repo.forget(s.targetId);
      return;
    }
    this.summary.handedOff++;
    await this.event(
      s,
      'handed off',
      `${a.config.domain} holds this post and will publish it at ${iso(outcome.remote.at)}, even if this computer is off.`,
    );
  }

  /**
   * The server published the post: recorded in one transaction that also checks the target is still Kairos's to
   * record (the scheduler cannot have claimed it while the hand-off held it).
   */
  async #recordServerPublished(
    a: AccountAccess,
    s: TargetSnapshot,
    published: NonNullable<ReturnType<typeof publishedFrom>>,
    how: string,
  ): Promise<void> {
    const detail = `${published.remoteUrl ?? published.remoteId} (${how})`;
    if (!(await this.repo.markPublished(s.targetId, published, this.now, { kind: 'published', detail }))) {
      await this.repo.release(s.targetId);
      this.summary.errors.push(
        `${a.account.name}: ${a.config.domain} published a post Kairos had already recorded otherwise (${published.remoteUrl ?? published.remoteId}); check the account.`,
      );
      return;
    }
    this.summary.published++;
    this.changedPosts.add(s.postId);
  }

  /** The server published at once instead of scheduling: record it as published and stop handing off to that server. */
  async #serverIgnoredSchedule(a: AccountAccess, s: TargetSnapshot, status: Parameters<typeof publishedFrom>[0]): Promise<void> {
    const published = publishedFrom(status);
    const reason = `${a.config.domain} ignored the scheduled time and published at once, so Kairos switched hand-off off for this server.`;
    const early = { kind: 'published early', detail: `${reason} It went out at ${iso(this.now)} instead of ${iso(s.dueAt ?? this.now)}.` };
    // Recorded with its history line in one transaction; when nothing could be recorded, the line still says what happened.
    const recorded = published !== null && (await this.repo.markPublished(s.targetId, published, this.now, early));
    if (!published) await this.repo.forget(s.targetId);
    this.summary.published++;
    if (recorded) this.changedPosts.add(s.postId);
    else await this.event(s, early.kind, early.detail);
    for (const other of await this.ctx.accounts.list()) {
      if (other.platform !== 'mastodon' || (other.config as { origin?: unknown }).origin !== a.config.origin) continue;
      await this.ctx.accounts.updateConfig(other.id, { ...other.config, handoff: { supported: false, enabled: false, reason } }, this.now);
      await this.ctx.events.append({ at: this.now, actor: 'system', kind: 'hand-off switched off', accountId: other.id, detail: reason });
    }
    this.access.failed.add(a.account.id);
    this.ctx.emit({ type: 'accounts.changed' });
  }
}
