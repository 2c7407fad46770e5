// System notifications for what a team workspace has for this person (a mention, a review asked of them, an approval),
// while the desktop app is signed in to one. A click brings the window forward, where the notifications list waits.

import { Notification } from 'electron';
import type { Backend } from '../core/backend';

export interface WorkspaceNotificationDeps {
  readonly backend: Pick<Backend, 'subscribe'>;
  readonly showMainWindow: () => void;
}

/** Shows one system notification for each new workspace notification; returns a function that stops listening. */
export function notifyWorkspaceNotices(d: WorkspaceNotificationDeps): () => void {
  if (!Notification.isSupported()) return () => {};
  return d.backend.subscribe((event) => {
    if (event.type !== 'workspace.notification') return;
    const n = new Notification({ title: event.notice.actorName || 'Kairos workspace', body: event.notice.summary });
    n.on('click', () => d.showMainWindow());
    n.show();
  });
}
