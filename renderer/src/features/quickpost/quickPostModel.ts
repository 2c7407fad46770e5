// Quick post's pure rules: which accounts start selected, which keys send or close, and what a saved post says.

import type { AccountWithRule } from '../../../../shared/contract';
import type { NextSlot } from '../../../../shared/contract/queue';
import type { PostView } from '../../../../shared/domain';

/** The last choice, minus accounts removed since; a lone account is picked for you. */
export function initialSelection(last: readonly string[], accounts: readonly AccountWithRule[]): string[] {
  const known = new Set(accounts.map((a) => a.id));
  const kept = last.filter((id) => known.has(id));
  if (kept.length > 0) return kept;
  return accounts.length === 1 ? [accounts[0]?.id ?? ''] : [];
}

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

export type KeyIntent = 'send' | 'close' | null;

/** Cmd+Enter on macOS and Ctrl+Enter elsewhere send; Esc closes. Plain Enter is a new line. */
export function keyIntent(e: KeyLike, mac: boolean): KeyIntent {
  if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) return 'close';
  if (e.key === 'Enter' && !e.altKey && !e.shiftKey && (mac ? e.metaKey : e.ctrlKey)) return 'send';
  return null;
}

export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** What keeps the post from being saved, in words, or null. A draft may have no account yet. */
export function blockingProblem(
  text: string,
  hasImage: boolean,
  accountIds: readonly string[],
  action: 'now' | 'queue' | 'draft',
  words: { readonly empty: string; readonly pickAccount: string },
): string | null {
  if (text.trim() === '' && !hasImage) return words.empty;
  if (action !== 'draft' && accountIds.length === 0) return words.pickAccount;
  return null;
}

export interface PublishedLink {
  readonly accountId: string;
  readonly url: string;
}

/** Links to the published copies of a post, one per account that has one. */
export function publishedLinks(post: PostView): PublishedLink[] {
  return post.targets.flatMap((t) => (t.status === 'published' && t.remoteUrl ? [{ accountId: t.accountId, url: t.remoteUrl }] : []));
}

/** True once every account has an outcome that is not "still on its way". */
export function isSettled(post: PostView): boolean {
  return post.targets.every((t) => !['scheduled', 'retrying', 'publishing'].includes(t.status));
}

/** "Mon 1 Jun 09:00": the slot as the account's wall time, with its zone when it differs from the app's. */
export function describeSlot(slot: NextSlot, appZone: string): string {
  const [y, m, d] = slot.date.split('-').map(Number) as [number, number, number];
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  const zone = slot.timeZone === appZone ? '' : ` (${slot.timeZone})`;
  return `${weekday} ${d} ${month} ${slot.time}${zone}`;
}
