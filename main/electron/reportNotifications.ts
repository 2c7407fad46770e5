// A system notification when a scheduled report was written (click: show it in its folder) or could not be.

import { Notification, shell } from 'electron';
import type { Backend } from '../core/backend';

/** Returns a function that stops listening. */
export function notifyScheduledReports(backend: Backend): () => void {
  if (!Notification.isSupported()) return () => {};
  return backend.subscribe((event) => {
    if (event.type !== 'report.written') return;
    const path = event.path;
    const n = path
      ? new Notification({ title: `Your ${event.cadence} report is ready`, body: path })
      : new Notification({ title: `The ${event.cadence} report was not written`, body: event.error ?? '' });
    if (path) n.on('click', () => shell.showItemInFolder(path));
    n.show();
  });
}
