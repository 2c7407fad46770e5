// The review workflow as the workspace server uses it: approvals, comments, review links and notifications over one
// pool, with every committed notification also signalled to the processes serving the people it is for.

import type pg from 'pg';
import { WorkspaceApprovals } from './approvals';
import { WorkspaceComments } from './comments';
import { type EmailOptions, NotificationCenter } from './notifications';
import { ReviewLinks } from './reviewLinks';
import { publishSignal } from './signals';

export interface ReviewWorkflow {
  readonly pool: pg.Pool;
  readonly approvals: WorkspaceApprovals;
  readonly comments: WorkspaceComments;
  readonly links: ReviewLinks;
  readonly notifications: NotificationCenter;
}

export interface ReviewWorkflowOptions {
  /** Signs review links: derived from the server key (Sealer.deriveKey), never stored. */
  readonly linkKey: Buffer;
  readonly email?: EmailOptions;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

/** Tells the people's open pages that they have new notifications, once they are committed. */
class SignallingNotifications extends NotificationCenter {
  readonly #pool: pg.Pool;
  readonly #log: (line: string) => void;

  constructor(pool: pg.Pool, options: ReviewWorkflowOptions) {
    super(pool, { ...(options.now ? { now: options.now } : {}), ...(options.email ? { email: options.email } : {}) });
    this.#pool = pool;
    this.#log = options.log ?? (() => {});
  }

  override afterCommit(ids: readonly string[]): void {
    super.afterCommit(ids);
    if (ids.length === 0) return;
    void this.#pool
      .query<{ user_id: string }>('SELECT DISTINCT user_id FROM notifications WHERE id = ANY($1)', [ids])
      .then(({ rows }) => publishSignal(this.#pool, { type: 'notifications.changed', userIds: rows.map((r) => r.user_id) }))
      .catch((e: Error) => this.#log(`New notifications could not be signalled to open pages: ${e.message}`));
  }
}

export function createReviewWorkflow(pool: pg.Pool, options: ReviewWorkflowOptions): ReviewWorkflow {
  const now = options.now ? { now: options.now } : {};
  const notifications = new SignallingNotifications(pool, options);
  const approvals = new WorkspaceApprovals(pool, { ...now, notifications });
  const comments = new WorkspaceComments(pool, { ...now, notifications });
  const links = new ReviewLinks(pool, { key: options.linkKey, approvals, comments, notifications, ...now });
  return { pool, approvals, comments, links, notifications };
}
