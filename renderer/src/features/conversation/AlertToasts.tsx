// Raises a lasting notice for each high-severity watchlist alert, wherever the user is, with the crisis brake on it.

import { useEffect } from 'react';
import { invoke, onLiveEvent } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useToasts } from '../../state/toasts';

export function AlertToasts(): null {
  const t = useStrings();
  const { notify } = useToasts();
  useEffect(
    () =>
      onLiveEvent((e) => {
        if (e.type !== 'conversation.alert' || e.alert.severity !== 'high') return;
        const { alert } = e;
        notify({
          tone: 'danger',
          message: `${t.conversation.alerts}: “${alert.term}”`,
          // A note keeps the notice on screen until the user dismisses it or acts on it.
          note: alert.text,
          action: {
            label: t.conversation.pauseAll,
            run: () => {
              void invoke('engine.pause', { reason: t.conversation.pauseReason(alert.term) }).then((r) =>
                notify(
                  r.ok
                    ? { tone: 'warning', message: t.conversation.pausedToast(alert.term) }
                    : { tone: 'danger', message: messageFor(r.error) },
                ),
              );
            },
          },
        });
      }),
    [t, notify],
  );
  return null;
}
