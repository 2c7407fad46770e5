// The conversation service: wires the cache, refresher, panel, watchlist, observances and pre-flight check for the handlers.

import type {
  ConversationPanel,
  ConversationSettings,
  Observance,
  PreflightDecision,
  PreflightState,
  Selection,
  SourceStatus,
} from '../../../shared/contract/conversation';
import type { PlatformId, PostView } from '../../../shared/domain';
import type { BackendContext } from '../context';
import { fail, notFound } from '../errors';
import { logSurvived } from '../logs/survived';
import type { ConversationBudget } from '../platforms/types';
import { conversationBudgetsOf, SignalBudget } from './budget';
import { daysBetween, isRealDate, isSupportedCountry, MAX_RANGE_DAYS, observancesBetween } from './observances';
import { PanelBuilder } from './panel';
import { PreflightService } from './preflight';
import { type RefreshPlan, SignalRefresher, supportsOf } from './refresher';

/** How often trends and mentions are refreshed in the background, so watchlist alerts come without the panel open. */
export const MONITOR_EVERY_MS = 15 * 60_000;
const FIRST_MONITOR_MS = 60_000;

export interface ConversationServiceOptions {
  readonly budgets?: Partial<Record<PlatformId, ConversationBudget>>;
  readonly random?: () => number;
}

export function createConversationService(ctx: BackendContext, options: ConversationServiceOptions = {}) {
  const { signalCache: cache, watchlist, conversationSettings: settings, preflight: preflightRepo } = ctx.stores;
  const budget = new SignalBudget({ ...conversationBudgetsOf(ctx.platforms), ...options.budgets }, options.random);
  // Only the process that publishes for this database checks posts and watches in the background.
  const isActive = () => ctx.stores.isOpen() && ctx.scheduler.running;

  /** A post for this account is publishing, or due within two minutes: its requests come first. */
  const publishingSoon = async (accountId: string, now: number, exceptPostId?: string) =>
    (await ctx.posts.list({ from: now - 15 * 60_000, to: now + 2 * 60_000, accountId })).some(
      (p) =>
        p.id !== exceptPostId &&
        p.targets.some(
          (t) =>
            t.accountId === accountId &&
            (t.status === 'publishing' ||
              ((t.status === 'scheduled' || t.status === 'retrying') && t.nextAttemptAt !== null && t.nextAttemptAt <= now + 2 * 60_000)),
        ),
    );

  const refresher = new SignalRefresher({
    accounts: ctx.accounts,
    posts: ctx.posts,
    secrets: ctx.secrets,
    mediaStore: ctx.mediaStore,
    clock: ctx.clock,
    platforms: ctx.platforms,
    cache,
    budget,
    watchlist,
    publishingSoon,
    onUpdated: (accountIds) => ctx.emit({ type: 'conversation.updated', accountIds }),
    onAlert: (alert) => ctx.emit({ type: 'conversation.alert', alert }),
  });

  const panel = new PanelBuilder({
    posts: ctx.posts,
    accounts: ctx.accounts,
    platforms: ctx.platforms,
    cache,
    refresher,
    watchlist,
    settings,
    preflight: preflightRepo,
    defaultTimeZone: () => ctx.setting('timeZone'),
    now: () => ctx.clock.now(),
  });

  const preflight = new PreflightService({
    posts: ctx.posts,
    accounts: ctx.accounts,
    platforms: ctx.platforms,
    repo: preflightRepo,
    settings,
    watchlist,
    cache,
    refresher,
    clock: ctx.clock,
    isActive,
    isOpen: () => ctx.stores.isOpen(),
    onPostsChanged: (postIds) => ctx.emit({ type: 'posts.changed', postIds }),
    onAlert: (alert) => ctx.emit({ type: 'conversation.alert', alert }),
  });

  const signalAccounts = async () =>
    (await ctx.accounts.list()).filter((a) => {
      const s = supportsOf(ctx.platforms.get(a.platform));
      return s.trends || s.search || s.mentions;
    });
  const allSignalAccounts = async () => (await signalAccounts()).map((a) => a.id);
  const runInBackground = (plan: RefreshPlan) => {
    refresher.refresh(plan).catch(() => {
      // Failures are recorded per account and shown in the panel; nothing to add here.
    });
  };

  let monitorTimer = ctx.clock.setTimer(FIRST_MONITOR_MS, function monitor() {
    if (!ctx.stores.isOpen()) return;
    if (isActive()) {
      allSignalAccounts().then(
        (accountIds) => runInBackground({ accountIds, terms: [] }),
        (e) => {
          // Retried on the next round; the database closing under it is expected.
          if (ctx.stores.isOpen()) logSurvived('the conversation monitor could not start a refresh', e);
        },
      );
    }
    monitorTimer = ctx.clock.setTimer(MONITOR_EVERY_MS, monitor);
  });
  preflight.start();

  async function planFor(sel: Selection): Promise<{ resolved: Awaited<ReturnType<PanelBuilder['resolve']>>; plan: RefreshPlan }> {
    const resolved = await panel.resolve(sel);
    const accountIds = (await panel.sourcesOf(resolved.selection)).map((a) => a.id);
    return { resolved, plan: { accountIds, terms: resolved.searchTerms.map((t) => t.term) } };
  }

  function validateCountries(countries: readonly string[] | undefined): void {
    for (const c of countries ?? []) {
      if (!isSupportedCountry(c)) throw fail('no_holiday_calendar', { country: c }, 'countries');
    }
  }

  return {
    cache,
    watchlist,
    settings,
    preflightRepo,
    refresher,
    preflight,

    /** Answers from the cache at once; starts a background refresh when the cached signals are old. */
    async forSelection(sel: Selection): Promise<ConversationPanel> {
      const { resolved, plan } = await planFor(sel);
      if (await refresher.isStale(plan, ctx.clock.now())) runInBackground(plan);
      return panel.build(resolved, refresher.busy);
    },

    async refresh(sel: Selection | undefined): Promise<SourceStatus[]> {
      const { resolved, plan } = sel
        ? await planFor(sel)
        : { resolved: null, plan: { accountIds: await allSignalAccounts(), terms: [] } satisfies RefreshPlan };
      await refresher.refresh({ ...plan, force: true, userAsked: true });
      const terms = plan.terms;
      const accounts = resolved ? await panel.sourcesOf(resolved.selection) : await signalAccounts();
      const statuses: SourceStatus[] = [];
      for (const a of accounts) statuses.push(await refresher.statusOf(a, terms));
      return statuses;
    },

    async decide(postId: string, decision: PreflightDecision): Promise<PostView> {
      const post = await ctx.posts.get(postId);
      if (!post) throw notFound('post');
      const answered = await preflightRepo.decide(postId, decision, ctx.clock.now(), ctx.actor);
      if (answered.length === 0) {
        throw fail('not_awaiting_preflight', {});
      }
      await watchlist.resolvePreflight(postId, ctx.clock.now());
      ctx.emit({ type: 'posts.changed', postIds: [postId] });
      if (decision === 'send') ctx.scheduler.wake();
      return (await ctx.posts.get(postId)) as PostView;
    },

    async setSkipped(postId: string, skip: boolean): Promise<PreflightState> {
      const post = await ctx.posts.get(postId);
      if (!post) throw notFound('post');
      await preflightRepo.setPostSkipped(postId, skip, ctx.clock.now());
      const s = await settings.get();
      const last = await preflightRepo.lastCheckOfPost(postId);
      return {
        enabled: s.preflightEnabled,
        minutes: s.preflightMinutes,
        skipped: skip || (post.targets.length > 0 && post.targets.every((t) => s.preflightSkipAccountIds.includes(t.accountId))),
        lastCheck: last ? { at: last.checkedAt, result: last.result, reason: last.reason, decision: last.decision } : null,
      };
    },

    async setSettings(change: Partial<ConversationSettings>): Promise<ConversationSettings> {
      validateCountries(change.countries);
      for (const id of change.preflightSkipAccountIds ?? []) {
        if (!(await ctx.accounts.get(id))) throw fail('skipped_account_gone', {});
      }
      const saved = await settings.set(change);
      preflight.wake();
      ctx.emit({ type: 'settings.changed' });
      return saved;
    },

    async observances(from: string, to: string, countries: readonly string[] | undefined): Promise<Observance[]> {
      if (!isRealDate(from)) throw fail('not_a_calendar_date', { date: from }, 'from');
      if (!isRealDate(to)) throw fail('not_a_calendar_date', { date: to }, 'to');
      const span = daysBetween(from, to);
      if (span < 0) throw fail('end_before_start', {}, 'to');
      if (span > MAX_RANGE_DAYS) throw fail('range_too_long', { days: MAX_RANGE_DAYS }, 'to');
      validateCountries(countries);
      return observancesBetween(from, to, countries ?? (await settings.get()).countries, await settings.userDays());
    },

    /** Stops the timers (the backend closing). */
    stop(): void {
      monitorTimer.cancel();
      preflight.stop();
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
