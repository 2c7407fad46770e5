// How the CLI prints posts, accounts and times for people (and as JSON for scripts).

import type { AccountWithRule } from '../../shared/contract';
import type { HistoryEntry, PostView } from '../../shared/domain';
import { wallTimeOf } from '../../shared/time/wallTime';

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
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

export function postLine(p: PostView, accounts: ReadonlyMap<string, AccountWithRule>): string {
  const to = p.targets.map((t) => accounts.get(t.accountId)?.name ?? t.accountId).join(', ') || '(no accounts)';
  return `${p.id}  ${p.status.padEnd(11)}  ${humanTime(p.scheduledAt, p.timeZone)}  → ${to}  "${excerpt(p.text)}"`;
}

export function postDetail(p: PostView, history: readonly HistoryEntry[], accounts: ReadonlyMap<string, AccountWithRule>): string {
  const lines = [
    `Post ${p.id}`,
    `  Status:    ${p.status}`,
    `  When:      ${humanTime(p.scheduledAt, p.timeZone)}`,
    `  Labels:    ${p.labels.join(', ') || '-'}`,
    '  Text:',
    ...p.text.split('\n').map((l) => `    ${l}`),
    '  Targets:',
  ];
  for (const t of p.targets) {
    const name = accounts.get(t.accountId)?.name ?? t.accountId;
    lines.push(`    ${name}: ${t.status}${t.remoteUrl ? `  ${t.remoteUrl}` : ''}${t.lastError ? `  (${t.lastError})` : ''}`);
  }
  lines.push('  History:');
  for (const h of history) {
    const who = h.accountId ? ` [${accounts.get(h.accountId)?.name ?? h.accountId}]` : '';
    lines.push(`    ${new Date(h.at).toISOString()}  ${h.actor.padEnd(9)} ${h.kind}${who}${h.detail ? `: ${h.detail}` : ''}`);
  }
  return lines.join('\n');
}

export function accountLine(a: AccountWithRule): string {
  const status = a.status === 'connected' ? 'connected' : `${a.status.replace('_', ' ')}${a.statusReason ? `: ${a.statusReason}` : ''}`;
  return `${a.id}  ${a.platform.padEnd(8)}  ${a.name}  (${a.handle})  ${status}`;
}
