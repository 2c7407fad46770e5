// Builds the panel for a selection from the cache alone, so it answers at once and offline.

import type {
  ConversationPanel,
  ConversationSettings,
  MentionRow,
  NeighbourPost,
  PreflightState,
  ResolvedSelection,
  Section,
  Selection,
  SourceStatus,
  TermRow,
  TermVolume,
  TrendRow,
  WatchMatch,
} from '../../../shared/contract/conversation';
import {
  busierThanUsual,
  matchWatchTerms,
  mentionsTerm,
  perHour,
  sameTag,
  searchTermsOf,
  tagForm,
  termsOf,
  trendVerdict,
  type WatchTerm,
} from '../../../shared/conversation';
import type { PostView } from '../../../shared/domain';
import type { SignalPost, TrendItem } from '../../../shared/signals';
import { isValidTimeZone, resolveWallTime, wallTimeOf } from '../../../shared/time/wallTime';
import { fail, notFound } from '../errors';
import type { PlatformRegistry } from '../platforms/types';
import type { StoredAccount } from '../repos/accounts';
import type {
  AccountsStore,
  ConversationSettingsStore,
  PostsStore,
  PreflightStore,
  SignalCacheStore,
  WatchlistStore,
} from '../stores/types';
import { observancesOn } from './observances';
import { type SignalRefresher, supportsOf } from './refresher';

export const NEIGHBOUR_WINDOW_MINUTES = 120;
const HOUR = 3_600_000;
/** "Usual" is measured over the past week, leaving out the last hour, which overlaps "now". */
const BASELINE_MS = 7 * 24 * HOUR;
const HITS_PER_TERM = 5;
const MAX_MENTIONS = 30;

export interface PanelDeps {
  readonly posts: PostsStore;
  readonly accounts: AccountsStore;
  readonly platforms: PlatformRegistry;
  readonly cache: SignalCacheStore;
  readonly refresher: SignalRefresher;
  readonly watchlist: WatchlistStore;
  readonly settings: ConversationSettingsStore;
  readonly preflight: PreflightStore;
  readonly defaultTimeZone: () => string;
  readonly now: () => number;
}

/** The selection as the panel needs it, plus the text its terms came from and the search terms. */
export interface Resolved {
  readonly selection: ResolvedSelection;
  readonly searchTerms: readonly { term: string; kind: TermRow['kind'] }[];
}

const nextDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

const toMatch = (w: WatchTerm): WatchMatch => ({ termId: w.id, term: w.term, severity: w.severity });

function oldest(times: readonly (number | undefined)[]): number | null {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? Math.min(...known) : null;
}

function postText(post: PostView): string {
  return [post.text, ...post.parts].join('\n');
}

export class PanelBuilder {
  constructor(private readonly d: PanelDeps) {}

  async resolve(sel: Selection): Promise<Resolved> {
    if (sel.kind !== 'post' && sel.timeZone !== undefined && !isValidTimeZone(sel.timeZone)) {
      throw fail('time_zone_not_known', { timeZone: sel.timeZone }, 'timeZone');
    }
    const { brandNames } = await this.d.settings.get();
    const connected = (await this.d.accounts.list()).map((a) => a.id);
    const existing = new Set(connected);
    const known = (ids: readonly string[]) => ids.filter((id) => existing.has(id));
    let selection: ResolvedSelection;
    if (sel.kind === 'post') {
      const post = await this.d.posts.get(sel.postId);
      if (!post) throw notFound('post');
      const at = post.scheduledAt;
      selection = {
        kind: 'post',
        postId: post.id,
        at,
        date: wallTimeOf(at ?? this.d.now(), post.timeZone).date,
        timeZone: post.timeZone,
        accountIds: known(post.targets.filter((t) => t.status !== 'cancelled').map((t) => t.accountId)),
        terms: termsOf(postText(post), brandNames),
      };
    } else if (sel.kind === 'day') {
      const timeZone = sel.timeZone ?? this.d.defaultTimeZone();
      selection = { kind: 'day', postId: null, at: null, date: sel.date, timeZone, accountIds: connected, terms: termsOf('', brandNames) };
    } else {
      const timeZone = sel.timeZone ?? this.d.defaultTimeZone();
      selection = {
        kind: 'draft',
        postId: sel.postId ?? null,
        at: sel.scheduledAt,
        date: wallTimeOf(sel.scheduledAt ?? this.d.now(), timeZone).date,
        timeZone,
        accountIds: sel.accountIds.length ? known(sel.accountIds) : connected,
        terms: termsOf(sel.text, brandNames),
      };
    }
    return { selection, searchTerms: searchTermsOf(selection.terms) };
  }

  /** Accounts of the selection that give any signal at all. */
  async sourcesOf(selection: ResolvedSelection): Promise<StoredAccount[]> {
    const accounts: (StoredAccount | null)[] = [];
    for (const id of selection.accountIds) accounts.push(await this.d.accounts.get(id));
    return accounts.filter((a): a is StoredAccount => {
      if (!a) return false;
      const s = supportsOf(this.d.platforms.get(a.platform));
      return s.trends || s.search || s.mentions;
    });
  }

  async build(r: Resolved, refreshing: boolean): Promise<ConversationPanel> {
    const { selection } = r;
    const sources = await this.sourcesOf(selection);
    const watch = await this.d.watchlist.list();
    const settings = await this.d.settings.get();
    const terms = r.searchTerms.map((t) => t.term);
    const statuses: SourceStatus[] = [];
    for (const a of sources) statuses.push(await this.d.refresher.statusOf(a, terms));
    const post = selection.postId ? await this.d.posts.get(selection.postId) : null;
    const neighbours = await this.#neighbours(selection);
    return {
      selection,
      sources: statuses,
      trending: await this.#trending(sources, selection, watch),
      words: await this.#words(sources, r, watch),
      mentions: await this.#mentions(sources, watch),
      date: { date: selection.date, observances: observancesOn(selection.date, settings.countries, await this.d.settings.userDays()) },
      neighbours,
      alerts: await this.d.watchlist.active(),
      watchlist: watch,
      preflight: selection.kind === 'post' && post ? await this.#preflight(post, settings) : null,
      refreshing,
      generatedAt: this.d.now(),
    };
  }

  async #preflight(post: PostView, settings: ConversationSettings): Promise<PreflightState> {
    const c = await this.d.preflight.lastCheckOfPost(post.id);
    return {
      enabled: settings.preflightEnabled,
      minutes: settings.preflightMinutes,
      skipped:
        (await this.d.preflight.isPostSkipped(post.id)) ||
        (post.targets.length > 0 && post.targets.every((t) => settings.preflightSkipAccountIds.includes(t.accountId))),
      lastCheck: c ? { at: c.checkedAt, result: c.result, reason: c.reason, decision: c.decision } : null,
    };
  }

  async #trending(
    sources: readonly StoredAccount[],
    selection: ResolvedSelection,
    watch: readonly WatchTerm[],
  ): Promise<Section<TrendRow>> {
    const mine = [...selection.terms.hashtags, ...selection.terms.keywords, ...selection.terms.brandNames];
    const rows: TrendRow[] = [];
    const times: (number | undefined)[] = [];
    for (const a of sources) {
      if (!supportsOf(this.d.platforms.get(a.platform)).trends) continue;
      const cached = await this.d.cache.trends(a.id);
      times.push(cached?.fetchedAt);
      for (const item of cached?.items ?? []) {
        rows.push({
          ...item,
          verdict: trendVerdict(item.history),
          watch: watch.filter((w) => sameTag(item.name, w.term) || mentionsTerm(item.name, w.term)).map(toMatch),
          matchesSelection: mine.some((t) => sameTag(item.name, t) || mentionsTerm(item.name, t)),
        });
      }
    }
    // What concerns this post first, then what the watchlist flags, then the networks' own order.
    const rank = (t: TrendRow) => (t.matchesSelection ? 0 : t.watch.length ? 1 : 2);
    const items = rows.map((row, i) => ({ row, i })).sort((a, b) => rank(a.row) - rank(b.row) || a.i - b.i);
    return { fetchedAt: oldest(times), items: items.map((x) => x.row) };
  }

  async #words(sources: readonly StoredAccount[], r: Resolved, watch: readonly WatchTerm[]): Promise<Section<TermRow>> {
    const searchers = sources.filter((a) => supportsOf(this.d.platforms.get(a.platform)).search);
    const times: (number | undefined)[] = [];
    // Each account's trends are read once for every term.
    const trends = new Map<string, readonly TrendItem[]>();
    if (r.searchTerms.length > 0) for (const a of sources) trends.set(a.id, (await this.d.cache.trends(a.id))?.items ?? []);
    const rows: TermRow[] = [];
    for (const { term, kind } of r.searchTerms) {
      const hits: SignalPost[] = [];
      const volumes: TermVolume[] = [];
      const fetched: number[] = [];
      for (const a of searchers) {
        const cached = await this.d.cache.search(a.id, term);
        times.push(cached?.fetchedAt);
        if (!cached) continue;
        fetched.push(cached.fetchedAt);
        hits.push(...cached.items);
        const current = perHour(
          cached.items.map((p) => p.createdAt),
          cached.fetchedAt,
        );
        const earlier = await this.d.cache.volumes(a.id, term, cached.fetchedAt - BASELINE_MS, cached.fetchedAt - HOUR);
        volumes.push({ accountId: a.id, platform: a.platform, fetchedAt: cached.fetchedAt, verdict: busierThanUsual(current, earlier) });
      }
      const trendBusy = sources.some((a) =>
        (trends.get(a.id) ?? []).some((t) => sameTag(t.name, term) && trendVerdict(t.history)?.busier === true),
      );
      const own = tagForm(term);
      const near = new Map<string, WatchMatch>();
      for (const h of hits) for (const w of matchWatchTerms(h.text, watch)) if (tagForm(w.term) !== own) near.set(w.id, toMatch(w));
      rows.push({
        term,
        kind,
        hits: hits.sort((a, b) => b.createdAt - a.createdAt).slice(0, HITS_PER_TERM),
        volumes,
        busier: trendBusy || volumes.some((v) => v.verdict.busier),
        watch: watch.filter((w) => sameTag(term, w.term) || mentionsTerm(term, w.term)).map(toMatch),
        nearWatch: [...near.values()],
        fetchedAt: fetched.length ? Math.min(...fetched) : null,
      });
    }
    return { fetchedAt: oldest(times), items: rows };
  }

  async #mentions(sources: readonly StoredAccount[], watch: readonly WatchTerm[]): Promise<Section<MentionRow> & { unanswered: number }> {
    const items: MentionRow[] = [];
    const times: (number | undefined)[] = [];
    for (const a of sources) {
      if (!supportsOf(this.d.platforms.get(a.platform)).mentions) continue;
      const cached = await this.d.cache.mentions(a.id);
      times.push(cached?.fetchedAt);
      for (const m of cached?.items ?? []) items.push({ ...m, watch: matchWatchTerms(m.text, watch).map(toMatch) });
    }
    items.sort((a, b) => b.createdAt - a.createdAt);
    const shown = items.slice(0, MAX_MENTIONS);
    return { fetchedAt: oldest(times), items: shown, unanswered: shown.filter((m) => m.answered === false).length };
  }

  async #neighbours(selection: ResolvedSelection): Promise<ConversationPanel['neighbours']> {
    let from: number;
    let to: number;
    let windowMinutes: number | null = NEIGHBOUR_WINDOW_MINUTES;
    if (selection.at !== null) {
      from = selection.at - NEIGHBOUR_WINDOW_MINUTES * 60_000;
      to = selection.at + NEIGHBOUR_WINDOW_MINUTES * 60_000 + 1;
    } else if (selection.kind === 'day') {
      const start = resolveWallTime({ date: selection.date, time: '00:00', timeZone: selection.timeZone });
      const end = resolveWallTime({ date: nextDate(selection.date), time: '00:00', timeZone: selection.timeZone });
      if (start.kind === 'invalid' || end.kind === 'invalid') throw fail('day_or_zone_invalid', {});
      from = start.instant;
      to = end.instant;
      windowMinutes = null;
    } else {
      return { windowMinutes, items: [] };
    }
    const mine = new Set(selection.accountIds);
    const centre = selection.at;
    const items: NeighbourPost[] = (await this.d.posts.list({ from, to }))
      .filter((p) => p.id !== selection.postId && p.scheduledAt !== null && p.status !== 'cancelled' && p.status !== 'draft')
      .map((p) => {
        const accountIds = p.targets.filter((t) => t.status !== 'cancelled').map((t) => t.accountId);
        const at = p.scheduledAt as number;
        return {
          postId: p.id,
          excerpt: p.text.length > 120 ? `${p.text.slice(0, 119)}…` : p.text,
          scheduledAt: at,
          status: p.status,
          accountIds,
          sharedAccountIds: selection.kind === 'day' ? [] : accountIds.filter((id) => mine.has(id)),
          minutesApart: centre === null ? 0 : Math.round((at - centre) / 60_000),
        };
      });
    return { windowMinutes, items };
  }
}
