// What the workspace server's review routes answer, as JSON (times as ISO strings).

export type Role = 'owner' | 'admin' | 'editor' | 'approver' | 'viewer';

/** The roles whose work is reading posts, not changing them (the server's 'edit' access: main/server/auth/permissions.ts). */
export type ReadingRole = 'approver' | 'viewer';
export const readsOnly = (role: Role): role is ReadingRole => role === 'approver' || role === 'viewer';
export type ApprovalState = 'none' | 'draft' | 'in_review' | 'approved' | 'changes_requested';

export interface Person {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface ReviewStatus {
  readonly postId: string;
  readonly state: ApprovalState;
  readonly revision: number;
  readonly approvalsNeeded: number;
  readonly approvals: readonly { readonly name: string; readonly userId: string | null; readonly external: boolean; readonly at: string }[];
  readonly publish: { readonly allowed: boolean; readonly block: string | null; readonly reason: string };
}

export interface ReviewNetwork {
  readonly accountId: string;
  readonly platform: string;
  readonly accountName: string;
  readonly handle: string;
  readonly avatarUrl: string | null;
  readonly text: string;
}

export interface ReviewMedia {
  readonly id: string;
  readonly partIndex: number;
  readonly fileName: string;
  readonly mime: string;
  readonly alt: string;
}

export interface ReviewPostContent {
  readonly post: {
    readonly id: string;
    readonly text: string;
    readonly parts: readonly unknown[];
    readonly labels: readonly string[];
    readonly options: Readonly<Record<string, unknown>>;
    readonly scheduledAt: string | null;
    readonly timeZone: string;
    readonly revision: number;
    readonly approvalState: ApprovalState;
  };
  readonly networks: readonly ReviewNetwork[];
  readonly media: readonly ReviewMedia[];
}

export interface MemberPostView extends ReviewPostContent {
  readonly status: ReviewStatus;
  readonly authorId: string | null;
  readonly revisedBy: string | null;
  readonly may: {
    readonly submit: boolean;
    readonly decide: boolean;
    readonly comment: boolean;
    readonly resolve: boolean;
    readonly links: boolean;
    readonly rules: boolean;
    readonly deleteAnyComment: boolean;
  };
}

export interface ReviewComment {
  readonly id: string;
  readonly postId: string;
  readonly partIndex: number | null;
  readonly replyTo: string | null;
  readonly authorId: string | null;
  readonly authorName: string;
  readonly external: boolean;
  readonly body: string;
  readonly mentions: readonly { readonly userId: string; readonly name: string }[];
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly deletedAt: string | null;
}

export interface HistoryItem {
  readonly id: number;
  readonly at: string;
  readonly userId: string | null;
  readonly reviewLinkId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly revision: number | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface ReviewLinkInfo {
  readonly id: string;
  readonly postId: string;
  readonly reviewerName: string | null;
  readonly canApprove: boolean;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly uses: readonly { readonly at: string; readonly action: string; readonly address: string | null }[];
}

export interface CreatedLink {
  readonly id: string;
  readonly link: string;
  readonly expiresAt: string;
}

export interface Mentionable {
  readonly id: string;
  readonly displayName: string;
  readonly handle: string;
}

export type NotificationKind = 'review_requested' | 'changes_requested' | 'approved' | 'mentioned' | 'commented';

export interface WorkspaceNotification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly postId: string | null;
  readonly commentId: string | null;
  readonly actorName: string;
  readonly summary: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** Which notifications also come by email: all, only those that ask something of the person, or none. */
export type EmailPreference = 'all' | 'needs_me' | 'none';

export interface EmailSettings {
  readonly preference: EmailPreference;
  /** Whether the workspace has a mail server at all; without one nobody gets email, whatever they chose. */
  readonly emailConfigured: boolean;
}

/** Through a review link: the post, its comments, and what the link allows. */
export interface PublicReviewView extends ReviewPostContent {
  readonly comments: readonly ReviewComment[];
  readonly link: { readonly reviewerName: string | null; readonly canApprove: boolean; readonly expiresAt: string };
}

/** Which posts a rule covers: those going to one account, or those with one label. */
export type RuleScope = { readonly scope: 'account'; readonly accountId: string } | { readonly scope: 'label'; readonly label: string };

/** "Posts need approval": by one approver, or by two different people. Setting a scope's rule again replaces it. */
export interface ApprovalRule {
  readonly id: string;
  readonly scope: RuleScope;
  readonly approvalsNeeded: 1 | 2;
  readonly createdBy: string | null;
  readonly createdAt: string;
}
