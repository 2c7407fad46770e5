// One plain line per publish outcome for logs and terminals, and the sentence `run --once` ends with.

import type { SchedulerOutcomeEvent, SchedulerOutcomeKind } from '../repos/events';

/** The words a log line uses for each outcome ("scheduled" by the scheduler means it waits for the account). */
const OUTCOME_WORD: Readonly<Record<SchedulerOutcomeKind, string>> = {
  published: 'published',
  retrying: 'retrying',
  failed: 'failed',
  unconfirmed: 'unconfirmed',
  scheduled: 'waiting-for-login',
  held: 'held',
  missed: 'missed',
};

/** Control, C1 and bidi-override characters: a name from a server must not rewrite the terminal or the log. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function safeText(text: string): string {
  let out = '';
  for (const ch of text.replace(BIDI_CONTROLS, ' ')) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? ' ' : ch;
  }
  return out;
}

/**
 * Credentials that could ride along in a server's error text: a Discord webhook's token, bearer tokens, token or
 * password query parameters. They are cut out before anything is written.
 */
export function withoutSecrets(text: string): string {
  return text
    .replace(/(\/api\/webhooks\/\d+\/)[\w.-]+/gi, '$1…')
    .replace(/(bearer\s+)[\w.~+/=-]+/gi, '$1…')
    .replace(/([?&](?:access_token|token|password|app_password|key)=)[^&\s"]+/gi, '$1…');
}

const quoted = (text: string) => JSON.stringify(safeText(withoutSecrets(text)));

export function outcomeLine(e: SchedulerOutcomeEvent): string {
  const account = e.accountName === null ? `account=${e.accountId}` : `account=${quoted(e.accountName)}`;
  const what = e.detail === null ? '' : e.kind === 'published' ? ` ${safeText(withoutSecrets(e.detail))}` : ` reason=${quoted(e.detail)}`;
  return `${new Date(e.at).toISOString()} ${OUTCOME_WORD[e.kind]} post=${e.postId} ${account}${what}`;
}

/** How many targets ended each way, in a fixed order. */
export type OutcomeCounts = Readonly<Record<SchedulerOutcomeKind, number>>;

export function countOutcomes(events: readonly SchedulerOutcomeEvent[]): OutcomeCounts {
  const counts: Record<SchedulerOutcomeKind, number> = {
    published: 0,
    scheduled: 0,
    retrying: 0,
    failed: 0,
    unconfirmed: 0,
    held: 0,
    missed: 0,
  };
  // A target that went through several states in one pass counts once, by where it ended.
  const last = new Map<string, SchedulerOutcomeKind>();
  for (const e of events) last.set(e.targetId, e.kind);
  for (const kind of last.values()) counts[kind]++;
  return counts;
}

const SUMMARY_WORDS: readonly [SchedulerOutcomeKind, string][] = [
  ['published', 'published'],
  ['scheduled', 'waiting for the account to log in again'],
  ['retrying', 'retrying later'],
  ['failed', 'failed'],
  ['unconfirmed', 'unconfirmed (check the account, then decide)'],
  ['held', 'held'],
  ['missed', 'missed (past the grace window)'],
];

/** "2 published, 1 waiting for the account to log in again." or "Nothing was due." */
export function outcomeSummary(counts: OutcomeCounts): string {
  const parts = SUMMARY_WORDS.filter(([k]) => counts[k] > 0).map(([k, words]) => `${counts[k]} ${words}`);
  return parts.length ? `${parts.join(', ')}.` : 'Nothing was due.';
}
