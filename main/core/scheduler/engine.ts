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
import { DECIDABLE } from '../publishing/store';
import type { Decision } from '../publishing/types';
import type { AccountsRepo } from '../repos/accounts';
import type { Actor, EventLog } from '../repos/events';
import type { PauseRepo, PauseState } from '../repos/pause';
import type { PostsRepo } from '../repos/posts';
import type { SeriesRepo } from '../repos/recurrence';
import type { ReviewRepo, ReviewRow } from '../repos/review';
import type { BackupsStore } from '../stores/types';
import { CrisisBrake } from './pause';
import { RecurringPosts } from './recurring';
import type { Scheduler } from './scheduler';

export interface EngineDeps {
  readonly pauses: PauseRepo;
  readonly series: SeriesRepo;
  readonly review: ReviewRepo;
  readonly backups: BackupsStore;
  readonly events: EventLog;
  readonly posts: PostsRepo;
  readonly accounts: AccountsRepo;
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
  readonly pauses: PauseRepo;
  readonly series: SeriesRepo;
  readonly review: ReviewRepo;
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
      onEngineChanged: () => this.announce(),
      upkeep: (now) => this.#backupIfDue(now),
    });
  }

  #pauseInfo(p: PauseState): PauseInfo {
    return {
      accountId: p.accountId,
      accountName: p.accountId ? (this.d.accounts.get(p.accountId)?.name ?? null) : null,
      reason: p.reason,
      since: p.since,
      resumeAt: p.resumeAt,
      by: p.actor,
    };
  }

  status(): EngineStatus {
    const pauses = this.pauses.list();
    const counts = this.d.posts.queue.counts();
    const global = pauses.find((p) => p.accountId === null);
    const backups = this.backups();
    const schedulerStatus = this.d.scheduler.status();
    return {
      paused: global ? this.#pauseInfo(global) : null,
      pausedAccounts: pauses.filter((p) => p.accountId !== null).map((p) => this.#pauseInfo(p)),
      online: this.d.scheduler.online,
      waitingForNetwork: counts.waitingForNetwork,
      publishing: counts.publishing,
      attention: {
        held: counts.held,
        heldByPause: counts.heldByPause,
        missed: counts.missed,
        unconfirmed: counts.unconfirmed,
        failed: counts.failed,
        accountsNeedingLogin: this.d.accounts.list().filter((a) => a.status !== 'connected').length,
        expiringLogins: this.#expiringLogins(),
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
  #expiringLogins(): ExpiringLogin[] {
    const soon = this.d.clock.now() + LOGIN_EXPIRY_WARNING_MS;
    const out: ExpiringLogin[] = [];
    for (const a of this.d.accounts.list()) {
      const at = a.config.loginExpiresAt;
      if (typeof at !== 'number' || a.config.loginRenews === true || at > soon) continue;
      out.push({ accountId: a.id, accountName: a.name, platform: a.platform, expiresAt: at });
    }
    return out.sort((x, y) => x.expiresAt - y.expiresAt);
  }

  /** Pushes the status to every shell when it changed (banner, tray, badges). */
  announce(): EngineStatus {
    const status = this.status();
    const text = JSON.stringify({ ...status, scheduler: { ...status.scheduler, nextDueAt: null } });
    if (text !== this.#lastStatus) {
      this.#lastStatus = text;
      this.d.emit({ type: 'engine.status', status });
    }
    return status;
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
    if (accountId !== null && !this.d.accounts.get(accountId)) throw notFound('account');
    const r = await this.brake.pause({ accountId, reason, resumeAt, actor });
    this.d.scheduler.wake();
    if (r.pulledBack.length) this.d.emit({ type: 'posts.changed', postIds: [] });
    return {
      status: this.announce(),
      pulledBack: r.pulledBack.length,
      problems: r.problems.map((p) => wordsFor(p)),
      problemList: r.problems,
    };
  }

  /** Ends the pause and lists what came due during it; nothing of it is sent until the user decides. */
  resume(accountId: string | null, actor: Actor) {
    this.brake.resume(accountId, actor);
    this.d.scheduler.wake();
    const review = this.review
      .list({ statuses: ['held'], holdKinds: [accountId === null ? 'pause' : 'account_pause'], ...(accountId ? { accountId } : {}) })
      .map((r) => this.reviewItem(r));
    return { status: this.announce(), review };
  }

  /** Applies a decision to a post's targets that allow it. Returns how many it applied to. */
  decide(postId: string, accountId: string | undefined, decision: Decision, actor: Actor): { post: PostView; applied: number } {
    const post = this.d.posts.get(postId);
    if (!post) throw notFound('post');
    const targetIds = this.review.targetIds(postId, accountId, DECIDABLE[decision.kind]);
    if (targetIds.length === 0) {
      const states = post.targets.filter((t) => !accountId || t.accountId === accountId).map((t) => t.status);
      throw fail('decision_not_applicable', { states: [...new Set(states)] });
    }
    const now = this.d.clock.now();
    const applied = this.d.posts.transitions.decide(targetIds, decision, now, actor);
    if (decision.kind === 'reschedule') {
      const pending = post.targets.filter((t) => !(['published', 'cancelled'] as TargetStatus[]).includes(t.status));
      if (pending.every((t) => applied.includes(t.id))) this.d.posts.moveTime(postId, decision.at, now);
    }
    this.d.emit({ type: 'posts.changed', postIds: [postId] });
    this.d.scheduler.wake();
    this.announce();
    return { post: this.d.posts.get(postId) as PostView, applied: applied.length };
  }

  /** Holds a post's targets that have not gone out, with a reason (a pre-flight warning, the user's own doubt). */
  hold(postId: string, accountId: string | undefined, kind: 'preflight' | 'user', reason: string, actor: Actor): PostView {
    const post = this.d.posts.get(postId);
    if (!post) throw notFound('post');
    const now = this.d.clock.now();
    let held = 0;
    for (const t of post.targets) {
      if (accountId && t.accountId !== accountId) continue;
      if (this.d.posts.transitions.hold(t.id, kind, reason, now, actor)) held++;
    }
    if (held === 0) throw fail('nothing_to_hold', {});
    this.d.emit({ type: 'posts.changed', postIds: [postId] });
    this.announce();
    return this.d.posts.get(postId) as PostView;
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
