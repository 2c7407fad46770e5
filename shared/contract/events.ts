// Events the backend pushes to every shell; the renderer refreshes what they name.

import type { SchedulerStatus } from './system';

export type BackendEvent =
  | { readonly type: 'posts.changed'; readonly postIds: readonly string[] }
  | { readonly type: 'accounts.changed' }
  | { readonly type: 'settings.changed' }
  | { readonly type: 'scheduler.status'; readonly status: SchedulerStatus };
