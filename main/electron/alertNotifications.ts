// System notifications for high-severity watchlist alerts, offering the crisis brake without opening the window.

import { Notification } from 'electron';
import type { Backend } from '../core/backend';
import { alertNotificationText } from './alertText';

export interface AlertNotificationDeps {
  readonly backend: Backend;
  /** Brings the main window forward, where the alert waits in the conversation panel. */
  readonly showMainWindow: () => void;
}

/** Shows a notification for each new high-severity alert; returns a function that stops listening. */
export function notifyHighSeverityAlerts(d: AlertNotificationDeps): () => void {
  if (!Notification.isSupported()) return () => {};
  return d.backend.subscribe((event) => {
    if (event.type !== 'conversation.alert' || event.alert.severity !== 'high') return;
    const text = alertNotificationText(event.alert);
    // Action buttons exist on macOS and Windows; elsewhere a click opens the panel, where the same button is.
    const n = new Notification({ title: text.title, body: text.body, actions: [{ type: 'button', text: text.pauseAction }] });
    n.on('action', () => {
      void d.backend.invoke('engine.pause', { reason: text.pauseReason });
    });
    n.on('click', () => d.showMainWindow());
    n.show();
  });
}
