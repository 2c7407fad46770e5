// English strings of the conversation panel and its settings; merged into the one English dictionary in en.ts.

import type { ConversationAlert, Observance, PreflightDecision, SourceStatus } from '../../../shared/contract/conversation';
import type { TermKind, WatchSeverity } from '../../../shared/conversation';
import type { PlatformId } from '../../../shared/domain';

const ordinals = ['first', 'second', 'third', 'fourth', 'fifth'] as const;

export const conversationEn = {
  conversation: {
    title: 'Current conversation',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    asOf: (time: string) => `as of ${time}`,
    neverFetched: 'not fetched yet',
    loading: 'Reading the room…',
    noSelection: 'Select a post or a day, or start writing, to see what people are talking about.',
    forPost: 'For the selected post',
    forDay: (day: string) => `For ${day}`,
    forDraft: 'For the post you are writing',
    noSources: 'None of the chosen accounts share trends, searches or mentions. Connect Mastodon or Bluesky to see the conversation.',
    sourceTrouble: (label: string, error: string) => `${label}: ${error}`,
    sourceWaiting: (time: string) => `Kairos will ask again after ${time}.`,
    sources: (list: readonly SourceStatus[]) => list.map((s) => s.label).join(', '),

    alerts: 'Alerts',
    dismiss: 'Dismiss',
    pauseAll: 'Pause all publishing',
    /** The reason stored with the pause and shown in every banner and in the CLI. */
    pauseReason: (term: string) => `High-severity watchlist alert for “${term}”`,
    pausedToast: (term: string) => `Publishing is paused because of the alert for “${term}”. Resume it from the banner when it is safe.`,
    alertSource: (a: ConversationAlert) =>
      a.kind === 'preflight'
        ? 'Pre-flight check'
        : { trend: 'Trending', mention: 'Mention', search: 'Search', hashtag: 'Hashtag' }[a.source],
    severity: { low: 'Low', medium: 'Medium', high: 'High' } satisfies Record<WatchSeverity, string>,

    preflight: 'Pre-flight check',
    preflightHeld: 'Held before publishing',
    preflightAsk: 'This post was held because the conversation changed. It will not go out until you decide.',
    decisions: { send: 'Send anyway', hold: 'Hold', edit: 'Edit' } satisfies Record<PreflightDecision, string>,
    preflightClear: 'The last check found nothing of concern.',
    preflightSkipped: 'Skipped for this post.',
    preflightOff: 'The pre-flight check is off in Settings.',
    preflightNotYet: (minutes: number) =>
      `Kairos checks the conversation ${minutes === 1 ? '1 minute' : `${minutes} minutes`} before this post goes out, when the watchlist has terms.`,
    skipForPost: 'Skip the pre-flight check for this post',

    trending: 'Trending now',
    noTrends: 'No trends from these networks yet.',
    matchesPost: 'your topic',
    platform: {
      mastodon: 'Mastodon',
      bluesky: 'Bluesky',
      discord: 'Discord',
      telegram: 'Telegram',
      nostr: 'Nostr',
      linkedin: 'LinkedIn',
      x: 'X',
    } satisfies Record<PlatformId, string>,
    busier: 'suddenly busier',
    busierHint: (ratio: number) => `About ${ratio.toFixed(ratio < 10 ? 1 : 0)}× its usual level`,
    sparkline: (values: readonly number[]) => `Recent daily use: ${values.join(', ')}`,

    words: 'Your words right now',
    noWords: 'Add hashtags or your brand names (Settings) to follow how people use them.',
    termKind: { hashtag: 'hashtag', keyword: 'keyword', brand: 'brand' } satisfies Record<TermKind, string>,
    perHour: (n: number) => `${n} an hour`,
    usual: (n: number | null) => (n === null ? 'usual level still being learned' : `usually ${Math.round(n * 10) / 10} an hour`),
    nearWatch: 'Appears next to',
    noHits: 'No recent posts found.',

    mentions: 'Mentions',
    unanswered: (n: number) => (n === 1 ? '1 unanswered' : `${n} unanswered`),
    noMentions: 'No recent mentions.',
    unansweredTag: 'unanswered',
    openOnNetwork: 'Open on the network',

    date: 'The date',
    noObservances: 'Nothing marked on this date for your countries.',
    observanceKind: (o: Observance) => (o.kind === 'holiday' ? `Holiday${o.country ? ` (${o.country})` : ''}` : 'Awareness'),

    neighbours: 'Neighbours',
    neighboursWindow: (minutes: number) => `Your posts within ${minutes / 60} hours either side.`,
    neighboursDay: 'Your posts on this day.',
    noNeighbours: 'No other posts nearby.',
    minutesApart: (m: number) => (m === 0 ? 'same time' : m < 0 ? `${-m} min before` : `${m} min after`),
    sameAccount: 'same account',

    watchlist: 'Watchlist',
    watchHint: 'Crisis words, your brand, competitors. A match raises an alert; high severity offers to pause publishing.',
    watchTerm: 'Word or phrase',
    watchSeverity: 'Severity',
    addWatch: 'Watch',
    removeWatch: (term: string) => `Stop watching "${term}"`,
    noWatch: 'Nothing on the watchlist yet.',

    settings: {
      title: 'Conversation and pre-flight',
      countries: 'Holiday calendars',
      countriesHint: 'Public holidays of these countries show in the panel and on the calendar.',
      addCountry: 'Add country',
      removeCountry: (name: string) => `Remove ${name}`,
      brandNames: 'Brand names',
      brandHint: 'Separate names with commas. Kairos follows them on every network, in every post.',
      preflight: 'Check each post before it goes out',
      preflightHint:
        'Refreshes the conversation and holds the post if a watch term is trending or one of its hashtags is on the watchlist.',
      minutes: 'Minutes before publishing',
      save: 'Save',
      saved: 'Saved.',
      days: 'Your awareness days',
      dayName: 'Name',
      dayDate: 'Date (month and day)',
      addDay: 'Add day',
      removeDay: (name: string) => `Remove ${name}`,
      noDays: 'None yet. Worldwide days such as International Women’s Day are already included.',
      badDate: 'Pick a month and a day, for example 06-19.',
      /** How a user's awareness day repeats; month and weekday names come from the language's own calendar. */
      ruleFixed: (day: number, month: string) => `${month} ${day}`,
      ruleMonth: (month: string) => `all of ${month}`,
      ruleNth: (nth: number, weekday: string, month: string) =>
        `${nth === -1 ? 'last' : (ordinals[nth - 1] ?? `${nth}th`)} ${weekday} of ${month}`,
    },
  },
};
