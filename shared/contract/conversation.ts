// Channels for the "current conversation" panel, the watchlist, the pre-flight check and the calendar's observances.

import { z } from 'zod';
import type { BusierVerdict, PostTerms, TermKind, WatchSeverity, WatchTerm } from '../conversation';
import { WATCH_SEVERITIES } from '../conversation';
import type { PlatformId, PostStatus, PostView } from '../domain';
import type { SignalPost, TrendItem } from '../signals';
import { Id } from './common';
import type { Problem } from './problems';

const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.');
const Zone = z.string().min(1).max(100);
const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'Use a two-letter country code such as US, GB or DE.')
  .transform((c) => c.toUpperCase());

/** What the panel follows: a post, a day on the calendar, or the draft being written. */
export const SelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('post'), postId: Id }),
  z.object({ kind: z.literal('day'), date: DateString, timeZone: Zone.optional() }),
  z.object({
    kind: z.literal('draft'),
    text: z.string().max(100_000),
    accountIds: z.array(Id).max(50),
    scheduledAt: z.number().int().nullable(),
    timeZone: Zone.optional(),
    /** The post being edited, so it is not its own neighbour. */
    postId: Id.optional(),
  }),
]);
export type Selection = z.infer<typeof SelectionSchema>;

export const PREFLIGHT_DECISIONS = ['send', 'hold', 'edit'] as const;
export type PreflightDecision = (typeof PREFLIGHT_DECISIONS)[number];

const Term = z.string().trim().min(1, 'Type a word or phrase to watch.').max(100);
export const AwarenessRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  z.object({ kind: z.literal('month'), month: z.number().int().min(1).max(12) }),
  z.object({
    kind: z.literal('nthWeekday'),
    month: z.number().int().min(1).max(12),
    /** 0 = Sunday … 6 = Saturday. */
    weekday: z.number().int().min(0).max(6),
    /** 1 … 4, or -1 for the last one in the month. */
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
  }),
]);
export type AwarenessRule = z.infer<typeof AwarenessRuleSchema>;

export const ConversationSettingsSchema = z.object({
  /** Countries whose public holidays show in the panel and on the calendar. */
  countries: z.array(CountryCode).max(20),
  /** The brand's names (and handles) to look for everywhere. */
  brandNames: z.array(z.string().trim().min(1).max(100)).max(20),
  preflightEnabled: z.boolean(),
  /** How many minutes before a post goes out the pre-flight check runs. */
  preflightMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** Accounts whose posts skip the pre-flight check. */
  preflightSkipAccountIds: z.array(Id).max(200),
});
export type ConversationSettings = z.infer<typeof ConversationSettingsSchema>;

export const conversationRequests = {
  /** Everything the panel shows for a selection, from the cache; a refresh starts in the background when it is old. */
  'conversation.forSelection': SelectionSchema,
  /** Fetches fresh signals now (within each network's budget) and answers when done. */
  'conversation.refresh': z.object({ selection: SelectionSchema.optional() }),
  'conversation.alerts': z.object({}).optional(),
  'conversation.dismissAlert': z.object({ id: Id }),
  /** The user's answer to a post held by the pre-flight check. */
  'conversation.preflightDecide': z.object({ postId: Id, decision: z.enum(PREFLIGHT_DECISIONS) }),
  /** Turns the pre-flight check off (or back on) for one post. */
  'conversation.preflightSkip': z.object({ postId: Id, skip: z.boolean() }),
  'conversation.settings.get': z.object({}).optional(),
  'conversation.settings.set': ConversationSettingsSchema.partial(),
  /** Countries the holiday calendar knows, for the settings picker. */
  'conversation.countries': z.object({}).optional(),
  'conversation.awareness.list': z.object({}).optional(),
  'conversation.awareness.add': z.object({
    name: z.string().trim().min(1, 'Give the day a name.').max(120),
    rule: AwarenessRuleSchema,
    url: z.url('Use a full link starting with https://.').max(500).optional(),
  }),
  'conversation.awareness.remove': z.object({ id: Id }),
  'watchlist.list': z.object({}).optional(),
  'watchlist.add': z.object({ term: Term, severity: z.enum(WATCH_SEVERITIES) }),
  'watchlist.remove': z.object({ id: Id }),
  /** Holidays and awareness days between two dates (inclusive), for the calendar. */
  'calendar.observances': z.object({
    from: DateString,
    to: DateString,
    /** Defaults to the countries in the conversation settings. */
    countries: z.array(CountryCode).max(20).optional(),
  }),
} as const;

/** One connected account as a source of signals: what it can give and how fresh its data is. */
export interface SourceStatus {
  readonly accountId: string;
  readonly platform: PlatformId;
  readonly label: string;
  readonly supports: { readonly trends: boolean; readonly search: boolean; readonly mentions: boolean };
  /** When its cached signals were fetched (the oldest of them); null when never. */
  readonly fetchedAt: number | null;
  /** Why the last refresh failed, in words; null when it worked. */
  readonly error: string | null;
  /** The same, from the catalog, for pages to word. */
  readonly errorProblem: Problem | null;
  /** The earliest time Kairos will ask this network again (after an error or while saving its budget). */
  readonly waitUntil: number | null;
}

export interface WatchMatch {
  readonly termId: string;
  readonly term: string;
  readonly severity: WatchSeverity;
}

export interface TrendRow extends TrendItem {
  readonly verdict: BusierVerdict | null;
  readonly watch: readonly WatchMatch[];
  /** One of the selection's hashtags or keywords. */
  readonly matchesSelection: boolean;
}

export interface TermVolume {
  readonly accountId: string;
  readonly platform: PlatformId;
  readonly fetchedAt: number;
  readonly verdict: BusierVerdict;
}

export interface TermRow {
  readonly term: string;
  readonly kind: TermKind;
  /** The most recent public posts using it, across networks, newest first. */
  readonly hits: readonly SignalPost[];
  readonly volumes: readonly TermVolume[];
  /** Suddenly much busier than normal on at least one network. */
  readonly busier: boolean;
  /** The term itself is on the watchlist (the pre-flight check may hold a post using it). */
  readonly watch: readonly WatchMatch[];
  /** Watch terms that appear in the posts using it. */
  readonly nearWatch: readonly WatchMatch[];
  /** Null when it was never searched. */
  readonly fetchedAt: number | null;
}

export interface MentionRow extends SignalPost {
  readonly watch: readonly WatchMatch[];
}

export interface Observance {
  /** YYYY-MM-DD, a calendar date without a zone. */
  readonly date: string;
  /** The last day, for observances that span days (a whole month); null for a single day. */
  readonly until: string | null;
  readonly name: string;
  readonly kind: 'holiday' | 'awareness';
  /** The country it belongs to; null for worldwide days. */
  readonly country: string | null;
  /** For holidays: public, bank, observance… */
  readonly holidayType: string | null;
  readonly url: string | null;
  /** Set for days the user added, so they can be removed. */
  readonly userDayId: string | null;
}

export interface UserAwarenessDay {
  readonly id: string;
  readonly name: string;
  readonly rule: AwarenessRule;
  readonly url: string | null;
  readonly createdAt: number;
}

export interface NeighbourPost {
  readonly postId: string;
  readonly excerpt: string;
  readonly scheduledAt: number;
  readonly status: PostStatus;
  readonly accountIds: readonly string[];
  /** Accounts this post shares with the selection: the ones where they would collide. */
  readonly sharedAccountIds: readonly string[];
  /** Signed: negative before the selection, positive after. */
  readonly minutesApart: number;
}

export interface ConversationAlert {
  readonly id: string;
  /** A watch term seen in the conversation, or a post held by the pre-flight check. */
  readonly kind: 'watch' | 'preflight';
  readonly term: string;
  readonly severity: WatchSeverity;
  readonly source: 'trend' | 'mention' | 'search' | 'hashtag';
  readonly platform: PlatformId | null;
  readonly accountId: string | null;
  readonly postId: string | null;
  /** What matched, in words: a trend's name, a post's text, or why a post was held. */
  readonly text: string;
  readonly url: string | null;
  readonly createdAt: number;
}

export interface PreflightState {
  readonly enabled: boolean;
  /** How long before publishing the check runs. */
  readonly minutes: number;
  /** This post is excluded by the user (itself or all its accounts). */
  readonly skipped: boolean;
  readonly lastCheck: {
    readonly at: number;
    readonly result: 'clear' | 'held' | 'skipped';
    readonly reason: string;
    readonly decision: PreflightDecision | null;
  } | null;
}

export interface Section<T> {
  /** When the data shown was fetched: the oldest fetch among the sources it comes from; null when never. */
  readonly fetchedAt: number | null;
  readonly items: readonly T[];
}

export interface ResolvedSelection {
  readonly kind: Selection['kind'];
  readonly postId: string | null;
  /** When the post goes (or would go) out; null for a day or an unscheduled draft. */
  readonly at: number | null;
  readonly date: string;
  readonly timeZone: string;
  readonly accountIds: readonly string[];
  readonly terms: PostTerms;
}

export interface ConversationPanel {
  readonly selection: ResolvedSelection;
  readonly sources: readonly SourceStatus[];
  readonly trending: Section<TrendRow>;
  readonly words: Section<TermRow>;
  readonly mentions: Section<MentionRow> & { readonly unanswered: number };
  readonly date: { readonly date: string; readonly observances: readonly Observance[] };
  /** Own posts within `windowMinutes` either side (for a day: all of that day's posts). */
  readonly neighbours: { readonly windowMinutes: number | null; readonly items: readonly NeighbourPost[] };
  readonly alerts: readonly ConversationAlert[];
  readonly watchlist: readonly WatchTerm[];
  readonly preflight: PreflightState | null;
  /** A refresh is running; a `conversation.updated` event follows when it ends. */
  readonly refreshing: boolean;
  readonly generatedAt: number;
}

export interface CountryOption {
  readonly code: string;
  readonly name: string;
}

export interface ConversationResponses {
  'conversation.forSelection': ConversationPanel;
  'conversation.refresh': { readonly sources: readonly SourceStatus[] };
  'conversation.alerts': readonly ConversationAlert[];
  'conversation.dismissAlert': { readonly id: string };
  'conversation.preflightDecide': PostView;
  'conversation.preflightSkip': PreflightState;
  'conversation.settings.get': ConversationSettings;
  'conversation.settings.set': ConversationSettings;
  'conversation.countries': readonly CountryOption[];
  'conversation.awareness.list': readonly UserAwarenessDay[];
  'conversation.awareness.add': UserAwarenessDay;
  'conversation.awareness.remove': { readonly id: string };
  'watchlist.list': readonly WatchTerm[];
  'watchlist.add': WatchTerm;
  'watchlist.remove': { readonly id: string };
  'calendar.observances': readonly Observance[];
}
