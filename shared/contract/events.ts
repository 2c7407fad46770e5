// Events the backend pushes to every shell; the renderer refreshes what they name.

import type { ConversationAlert } from './conversation';
import type { EngineStatus } from './engine';
import type { Problem } from './problems';
import type { SchedulerStatus } from './system';
import type { WorkspaceStatus } from './workspace';

/** A notification of a teammate's, for the desktop's system notifications (the workspace's own words). */
export interface WorkspaceNotice {
  readonly id: string;
  readonly kind: string;
  readonly summary: string;
  readonly actorName: string;
  readonly postId: string | null;
}

export type BackendEvent =
  | { readonly type: 'posts.changed'; readonly postIds: readonly string[] }
  /** Something in the workspace is for this person (a mention, a review asked of them, an approval). */
  | { readonly type: 'workspace.notification'; readonly notice: WorkspaceNotice }
  | { readonly type: 'accounts.changed' }
  | { readonly type: 'settings.changed' }
  | { readonly type: 'scheduler.status'; readonly status: SchedulerStatus }
  /** Pause state, waiting-for-network and attention counts changed: show the banner and badges from it. */
  | { readonly type: 'engine.status'; readonly status: EngineStatus }
  | { readonly type: 'conversation.alert'; readonly alert: ConversationAlert }
  | { readonly type: 'conversation.updated'; readonly accountIds: readonly string[] }
  | { readonly type: 'connectivity'; readonly online: boolean; readonly waiting: number }
  /**
   * The connected workspace says what changed in its review workflow: a post's review (postId), this person's
   * notifications, or the approval rules. Review panels and notification lists read again what it names.
   */
  | {
      readonly type: 'workspace.changed';
      readonly change: 'review.changed' | 'notifications.changed' | 'rules.changed';
      readonly postId: string | null;
    }
  /** The desktop's link to a workspace changed: signed in or out, reachable or not, changes waiting or sent. */
  | { readonly type: 'workspace.status'; readonly status: WorkspaceStatus }
  /** What the window shows came from elsewhere and changed unannounced (a workspace connected, left, or back): refetch all. */
  | { readonly type: 'resync' }
  /** New numbers were read for these posts. */
  | { readonly type: 'metrics.updated'; readonly postIds: readonly string[] }
  /** A scheduled report was written (path) or could not be (error). */
  | {
      readonly type: 'report.written';
      readonly cadence: 'weekly' | 'monthly';
      readonly path: string | null;
      readonly error: string | null;
      /** The same error from the catalog, for pages to word; null when the report was written. */
      readonly errorProblem: Problem | null;
    };
