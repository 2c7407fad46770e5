// Resuming publishing (all or one account), then showing what came due during the pause for a decision.

import { useState } from 'react';
import { invoke } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { useStrings } from '../../i18n';
import { useNotify } from '../../state/toasts';
import { openEngineDialog } from './engineStore';

export interface Resumer {
  readonly busy: boolean;
  readonly error: string | null;
  resume(accountId: string | null): Promise<void>;
}

export function useResume(): Resumer {
  const t = useStrings();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function resume(accountId: string | null): Promise<void> {
    setBusy(true);
    const result = accountId ? await invoke('engine.resumeAccount', { accountId }) : await invoke('engine.resume', {});
    setBusy(false);
    if (!result.ok) {
      setError(messageFor(result.error));
      return;
    }
    setError(null);
    const waiting = result.value.review.length;
    notify({ message: waiting > 0 ? t.engine.resumed : t.engine.resumedNothing, tone: 'success' });
    // Nothing that came due is sent by resuming; the review asks, post by post.
    if (waiting > 0) openEngineDialog({ kind: 'review' });
  }

  return { busy, error, resume };
}
