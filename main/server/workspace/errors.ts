// Refusals of the review workflow: a code the renderer words, an English sentence for logs and the CLI, and the
// values the sentence names. A refusal never carries a token, a password or a mail server's credentials.

export type WorkspaceErrorCode =
  | 'not_allowed'
  | 'own_post'
  | 'post_unknown'
  | 'wrong_state'
  | 'already_decided'
  | 'rule_invalid'
  | 'comment_unknown'
  | 'comment_invalid'
  | 'comment_deleted'
  | 'not_comment_author'
  | 'link_invalid'
  | 'link_expired'
  | 'link_revoked'
  | 'link_other_post'
  | 'link_cannot_approve'
  | 'reviewer_name_missing';

export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
