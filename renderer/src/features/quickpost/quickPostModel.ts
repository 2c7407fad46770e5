// Quick post's pure rules: which accounts start selected, which keys send or close, and what a saved post says.

import type { AccountWithRule } from '../../../../shared/contract';
import type { PostView } from '../../../../shared/domain';
import type { WallTime } from '../../../../shared/time/wallTime';

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
  return post.targets.every((t) => !ON_ITS_WAY.has(t.status));
}

const ON_ITS_WAY: ReadonlySet<string> = new Set(['scheduled', 'retrying', 'publishing']);

/** Where a "Post now" stands, as the confirmation says it. */
export type SendProgress =
  | { readonly kind: 'sending' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'published'; readonly links: readonly PublishedLink[] }
  | { readonly kind: 'partly'; readonly links: readonly PublishedLink[]; readonly published: number }
  | { readonly kind: 'notSent'; readonly reason: string | null };

/**
 * A post sent with "Post now", read from its latest state and the connectivity. While the networks cannot be
 * reached it is waiting for them (not failing); once every account has an outcome it is published, partly
 * published (some accounts need a look) or not sent, with the first reason a network gave.
 */
export function sendProgress(post: PostView | null, online: boolean): SendProgress {
  if (!post) return online ? { kind: 'sending' } : { kind: 'waiting' };
  const links = publishedLinks(post);
  const published = post.targets.filter((t) => t.status === 'published').length;
  if (!isSettled(post)) return online ? { kind: 'sending' } : { kind: 'waiting' };
  if (published === post.targets.length && published > 0) return { kind: 'published', links };
  if (published > 0) return { kind: 'partly', links, published };
  return { kind: 'notSent', reason: post.targets.find((t) => t.lastError)?.lastError ?? null };
}

/** The slot (a queued post's wall time) in words, with its zone when it differs from the app's. */
export function describeSlot(slot: WallTime, appZone: string, formatWall: (date: string, time: string) => string): string {
  const zone = slot.timeZone === appZone ? '' : ` (${slot.timeZone})`;
  return `${formatWall(slot.date, slot.time)}${zone}`;
}

/** The first image among pasted files; `other` says a file was pasted that is not one. */
export function pastedImage<F extends { readonly type: string }>(files: readonly F[]): { image: F | null; other: boolean } {
  const image = files.find((f) => f.type.startsWith('image/')) ?? null;
  return { image, other: image === null && files.length > 0 };
}
