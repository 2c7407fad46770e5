// The workspace server's people and review routes, as the pages and the app call them: same-origin JSON, the session
// cookie, and the server's { ok, value } / { ok: false, error } envelope. The server checks every role again. In the
// desktop app signed in to a workspace, the review and notification routes go through the main process
// (workspace.review), which holds the session: the window never sees it.

import type { AccountWithRule } from '../../../shared/contract';
import type { PostSummary } from '../../../shared/domain';
import { invoke, runningShell } from '../api/client';
import type {
  ApprovalRule,
  CreatedLink,
  EmailPreference,
  EmailSettings,
  HistoryItem,
  MemberPostView,
  Mentionable,
  Person,
  PublicReviewView,
  ReviewComment,
  ReviewLinkInfo,
  ReviewStatus,
  RuleScope,
  WorkspaceNotification,
} from './types';

export type Answer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/**
 * Where the routes are: relative to the page in the app (as its contract calls are), "/" on the workspace's own
 * pages, which live at several depths (/posts/<id>).
 */
let base = '';
export function setWorkspaceBase(path: string): void {
  base = path === '' || path.endsWith('/') ? path : `${path}/`;
}
export const workspaceUrl = (path: string) => `${base}${path.replace(/^\//, '')}`;

async function request<T>(path: string, body?: Record<string, unknown>): Promise<Answer<T>> {
  if (runningShell() === 'electron') return overDesktop<T>(path, body);
  let res: Response;
  try {
    res = await fetch(workspaceUrl(path), {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch {
    return {
      ok: false,
      error: { code: 'unreachable', message: 'The workspace server does not answer. Check the connection and try again.' },
    };
  }
  try {
    const json = (await res.json()) as Answer<T>;
    if (typeof json === 'object' && json !== null && 'ok' in json) return json;
  } catch {
    // Fall through: not an answer of ours.
  }
  return { ok: false, error: { code: 'bad_reply', message: `The workspace server answered something unexpected (HTTP ${res.status}).` } };
}

/** The desktop's way: its main process asks the workspace, with the session it keeps. */
async function overDesktop<T>(path: string, body: Record<string, unknown> | undefined): Promise<Answer<T>> {
  const r = await invoke('workspace.review', body === undefined ? { path } : { path, body });
  if (!r.ok) return { ok: false, error: { code: r.error.code, message: r.error.message } };
  return r.value as Answer<T>;
}

const seg = encodeURIComponent;

export const workspaceApi = {
  session: () => request<{ user: Person; expiresAt: string }>('api/session'),
  setupNeeded: () => request<{ needed: boolean }>('api/setup'),
  setup: (input: { setupCode: string; email: string; displayName: string; password: string }) =>
    request<{ user: Person }>('api/setup', input),
  signIn: (input: { email: string; password: string }) => request<{ user: Person }>('api/session/sign-in', input),
  signOut: () => request<{ signedOut: boolean }>('api/session/sign-out', {}),
  acceptInvitation: (input: { token: string; email: string; displayName: string; password: string }) =>
    request<{ user: Person }>('api/invitations/accept', input),

  post: (postId: string) => request<MemberPostView>(`api/review/posts/${seg(postId)}`),
  submit: (postId: string, note?: string) => request<ReviewStatus>(`api/review/posts/${seg(postId)}/submit`, note ? { note } : {}),
  approve: (postId: string, note?: string) => request<ReviewStatus>(`api/review/posts/${seg(postId)}/approve`, note ? { note } : {}),
  requestChanges: (postId: string, note: string) => request<ReviewStatus>(`api/review/posts/${seg(postId)}/request-changes`, { note }),
  comments: (postId: string) => request<ReviewComment[]>(`api/review/posts/${seg(postId)}/comments`),
  addComment: (postId: string, input: { body: string; partIndex?: number | null; replyTo?: string | null }) =>
    request<ReviewComment>(`api/review/posts/${seg(postId)}/comments`, input),
  editComment: (id: string, body: string) => request<ReviewComment>(`api/review/comments/${seg(id)}/edit`, { body }),
  deleteComment: (id: string) => request<{ deleted: boolean }>(`api/review/comments/${seg(id)}/delete`, {}),
  resolveComment: (id: string, resolved: boolean) => request<ReviewComment>(`api/review/comments/${seg(id)}/resolve`, { resolved }),
  history: (postId: string) => request<HistoryItem[]>(`api/review/posts/${seg(postId)}/history`),
  links: (postId: string) => request<ReviewLinkInfo[]>(`api/review/posts/${seg(postId)}/links`),
  createLink: (postId: string, input: { expiresInDays: number; reviewerName?: string; canApprove: boolean }) =>
    request<CreatedLink>(`api/review/posts/${seg(postId)}/links`, input),
  revokeLink: (id: string) => request<{ revoked: boolean }>(`api/review/links/${seg(id)}/revoke`, {}),
  members: () => request<Mentionable[]>('api/review/members'),

  notifications: () => request<{ items: WorkspaceNotification[]; unread: number }>('api/notifications'),
  unreadCount: () => request<{ unread: number }>('api/notifications/unread-count'),
  markRead: (ids: readonly string[] | 'all') =>
    request<{ changed: number; unread: number }>('api/notifications/read', ids === 'all' ? { all: true } : { ids }),
  emailSettings: () => request<EmailSettings>('api/notifications/email'),
  setEmailPreference: (preference: EmailPreference) => request<EmailSettings>('api/notifications/email', { preference }),

  openLink: (token: string) => request<PublicReviewView>('api/review-link/open', { token }),
  linkApprove: (token: string, name: string, note?: string) =>
    request<{ decided: string }>('api/review-link/approve', { token, name, ...(note ? { note } : {}) }),
  linkRequestChanges: (token: string, name: string, note: string) =>
    request<{ decided: string }>('api/review-link/request-changes', { token, name, note }),
  linkComment: (token: string, name: string, body: string) => request<ReviewComment>('api/review-link/comment', { token, name, body }),
};

/** What the server's event stream says changed: a post's review, this person's notifications, or the approval rules. */
export type WorkspaceChange =
  | { readonly type: 'review.changed'; readonly postId: string }
  | { readonly type: 'notifications.changed' }
  | { readonly type: 'rules.changed' };

export function parseWorkspaceChange(data: string): WorkspaceChange | null {
  try {
    const v = JSON.parse(data) as Record<string, unknown>;
    if (v.type === 'review.changed' && typeof v.postId === 'string') return { type: 'review.changed', postId: v.postId };
    if (v.type === 'notifications.changed') return { type: 'notifications.changed' };
    if (v.type === 'rules.changed') return { type: 'rules.changed' };
  } catch {
    // Not a change of ours.
  }
  return null;
}

export const invitationsApi = {
  invite: (input: { role: string; email?: string }) =>
    request<{ id: string; link: string; role: string; email: string | null; expiresAt: string }>('api/invitations', input),
};

/** Approval rules: every member may read them, the owner and admins set and remove them (the server decides). */
export const rulesApi = {
  list: () => request<ApprovalRule[]>('api/review/rules'),
  set: (scope: RuleScope, approvalsNeeded: 1 | 2) => request<ApprovalRule>('api/review/rules', { ...scope, approvalsNeeded }),
  remove: (scope: RuleScope) => request<{ removed: boolean }>('api/review/rules/remove', scope),
};

/**
 * The few contract calls the workspace's own pages make, through the same route as the app (/api/invoke/<channel>),
 * whose answer is the contract's { ok, value } / { ok: false, error } envelope.
 */
export const contractApi = {
  accounts: () => request<AccountWithRule[]>('api/invoke/accounts.list', {}),
  // The contract has no list of labels: they are read off the posts, as the composer does.
  postSummaries: () => request<PostSummary[]>('api/invoke/posts.summaries', {}),
};
