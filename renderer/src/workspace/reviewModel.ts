// What the review panel and pages decide without the server: secrets read from the address's fragment, a link's
// state, comments put in threads, which actions to offer, and one history line in words.

import type { Dictionary } from '../i18n';
import type { ApprovalState, HistoryItem, MemberPostView, ReviewComment, ReviewLinkInfo, ReviewStatus, Role } from './types';

/** A value from the address's fragment (#token=…): browsers never send it, so the secret stays out of logs. */
export function fragmentValue(hash: string, name: string): string | null {
  const v = new URLSearchParams(hash.replace(/^#/, '')).get(name);
  return v && v.trim() !== '' ? v.trim() : null;
}

/**
 * The state to show: a post a rule came to cover after it was written is stored as "none" but waits for review like
 * a draft (its publish block says so), so it is shown as one.
 */
export function shownState(status: Pick<ReviewStatus, 'state' | 'approvalsNeeded'>): ApprovalState {
  return status.state === 'none' && status.approvalsNeeded > 0 ? 'draft' : status.state;
}

export type LinkState = 'revoked' | 'expired' | 'used' | 'unused';

/** Used means someone acted through it (comment or decision), not just opened it. */
export function linkState(link: ReviewLinkInfo, now: number): LinkState {
  if (link.revokedAt) return 'revoked';
  if (Date.parse(link.expiresAt) <= now) return 'expired';
  return link.uses.some((u) => u.action === 'approved' || u.action === 'changes_requested' || u.action === 'commented') ? 'used' : 'unused';
}

export interface CommentThread {
  readonly comment: ReviewComment;
  readonly replies: readonly ReviewComment[];
}

/** Comments in threads, oldest first; a reply to a reply joins its thread; a reply whose parent is gone stands alone. */
export function threads(comments: readonly ReviewComment[]): CommentThread[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (c: ReviewComment): string => {
    let cur = c;
    const seen = new Set<string>();
    while (cur.replyTo && byId.has(cur.replyTo) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.replyTo) as ReviewComment;
    }
    return cur.id;
  };
  const out = new Map<string, { comment: ReviewComment; replies: ReviewComment[] }>();
  for (const c of comments) {
    const root = rootOf(c);
    if (root === c.id) out.set(c.id, { comment: c, replies: out.get(c.id)?.replies ?? [] });
    else {
      const t = out.get(root);
      if (t) t.replies.push(c);
    }
  }
  return [...out.values()];
}

export interface OfferedActions {
  readonly submit: boolean;
  readonly decide: boolean;
  /** The person may decide in general but wrote this post or its latest version. */
  readonly ownPost: boolean;
}

const DECIDERS: readonly Role[] = ['owner', 'admin', 'approver'];

export function offeredActions(view: MemberPostView, me: { readonly id: string; readonly role: Role }): OfferedActions {
  const state = view.status.state;
  const own = me.id === view.authorId || me.id === view.revisedBy;
  return {
    submit: view.may.submit && (state === 'none' || state === 'draft' || state === 'changes_requested'),
    decide: view.may.decide && state === 'in_review',
    ownPost: own && state === 'in_review' && DECIDERS.includes(me.role),
  };
}

/** "Ann Lee approved (version 2)", with a note or a comment's words when the step had one. */
export function historyLine(item: HistoryItem, t: Dictionary['team']['history']): { readonly what: string; readonly quote: string | null } {
  const action = t.actions[item.action] ?? t.other(item.action);
  const d = item.detail;
  const quote =
    typeof d.note === 'string'
      ? d.note
      : item.action === 'comment.added' && typeof d.body === 'string'
        ? d.body
        : typeof d.after === 'string'
          ? d.after
          : null;
  const version = item.revision !== null && item.action.startsWith('review.') ? ` (${t.revision(item.revision)})` : '';
  return {
    what: `${item.actorName} ${action}${version}${item.reviewLinkId && !item.action.startsWith('review_link.') ? ` ${t.viaLink}` : ''}`,
    quote,
  };
}

/** A time in the reader's language and zone. */
export function formatWhen(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(
    new Date(iso),
  );
}
