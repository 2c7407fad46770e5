// The pre-flight check: N minutes before a post goes out, refresh its signals and hold it when the room has turned.

import type { ConversationAlert } from '../../../shared/contract/conversation';
import { extractHashtags, mentionsTerm, sameTag, severityRank, type WatchTerm } from '../../../shared/conversation';
import type { PostView } from '../../../shared/domain';
import type { TrendItem } from '../../../shared/signals';
import type { Clock, TimerHandle } from '../clock';
import { newId } from '../ids';
import { logSurvived } from '../logs/survived';
import type { PlatformRegistry } from '../platforms/types';
import type {
  AccountsStore,
  ConversationSettingsStore,
  PostsStore,
  PreflightStore,
  SignalCacheStore,
  WatchlistStore,
} from '../stores/types';
import type { SignalRefresher } from './refresher';

/** Longest sleep between looks at the queue, so new and moved posts are noticed within a minute. */
export const PREFLIGHT_MAX_WAIT_MS = 60_000;
/** A target this late and still not claimed (its account needs attention) is still worth checking. */
const LATE_MS = 5 * 60_000;

export interface PreflightVerdict {
  readonly hold: boolean;
  readonly reasons: readonly string[];
  /** The most severe watch term behind the hold. */
  readonly trigger: { readonly term: WatchTerm; readonly source: 'trend' | 'hashtag' } | null;
}

export interface TrendsOfAccount {
  readonly platformName: string;
  readonly trends: readonly TrendItem[];
}

/** Every text a post will publish: its parts and each account's own version of the first part. */
export function textsOf(post: PostView): string[] {
  return [post.text, ...post.parts, ...post.targets.flatMap((t) => (t.textOverride ? [t.textOverride] : []))];
}

/**
 * Holds when a high-severity watch term is trending on one of the post's networks, or when one of its
 * hashtags is a watch term of medium or high severity (low severity is for terms merely worth seeing,
 * like the brand's own name, which would otherwise hold every brand post).
 */
export function preflightVerdict(post: PostView, trends: readonly TrendsOfAccount[], watch: readonly WatchTerm[]): PreflightVerdict {
  const reasons: string[] = [];
  let trigger: PreflightVerdict['trigger'] = null;
  const consider = (term: WatchTerm, source: 'trend' | 'hashtag') => {
    if (!trigger || severityRank(term.severity) > severityRank(trigger.term.severity)) trigger = { term, source };
  };
  for (const w of watch.filter((w) => w.severity === 'high')) {
    for (const source of trends) {
      const hit = source.trends.find((t) => sameTag(t.name, w.term) || mentionsTerm(t.name, w.term));
      if (hit) {
        reasons.push(`"${w.term}" (high) is trending on ${source.platformName} as "${hit.name}".`);
        consider(w, 'trend');
        break;
      }
    }
  }
  const tags = [...new Set(textsOf(post).flatMap(extractHashtags))];
  for (const w of watch.filter((w) => w.severity !== 'low')) {
    const tag = tags.find((t) => sameTag(t, w.term));
    if (tag) {
      reasons.push(`#${tag} matches the watch term "${w.term}" (${w.severity}).`);
      consider(w, 'hashtag');
    }
  }
  return { hold: reasons.length > 0, reasons, trigger };
}

export interface PreflightDeps {
  readonly posts: PostsStore;
  readonly accounts: AccountsStore;
  readonly platforms: PlatformRegistry;
  readonly repo: PreflightStore;
  readonly settings: ConversationSettingsStore;
  readonly watchlist: WatchlistStore;
  readonly cache: SignalCacheStore;
  readonly refresher: SignalRefresher;
  readonly clock: Clock;
  /** True when this process publishes for the database (only the publisher holds posts) and it is open. */
  readonly isActive: () => boolean;
  /** False once the database is closed: then the service stops for good. */
  readonly isOpen: () => boolean;
  readonly onPostsChanged: (postIds: readonly string[]) => void;
  readonly onAlert: (alert: ConversationAlert) => void;
}

interface Candidate {
  readonly targetId: string;
  readonly accountId: string;
  readonly dueAt: number;
}

const utc = (t: number) => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export class PreflightService {
  #timer: TimerHandle | null = null;
  #stopped = false;
  /** The look at the queue running now; a wake meanwhile looks again once it ends. */
  #looking: Promise<void> | null = null;
  #lookAgain = false;
  readonly #checking = new Map<string, Promise<void>>();

  constructor(private readonly d: PreflightDeps) {}

  start(): void {
    this.#stopped = false;
    this.#arm(0);
  }

  stop(): void {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = null;
  }

  /** Looks at the queue now (after a change to a post or the settings). */
  wake(): void {
    if (this.#stopped) return;
    this.#timer?.cancel();
    this.#tick();
  }

  async idle(): Promise<void> {
    for (;;) {
      if (this.#looking) await this.#looking;
      else if (this.#checking.size > 0) await Promise.allSettled([...this.#checking.values()]);
      else return;
    }
  }

  #arm(ms: number): void {
    if (this.#stopped) return;
    this.#timer?.cancel();
    this.#timer = this.d.clock.setTimer(ms, () => this.#tick());
  }

  /**
   * Looks at the queue, starts the checks that are due and arms the next wake before any network work, so no
   * boundary is slept through. One look at a time: a wake during a look looks again when it ends.
   */
  #tick(): void {
    this.#timer = null;
    if (this.#stopped) return;
    if (this.#looking) {
      this.#lookAgain = true;
      return;
    }
    this.#looking = this.#look().finally(() => {
      this.#looking = null;
      if (this.#lookAgain) {
        this.#lookAgain = false;
        this.#tick();
      }
    });
  }

  async #look(): Promise<void> {
    if (!this.d.isOpen()) {
      this.stop();
      return;
    }
    const lookedAt = this.d.clock.now();
    let next = PREFLIGHT_MAX_WAIT_MS;
    try {
      if (this.d.isActive()) next = await this.#startDueChecks(lookedAt);
    } catch (e) {
      // A failed look is retried on the next wake; the database closing under us is expected and not worth a line.
      if (this.d.isOpen()) logSurvived('the pre-flight check could not look for due posts', e);
    }
    // Counted from when the look began: time that passed while the store answered does not push the next look
    // later, and a look whose time already came while this one waited runs at once (as its timer would have).
    const now = this.d.clock.now();
    if (lookedAt + next <= now && now > lookedAt) this.#lookAgain = true;
    else this.#arm(Math.max(0, lookedAt + next - now));
  }

  /** Starts the checks that are due and returns how long to sleep until the next one. */
  async #startDueChecks(now: number): Promise<number> {
    const settings = await this.d.settings.get();
    // With nothing on the watchlist nothing can hold a post: no check, no requests, no history line.
    if (!settings.preflightEnabled || (await this.d.watchlist.list()).length === 0) return PREFLIGHT_MAX_WAIT_MS;
    const leadMs = settings.preflightMinutes * 60_000;
    let next = PREFLIGHT_MAX_WAIT_MS;
    // Read first; each check starts without waiting for it, and only one look runs at a time, so no post is
    // started twice.
    const posts = await this.d.posts.list({ from: now - LATE_MS, to: now + leadMs + PREFLIGHT_MAX_WAIT_MS + 1 });
    for (const post of posts) {
      if (this.#checking.has(post.id)) continue;
      const due: Candidate[] = [];
      for (const t of post.targets) {
        if (t.status !== 'scheduled' || t.nextAttemptAt === null || !(await this.#needsCheck(t.id, t.nextAttemptAt))) continue;
        const checkAt = t.nextAttemptAt - leadMs;
        if (checkAt > now) next = Math.min(next, checkAt - now);
        else if (t.nextAttemptAt >= now - LATE_MS) due.push({ targetId: t.id, accountId: t.accountId, dueAt: t.nextAttemptAt });
      }
      if (due.length === 0) continue;
      const job = this.#check(post, due, settings.preflightSkipAccountIds)
        .catch(() => {
          // Nothing was recorded for these targets, so the next look checks them again.
        })
        .finally(() => this.#checking.delete(post.id));
      this.#checking.set(post.id, job);
    }
    return Math.max(0, next);
  }

  /** Not checked yet for this due time, or held and then edited back into the queue without a decision. */
  async #needsCheck(targetId: string, dueAt: number): Promise<boolean> {
    const c = await this.d.repo.checkOf(targetId, dueAt);
    return c === null || (c.result === 'held' && c.decision !== 'send');
  }

  async #check(post: PostView, due: readonly Candidate[], skipAccounts: readonly string[]): Promise<void> {
    const { repo, clock } = this.d;
    if (await repo.isPostSkipped(post.id)) {
      await repo.recordCheck(post.id, due, 'skipped', 'The pre-flight check is turned off for this post.', clock.now());
      return;
    }
    const skipped = due.filter((c) => skipAccounts.includes(c.accountId));
    if (skipped.length)
      await repo.recordCheck(post.id, skipped, 'skipped', 'The pre-flight check is turned off for this account.', clock.now());
    const checked = due.filter((c) => !skipAccounts.includes(c.accountId));
    if (checked.length === 0) return;
    const accountIds = [...new Set(checked.map((c) => c.accountId))];

    // What the cache already knows can hold the post at once; the network only adds to it.
    if (await this.#settle(post, checked, accountIds, null)) return;
    const terms = [...new Set(textsOf(post).flatMap(extractHashtags))].slice(0, 3);
    const before = clock.now();
    await this.d.refresher.refresh({ accountIds, terms, trends: true, mentions: false, force: true, forPostId: post.id });
    const fresh = await this.d.posts.get(post.id);
    if (!fresh) return;
    // Only targets still waiting for the same time: the user may have moved or cancelled the post meanwhile.
    const still = checked.filter((c) =>
      fresh.targets.some((t) => t.id === c.targetId && t.status === 'scheduled' && t.nextAttemptAt === c.dueAt),
    );
    if (still.length) await this.#settle(fresh, still, accountIds, before);
  }

  /** Evaluates with the cached signals and records the outcome; returns true when it held the post. */
  async #settle(
    post: PostView,
    targets: readonly Candidate[],
    accountIds: readonly string[],
    refreshedAt: number | null,
  ): Promise<boolean> {
    const now = this.d.clock.now();
    const sources: TrendsOfAccount[] = [];
    let oldest: number | null = null;
    let stale = false;
    for (const id of accountIds) {
      const account = await this.d.accounts.get(id);
      const cached = await this.d.cache.trends(id);
      if (!account || !cached) continue;
      sources.push({ platformName: this.d.platforms.get(account.platform)?.displayName ?? account.platform, trends: cached.items });
      oldest = oldest === null ? cached.fetchedAt : Math.min(oldest, cached.fetchedAt);
      if (refreshedAt !== null && cached.fetchedAt < refreshedAt) stale = true;
    }
    const verdict = preflightVerdict(post, sources, await this.d.watchlist.list());
    if (verdict.hold) {
      const reason = verdict.reasons.join(' ');
      const held = await this.d.repo.recordCheck(post.id, targets, 'held', reason, now);
      if (held.length === 0) return false;
      const trigger = verdict.trigger;
      const alert = trigger
        ? await this.d.watchlist.raise(
            {
              id: newId('alr', now),
              kind: 'preflight',
              dedupeKey: `preflight:${post.id}:${held.join(',')}:${now}`,
              watchTermId: trigger.term.id,
              term: trigger.term.term,
              severity: trigger.term.severity,
              source: trigger.source,
              platform: null,
              accountId: null,
              postId: post.id,
              text: `Held before publishing: ${reason} Send anyway, keep holding, or edit it.`,
              url: null,
            },
            now,
          )
        : null;
      this.d.onPostsChanged([post.id]);
      if (alert) this.d.onAlert(alert);
      return true;
    }
    // The first look is only from the cache; a clear verdict waits for the refresh.
    if (refreshedAt === null) return false;
    const basis =
      oldest === null
        ? 'No trends were available from its networks; its hashtags were checked.'
        : `Signals as of ${utc(oldest)}${stale ? ' (the refresh did not finish; cached trends were used)' : ''}.`;
    await this.d.repo.recordCheck(post.id, targets, 'clear', `No watch term is trending and no hashtag is on the watchlist. ${basis}`, now);
    this.d.onPostsChanged([post.id]);
    return false;
  }
}
