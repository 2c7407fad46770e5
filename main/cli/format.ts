// How the CLI prints posts, accounts and times for people (and as JSON for scripts).

import type { AccountWithRule } from '../../shared/contract';
import type { HistoryEntry, PostView } from '../../shared/domain';
import { wallTimeOf } from '../../shared/time/wallTime';
import { terminalSafeInline } from './terminalText';

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function humanTime(ms: number | null, timeZone: string): string {
  if (ms === null) return 'unscheduled';
  const w = wallTimeOf(ms, timeZone);
  return `${w.date} ${w.time} ${timeZone} (${new Date(ms).toISOString().replace(/:00\.000Z$/, 'Z')})`;
}

export function postJson(p: PostView) {
  return {
    ...p,
    scheduledAt: iso(p.scheduledAt),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    targets: p.targets.map((t) => ({ ...t, nextAttemptAt: iso(t.nextAttemptAt), publishedAt: iso(t.publishedAt) })),
  };
}

export function historyJson(h: readonly HistoryEntry[]) {
  return h.map((e) => ({ ...e, at: iso(e.at) }));
}

const excerpt = (text: string, n = 60) => {
  const one = terminalSafeInline(text).replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** An account's name as one line can show it: names come from users and servers. */
function nameOf(accounts: ReadonlyMap<string, AccountWithRule>, accountId: string): string {
  return terminalSafeInline(accounts.get(accountId)?.name ?? accountId);
}

export function postLine(p: PostView, accounts: ReadonlyMap<string, AccountWithRule>): string {
  const to = p.targets.map((t) => nameOf(accounts, t.accountId)).join(', ') || '(no accounts)';
  return `${p.id}  ${p.status.padEnd(11)}  ${humanTime(p.scheduledAt, p.timeZone)}  → ${to}  "${excerpt(p.text)}"`;
}

export function postDetail(p: PostView, history: readonly HistoryEntry[], accounts: ReadonlyMap<string, AccountWithRule>): string {
  const lines = [
    `Post ${p.id}`,
    `  Status:    ${p.status}`,
    `  When:      ${humanTime(p.scheduledAt, p.timeZone)}`,
    `  Labels:    ${terminalSafeInline(p.labels.join(', ')) || '-'}`,
    '  Text:',
    ...p.text.split('\n').map((l) => `    ${l}`),
    '  Targets:',
  ];
  for (const t of p.targets) {
    const error = t.lastError ? `  (${terminalSafeInline(t.lastError)})` : '';
    lines.push(`    ${nameOf(accounts, t.accountId)}: ${t.status}${t.remoteUrl ? `  ${terminalSafeInline(t.remoteUrl)}` : ''}${error}`);
  }
  lines.push('  History:');
  for (const h of history) {
    const who = h.accountId ? ` [${nameOf(accounts, h.accountId)}]` : '';
    lines.push(
      `    ${new Date(h.at).toISOString()}  ${h.actor.padEnd(9)} ${h.kind}${who}${h.detail ? `: ${terminalSafeInline(h.detail)}` : ''}`,
    );
  }
  return lines.join('\n');
}

export function accountLine(a: AccountWithRule): string {
  const reason = a.statusReason ? `: ${terminalSafeInline(a.statusReason)}` : '';
  // A login this process cannot open is not an expiry: another kind of Kairos process may publish the account.
  const status =
    a.status !== 'connected'
      ? `${a.status.replace('_', ' ')}${reason}`
      : a.unreadableHere
        ? `connected, but its login cannot be opened here: ${terminalSafeInline(a.unreadableHere)}`
        : 'connected';
  const elsewhere = a.unreadableElsewhere ? `\n    Note: ${terminalSafeInline(a.unreadableElsewhere)}` : '';
  return `${a.id}  ${a.platform.padEnd(8)}  ${terminalSafeInline(a.name)}  (${terminalSafeInline(a.handle)})  ${status}${elsewhere}`;
}
