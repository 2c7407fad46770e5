// The publishing engine around the scheduler: pause state, decisions, recurring series, backups and the status banner.

import { type BackendEvent, type Problem, wordsFor } from '../../../shared/contract';
import {
  type EngineStatus,
  type ExpiringLogin,
  LOGIN_EXPIRY_WARNING_MS,
  type PauseInfo,
  type ReviewItem,
} from '../../../shared/contract/engine';
import type { PostView, TargetStatus } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { BackupInfo } from '../db/backups';
import { fail, notFound, problem } from '../errors';
import { logSurvived } from '../logs/survived';
import { DECIDABLE } from '../publishing/store';
import type { Decision } from '../publishing/types';
import type { StoredAccount } from '../repos/accounts';
import type { Actor } from '../repos/events';
import type { PauseState } from '../repos/pause';
import type { ReviewRow } from '../repos/review';
import type { AccountsStore, BackupsStore, EventsStore, PausesStore, PostsStore, ReviewStore, SeriesStore } from '../stores/types';
import { CrisisBrake } from './pause';
import { RecurringPosts } from './recurring';
import type { Scheduler } from './scheduler';

export interface EngineDeps {
  readonly pauses: PausesStore;
  readonly series: SeriesStore;
  readonly review: ReviewStore;
  readonly backups: BackupsStore;
  readonly events: EventsStore;
  readonly posts: PostsStore;
  readonly accounts: AccountsStore;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly graceMinutes: () => number;
  readonly emit: (e: BackendEvent) => void;
}

/** A verified backup at least this often, taken by whichever process holds the publishing lease. */
export const BACKUP_EVERY_MS = 24 * 3_600_000;

const EXCERPT = 120;
const excerpt = (text: string) => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > EXCERPT ? `${one.slice(0, EXCERPT - 1)}…` : one;
};

export class PublishingEngine {
  readonly pauses: PausesStore;
  readonly series: SeriesStore;
  readonly review: ReviewStore;
  readonly recurring: RecurringPosts;
  readonly brake: CrisisBrake;
  #lastStatus = '';
  #lastBackupAt: number | null = null;
  #backupProblem: Problem | null = null;

  constructor(private readonly d: EngineDeps) {
    this.pauses = d.pauses;
    this.series = d.series;
    this.review = d.review;
    this.recurring = new RecurringPosts(this.series, d.posts, d.accounts);
    this.brake = new CrisisBrake(this.pauses, d.posts.queue, d.posts.transitions, d.clock);
    d.scheduler.attachEngine({
      brake: this.brake,
      recurring: this.recurring,
      graceMs: () => d.graceMinutes() * 60_000,
      onEngineChanged: () => this.announceSoon(),
      upkeep: (now) => this.#backupIfDue(now),
    });
  }

  async #pauseInfo(p: PauseState): Promise<PauseInfo> {
    return {
      accountId: p.accountId,
      accountName: p.accountId ? ((await this.d.accounts.get(p.accountId))?.name ?? null) : null,
      reason: p.reason,
      since: p.since,
      resumeAt: p.resumeAt,
      by: p.actor,
    };
  }

  async status(): Promise<EngineStatus> {
    const pauses = await this.pauses.list();
    const counts = await this.d.posts.queue.counts();
    const global = pauses.find((p) => p.accountId === null);
    const backups = this.backups();
    const schedulerStatus = await this.d.scheduler.status();
    const accounts = await this.d.accounts.list();
    const pausedAccounts: PauseInfo[] = [];
    for (const p of pauses) if (p.accountId !== null) pausedAccounts.push(await this.#pauseInfo(p));
    return {
      paused: global ? await this.#pauseInfo(global) : null,
      pausedAccounts,
      online: this.d.scheduler.online,
      waitingForNetwork: counts.waitingForNetwork,
      publishing: counts.publishing,
      attention: {
        held: counts.held,
        heldByPause: counts.heldByPause,
        missed: counts.missed,
        unconfirmed: counts.unconfirmed,
        failed: counts.failed,
        accountsNeedingLogin: accounts.filter((a) => a.status !== 'connected').length,
        expiringLogins: this.#expiringLogins(accounts),
      },
      graceMinutes: this.d.graceMinutes(),
      database: {
        problem: this.d.scheduler.storageError ?? (this.#backupProblem && wordsFor(this.#backupProblem)),
        storageProblem: this.d.scheduler.storageErrorProblem ?? this.#backupProblem,
        lastBackupAt: backups[0]?.at ?? null,
        backups: backups.length,
      },
      scheduler: schedulerStatus,
    };
  }

  /** Accounts whose network records when the login runs out (`loginExpiresAt`) and that cannot renew it by themselves. */
  #expiringLogins(accounts: readonly StoredAccount[]): ExpiringLogin[] {
    const soon = this.d.clock.now() + LOGIN_EXPIRY_WARNING_MS;
    const out: ExpiringLogin[] = [];
    for (const a of accounts) {
      const at = a.config.loginExpiresAt;
      if (typeof at !== 'number' || a.config.loginRenews === true || at > soon) continue;
      out.push({ accountId: a.id, accountName: a.name, platform: a.platform, expiresAt: at });
    }
    return out.sort((x, y) => x.expiresAt - y.expiresAt);
  }

  /** Pushes the status to every shell when it changed (banner, tray, badges). */
  async announce(): Promise<EngineStatus> {
    const status = await this.status();
    const text = JSON.stringify({ ...status, scheduler: { ...status.scheduler, nextDueAt: null } });
    if (text !== this.#lastStatus) {
      this.#lastStatus = text;
      this.d.emit({ type: 'engine.status', status });
    }
    return status;
  }

  /** announce() for callers that do not wait (the scheduler's passes); a store that cannot answer is logged. */
  announceSoon(): void {
    this.announce().catch((e) => logSurvived('the publishing status could not be read', e));
  }

  reviewItem(r: ReviewRow): ReviewItem {
    return {
      postId: r.postId,
      targetId: r.targetId,
      accountId: r.accountId,
      accountName: r.accountName,
      platform: r.platform,
      status: r.status,
      holdKind: r.holdKind,
      reason: r.reason,
      dueAt: r.dueAt,
      excerpt: excerpt(r.text),
      seriesId: r.seriesId,
      actions: (Object.keys(DECIDABLE) as Decision['kind'][]).filter((k) => DECIDABLE[k].includes(r.status)),
    };
  }

  async pause(accountId: string | null, reason: string, resumeAt: number | null, actor: Actor) {
    if (accountId !== null && !(await this.d.accounts.get(accountId))) throw notFound('account');
    const r = await this.brake.pause({ accountId, reason, resumeAt, actor });
    this.d.scheduler.wake();
    if (r.pulledBack.length) this.d.emit({ type: 'posts.changed', postIds: [] });
    return {
      status: await this.announce(),
      pulledBack: r.pulledBack.length,
      problems: r.problems.map((p) => wordsFor(p)),
      problemList: r.problems,
    };
  }

  /** Ends the pause and lists what came due during it; nothing of it is sent until the user decides. */
  async resume(accountId: string | null, actor: Actor) {
    await this.brake.resume(accountId, actor);
    this.d.scheduler.wake();
    const review = (
      await this.review.list({
        statuses: ['held'],
        holdKinds: [accountId === null ? 'pause' : 'account_pause'],
        ...(accountId ? { accountId } : {}),
      })
    ).map((r) => this.reviewItem(r));
    return { status: await this.announce(), review };
  }

  /** Applies a decision to a post's targets that allow it. Returns how many it applied to. */
  async decide(
    postId: string,
    accountId: string | undefined,
    decision: Decision,
    actor: Actor,
  ): Promise<{ post: PostView; applied: number }> {
    const post = await this.d.posts.get(postId);
    if (!post) throw notFound('post');
    const targetIds = await this.review.targetIds(postId, accountId, DECIDABLE[decision.kind]);
    if (targetIds.length === 0) {
      const states = post.targets.filter((t) => !accountId || t.accountId === accountId).map((t) => t.status);
      throw fail('decision_not_applicable', { states: [...new Set(states)] });
    }
    const now = this.d.clock.now();
    const applied = await this.d.posts.transitions.decide(targetIds, decision, now, actor);
    if (decision.kind === 'reschedule') {
      const pending = post.targets.filter((t) => !(['published', 'cancelled'] as TargetStatus[]).includes(t.status));
      if (pending.every((t) => applied.includes(t.id))) await this.d.posts.moveTime(postId, decision.at, now);
    }
    this.d.emit({ type: 'posts.changed', postIds: [postId] });
    this.d.scheduler.wake();
    await this.announce();
    return { post: (await this.d.posts.get(postId)) as PostView, applied: applied.length };
  }

  /** Holds a post's targets that have not gone out, with a reason (a pre-flight warning, the user's own doubt). */
  async hold(postId: string, accountId: string | undefined, kind: 'preflight' | 'user', reason: string, actor: Actor): Promise<PostView> {
    const post = await this.d.posts.get(postId);
    if (!post) throw notFound('post');
    const now = this.d.clock.now();
    let held = 0;
    for (const t of post.targets) {
      if (accountId && t.accountId !== accountId) continue;
      if (await this.d.posts.transitions.hold(t.id, kind, reason, now, actor)) held++;
    }
    if (held === 0) throw fail('nothing_to_hold', {});
    this.d.emit({ type: 'posts.changed', postIds: [postId] });
    await this.announce();
    return (await this.d.posts.get(postId)) as PostView;
  }

  backups(): BackupInfo[] {
    return this.d.backups.list();
  }

  async backupNow(label = 'manual'): Promise<BackupInfo> {
    const info = await this.d.backups.create(label, this.d.clock.now());
    this.#lastBackupAt = info.at;
    this.#backupProblem = null;
    return info;
  }

  async #backupIfDue(now: number): Promise<void> {
    if (!this.d.backups.hasFiles) return;
    this.#lastBackupAt ??= this.d.backups.list()[0]?.at ?? Number.NEGATIVE_INFINITY;
    if (now - this.#lastBackupAt < BACKUP_EVERY_MS) return;
    try {
      await this.backupNow('daily');
    } catch (e) {
      // A failed backup must never stop publishing; it is reported on the status instead.
      this.#lastBackupAt = now;
      this.#backupProblem = problem('backup_failed', { detail: (e as Error).message });
    }
  }

  /** Picks a backup (the newest sound one by default), checks it, and restores it at the next start. */
  requestRestore(fileName: string | undefined): BackupInfo {
    if (!this.d.backups.hasFiles) throw fail('backup_in_memory', {});
    const chosen = fileName ? this.backups().find((b) => b.fileName === fileName) : this.d.backups.latestVerified();
    if (!chosen) {
      throw fileName ? fail('backup_missing', { fileName }) : fail('no_backup_yet', {});
    }
    const problem = this.d.backups.verify(chosen.path);
    if (problem) throw fail('backup_unrestorable', { reason: problem });
    this.d.backups.requestRestore(chosen.path);
    return chosen;
  }
}
